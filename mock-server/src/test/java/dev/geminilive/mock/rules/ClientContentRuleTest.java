package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static dev.geminilive.mock.testing.LiveRules.turnComplete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.transport.LiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 3.1 takes {@code clientContent} only as initial history; 2.5 takes it any time. */
class ClientContentRuleTest {
  static final String HISTORY = "\"historyConfig\":{\"initialHistoryInClientContent\":true}";
  static final String CONTENT_DONE = "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":"
      + "[{\"text\":\"mid-session update\"}]}],\"turnComplete\":true}}";
  static final String CONTENT_MORE = "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":"
      + "[{\"text\":\"earlier\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"noted\"}]}],\"turnComplete\":false}}";
  static final String INVALID = "Request contains an invalid argument.";

  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void on31MidSessionClientContentCloses1007() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, "");
      c.send(textTurn("hello"));
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      c.send(CONTENT_DONE);
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo(INVALID);
    }
    assertThat(LiveRules.events(latest(server), "profile-rule"))
        .anyMatch(n -> n.startsWith("clientContent.onViolation -> close 1007") && n.contains("observed"));
  }

  @Test
  void on31ClientContentWithoutHistoryConfigCloses1007EvenFirst() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, "");
      c.send(CONTENT_DONE);
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo(INVALID);
    }
  }

  @Test
  void on31InitialHistoryIsAcceptedUntilItsTurnComplete() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, HISTORY);
      c.send(CONTENT_MORE);
      c.send(CONTENT_DONE); // completes the history: accepted, and it ends the history phase
      c.send(textTurn("and now?"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
      assertThat(c.isClosed()).isFalse();
      c.send(CONTENT_MORE);
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo(INVALID);
    }
  }

  @Test
  void on31HistoryAfterTheFirstModelTurnCloses1007() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, HISTORY);
      c.send(textTurn("hello"));
      c.until(n -> n.at("/serverContent/modelTurn").isObject(), WAIT_MILLIS);
      c.send(CONTENT_MORE);
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo(INVALID);
    }
  }

  @Test
  void on25ClientContentIsAllowedAnyTime() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send(textTurn("hello"));
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      c.send(CONTENT_DONE);
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS))
          .anyMatch(f -> f.json().at("/serverContent/modelTurn").isObject());
      assertThat(c.isClosed()).isFalse();
    }
  }

  @Test
  void on31InitialHistoryIsFiledWithoutAReplyAndTheFirstRealTurnIsAnswered() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, HISTORY);
      c.send(CONTENT_MORE);
      c.send(CONTENT_DONE);
      // The service files the history away and says nothing (historyConfig docstring; LiveKit JS).
      LiveRules.assertSilentAndOpen(c);
      c.send(textTurn("and now?"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS))
          .anyMatch(f -> f.json().at("/serverContent/modelTurn").isObject());
    }
  }

  /** The dated switch: a profile imitating the service from 2026-09-15 on takes mid-session content. */
  @ParameterizedTest(name = "asOf {0}: accepted {1}")
  @CsvSource({"2026-10-01, true", "2026-09-14, false"})
  void on31TheRelaxedRuleAppliesFromItsDate(String asOf, boolean accepted, @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("relaxed.yaml"), """
        extends: gemini-3.1-flash-live.yaml
        family: gemini-3.1-flash-live
        clientContent:
          asOf: "%s"
        """.formatted(asOf));
    try (LiveServer relaxed = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500)
            .withSession(new SessionSettings(0.1, 300)),
            ProfileCatalog.withDirectory(dir), session -> new PersonaResponder());
        RawLiveClient c = dev(relaxed)) {
      setUp(c, M31, "");
      c.send(textTurn("hello"));
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      c.send(CONTENT_DONE);
      if (accepted) {
        assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS))
            .anyMatch(f -> f.json().at("/serverContent/modelTurn").isObject());
      } else {
        assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1007, INVALID));
      }
    }
  }
}
