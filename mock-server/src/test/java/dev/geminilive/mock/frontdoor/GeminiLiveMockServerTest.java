package dev.geminilive.mock.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.MockStartException;
import dev.geminilive.mock.testing.RawLiveClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door starts, wires and stops every part of the mock, over real sockets. */
class GeminiLiveMockServerTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneObjectServesLiveRestAndScenariosOverTls(@TempDir Path stubs) throws Exception {
    Files.createDirectories(stubs.resolve("mappings"));
    Files.writeString(stubs.resolve("mappings/models.json"), """
        {"request": {"method": "GET", "urlPath": "/v1beta/models"},
         "response": {"status": 200, "jsonBody": {"models": [{"name": "models/stubbed"}]}}}
        """);
    try (GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
        .tls(true)
        .stubs(stubs)
        .scenarios(Path.of("..", "scenarios"))
        .closeTimeoutMillis(500))) {
      assertThat(mock.baseUrl()).startsWith("https://127.0.0.1:").endsWith(":" + mock.port());
      assertThat(mock.baseUrlFor("/basic-audio-turn/")).isEqualTo(mock.baseUrl() + "/basic-audio-turn");
      HttpClient https = HttpClient.newBuilder().sslContext(mock.tlsMaterial().orElseThrow().clientContext()).build();

      HttpResponse<String> models = https.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v1beta/models"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(models.body()).at("/models/0/name").asText()).isEqualTo("models/stubbed");
      assertThat(mock.wireMock().getAllServeEvents()).hasSize(1);

      HttpResponse<String> scenarios = https.send(HttpRequest.newBuilder(
          URI.create(mock.baseUrl() + "/__admin/scenarios")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(scenarios.body()).contains("basic-audio-turn");
      assertThat(mock.scenarioLibrary()).isPresent();

      String wss = mock.baseUrlFor("basic-audio-turn").replaceFirst("^https", "wss") + RawLiveClient.DEV_PATH;
      try (RawLiveClient client = RawLiveClient.connect(wss, Map.of("x-goog-api-key", "k"),
          mock.tlsMaterial().get().clientContext())) {
        client.setup(MODEL, "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]}");
        client.until(json -> json.has("setupComplete"), 10_000);
      }
      assertThat(mock.journal().sessions()).hasSize(1);
      assertThat(mock.journal().sessions().get(0).attribute("prefix")).isEqualTo("basic-audio-turn");

      mock.resetJournals();
      assertThat(mock.journal().sessions()).isEmpty();
      assertThat(mock.wireMock().getAllServeEvents()).isEmpty();
    }
  }

  @Test
  void stopsAndStartsAgain() {
    GeminiLiveMockServer mock = new GeminiLiveMockServer(GeminiLiveMockOptions.options().rest(false));
    assertThat(mock.isRunning()).isFalse();
    assertThatThrownBy(mock::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
    mock.start();
    mock.start(); // idempotent
    assertThat(mock.baseUrl()).startsWith("http://");
    assertThatThrownBy(mock::wireMock).isInstanceOf(IllegalStateException.class).hasMessageContaining("rest(false)");
    mock.stop();
    assertThat(mock.isRunning()).isFalse();
    mock.start();
    assertThat(mock.isRunning()).isTrue();
    mock.close();
    assertThat(mock.toString()).contains("stopped");
  }

  @Test
  void sayWhatIsWrongBeforeListening(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
        .stubs(dir.resolve("missing"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> GeminiLiveMockOptions.options().timeScale(-1))
        .isInstanceOf(IllegalArgumentException.class);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
          .rest(false).port(taken.getLocalPort())))
          .isInstanceOf(MockStartException.class).hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
  }
}
