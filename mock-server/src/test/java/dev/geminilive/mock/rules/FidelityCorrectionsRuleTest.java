package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.vertex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vertex model-name forms and affective features, and an empty tools list, per their sources. */
class FidelityCorrectionsRuleTest {
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
  void vertexTakesTheShortPublisherFormAndAffectiveFeaturesWithoutAnApiVersionFinding() throws Exception {
    try (RawLiveClient c = vertex(server)) {
      setUp(c, "publishers/google/models/gemini-live-2.5-flash-native-audio",
          "\"generationConfig\":{\"enableAffectiveDialog\":true},\"proactivity\":{\"proactiveAudio\":true}");
    }
    assertThat(findings(latest(server))).noneMatch(f -> f.startsWith("setup.featureApiVersion"));
    // The Developer API still documents them for v1alpha.
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "\"generationConfig\":{\"enableAffectiveDialog\":true}");
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("setup.featureApiVersion"));
  }

  @Test
  void anEmptyToolsListIsRefusedOn31Only() throws Exception {
    try (RawLiveClient c = dev(server)) {
      c.setup(M31, "\"tools\":[]");
      assertThat(c.awaitClose(WAIT_MILLIS))
          .isEqualTo(new RawLiveClient.Close(1007, "Request contains an invalid argument."));
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "\"tools\":[]");
    }
  }
}
