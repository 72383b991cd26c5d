package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.testing.RawLiveClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record mode through the front door (what {@code serve --record-upstream} uses): Live sessions go
 * upstream and are written; the admin API stays local. Bad record options are usage errors.
 */
class RecordModeFrontDoorTest {
  @TempDir Path out;

  @Test
  void serveInRecordModeProxiesLiveSessionsAndKeepsItsAdminApi() throws Exception {
    try (GeminiLiveMockServer upstream = GeminiLiveMockServer.start(GeminiLiveMockOptions.options().timeScale(0));
        GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
            .record(RecorderOptions.of(URI.create(upstream.baseUrl()), out)))) {
      RecordReplayTest.textSession(mock.baseUrl().replaceFirst("^http", "ws") + RawLiveClient.DEV_PATH + "?key=k1",
          Map.of());
      // The session ran upstream, not in the recording mock.
      assertThat(upstream.journal().sessions()).hasSize(1);
      assertThat(mock.journal().sessions()).isEmpty();
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      RecordingRigs.awaitWritten(mock.recorder().orElseThrow(), 1);
    }
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
    assertThat(ScriptedUpstreamRecordingTest.single(out)).exists();
  }

  @Test
  void constrainedEndpointPassesTheEphemeralTokenOnAndRecordsOnlyItsKind() throws Exception {
    String constrained = "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained";
    try (RecordingRig rig = RecordingRig.persona(out, RecordingRig.fast(), o -> o)) {
      RecordReplayTest.textSession(rig.proxyWs() + "/my-token-session" + constrained
          + "?access_token=auth_tokens/EPHEMERAL-SECRET", Map.of());
      rig.awaitRecordings(1);
      // The upstream saw the Constrained method and a token, the recording only its kind.
      assertThat(rig.upstream.journal().latest().orElseThrow().attribute("credential"))
          .isEqualTo("ephemeral-token@query");
    }
    Path file = ScriptedUpstreamRecordingTest.single(out);
    assertThat(file.getFileName().toString()).startsWith("my-token-session-");
    assertThat(java.nio.file.Files.readString(file)).doesNotContain("EPHEMERAL-SECRET", "auth_tokens/")
        .contains("ephemeral-token@query", "BidiGenerateContentConstrained");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
  }

  @Test
  void recordCommandProxiesAndWritesWhatItSawWhenStopped() throws Exception {
    try (GeminiLiveMockServer upstream = GeminiLiveMockServer.start(GeminiLiveMockOptions.options().timeScale(0))) {
      int port;
      try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
        port = free.getLocalPort();
      }
      java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(-1);
      Thread recorder = new Thread(() -> exit.set(MockServerCli.run("record", "--upstream", upstream.baseUrl(),
          "--out", out.toString(), "--port", String.valueOf(port))), "record-command");
      recorder.start();
      String ws = "ws://127.0.0.1:" + port;
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
          return true;
        }
      });
      // A session left open when the recorder stops is written, marked incomplete.
      RawLiveClient open = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=k");
      open.send("{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}");
      open.until(m -> m.has("setupComplete"), 5000);
      recorder.interrupt();
      recorder.join(30_000);
      assertThat(exit.get()).isZero();
      open.abortWithoutClose();
    }
    String yaml = java.nio.file.Files.readString(ScriptedUpstreamRecordingTest.single(out));
    assertThat(yaml).contains("incomplete", "type: \"setup\"");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
  }

  @Test
  void badRecordOptionsAreUsageErrors() {
    assertThat(MockServerCli.run("serve", "--record-upstream", "https://example.invalid")).isEqualTo(2);
    assertThat(MockServerCli.run("record", "--upstream", "ftp://host", "--out", out.toString())).isEqualTo(2);
    assertThat(MockServerCli.run("record", "--upstream", "https://host/?key=secret", "--out", out.toString()))
        .isEqualTo(2);
  }
}
