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
  void badRecordOptionsAreUsageErrors() {
    assertThat(MockServerCli.run("serve", "--record-upstream", "https://example.invalid")).isEqualTo(2);
    assertThat(MockServerCli.run("record", "--upstream", "ftp://host", "--out", out.toString())).isEqualTo(2);
    assertThat(MockServerCli.run("record", "--upstream", "https://host/?key=secret", "--out", out.toString()))
        .isEqualTo(2);
  }
}
