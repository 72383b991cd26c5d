package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.assertSilentAndOpen;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Affective dialog and proactivity: 3.1 never answers the setup; 2.5 takes them (on v1alpha). */
class AffectiveDialogRuleTest {
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"generationConfig\":{\"enableAffectiveDialog\":true}",
      "\"proactivity\":{\"proactiveAudio\":true}"})
  void on31SetupIsNeverAnsweredAndNeverClosed(String feature) throws Exception {
    try (RawLiveClient c = dev(server, "v1alpha")) {
      c.setup(M31, feature);
      assertSilentAndOpen(c);
      // Later messages are not answered either.
      c.send(LiveRules.textTurn("hello?"));
      assertSilentAndOpen(c);
    }
    assertThat(LiveRules.events(latest(server), "profile-rule"))
        .anyMatch(n -> n.contains("-> hang") && n.contains("observed"));
    // The same setup without the feature is answered.
    try (RawLiveClient c = dev(server, "v1alpha")) {
      setUp(c, M31, "");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"generationConfig\":{\"enableAffectiveDialog\":true}",
      "\"proactivity\":{\"proactiveAudio\":true}"})
  void on25TheyAreAcceptedAndV1betaIsAFinding(String feature) throws Exception {
    try (RawLiveClient c = dev(server, "v1alpha")) {
      setUp(c, M25, feature);
    }
    assertThat(findings(latest(server))).isEmpty();
    try (RawLiveClient c = dev(server, "v1beta")) {
      setUp(c, M25, feature);
    }
    assertThat(findings(latest(server)))
        .anyMatch(f -> f.startsWith("setup.featureApiVersion") && f.contains("v1alpha") && f.contains("v1beta"));
  }
}
