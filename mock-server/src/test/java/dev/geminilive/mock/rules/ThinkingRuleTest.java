package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import org.junit.jupiter.api.Test;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 3.1 takes thinkingLevel, 2.5 takes thinkingBudget; the other one, both, or a bad value: 1007. */
class ThinkingRuleTest {
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String thinking(String config) {
    return "\"generationConfig\":{\"thinkingConfig\":{" + config + "}}";
  }

  @ParameterizedTest(name = "{0} accepts {1}")
  @CsvSource(delimiter = '|', value = {
      "31|\"thinkingLevel\":\"MINIMAL\"",
      "31|\"thinkingLevel\":\"LOW\"",
      "31|\"thinkingLevel\":\"MEDIUM\"",
      "31|\"thinkingLevel\":\"HIGH\"",
      "31|\"includeThoughts\":true",
      "25|\"thinkingBudget\":1024",
      "25|\"thinkingBudget\":0",
      "25|\"thinkingBudget\":-1",
      "25|\"thinking_budget\":24576",
  })
  void validFormIsAccepted(String family, String config) throws Exception {
    try (RawLiveClient c = dev(server)) {
      c.setup(family.equals("31") ? M31 : M25, thinking(config));
      JsonNode first = c.next(WAIT_MILLIS).json();
      assertThat(first.has("setupComplete")).as(first.toString()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} rejects {1}")
  @CsvSource(delimiter = '|', value = {
      "31|\"thinkingBudget\":1024|thinkingBudget is not supported",
      "31|\"thinkingLevel\":\"LOW\",\"thinkingBudget\":512|both set",
      "25|\"thinkingLevel\":\"LOW\"|thinkingLevel is not supported",
      "25|\"thinkingLevel\":\"LOW\",\"thinkingBudget\":512|both set",
      "25|\"thinkingBudget\":100000|is outside",
      "25|\"thinkingBudget\":-2|is outside",
  })
  void violationCloses1007WithTheGenericReason(String family, String config, String journalDetail)
      throws Exception {
    try (RawLiveClient c = dev(server)) {
      c.setup(family.equals("31") ? M31 : M25, thinking(config));
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo("Request contains an invalid argument.");
    }
    // The journal says which rule, why, and that the reaction is inferred.
    assertThat(LiveRules.events(latest(server), "profile-rule"))
        .anyMatch(n -> n.startsWith("setup.thinking.onViolation -> close 1007")
            && n.contains("inferred") && n.contains(journalDetail));
  }

  @Test
  void unknownLevelsAndNonIntegerBudgetsAreRefusedByTheParserFirst() throws Exception {
    // The service's proto-JSON parser refuses them before any model rule (docs/protocol-behaviours.md).
    try (RawLiveClient c = dev(server)) {
      c.setup(M31, thinking("\"thinkingLevel\":\"EXTREME\""));
      assertThat(c.awaitClose(WAIT_MILLIS).reason())
          .startsWith("Invalid value at 'setup.generation_config.thinking_config.thinking_level' (type.googleapis.com/");
    }
    try (RawLiveClient c = dev(server)) {
      c.setup(M25, thinking("\"thinkingBudget\":\"lots\""));
      assertThat(c.awaitClose(WAIT_MILLIS).reason())
          .isEqualTo("Invalid value at 'setup.generation_config.thinking_config.thinking_budget' (TYPE_INT32), \"lots\"");
    }
  }
}
