package dev.geminilive.mock.transport;

import static dev.geminilive.mock.testing.RawLiveClient.DEV_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paced replies run on the loop's shared timer and are counted in the pacing metric
 * ({@code /__admin/metrics/pacing}); DELETE starts it over. Counts only, never times.
 */
class PacingMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";

  private static JsonNode admin(HttpClient http, LiveServer server, String method) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/metrics/pacing"))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void pacedReplyFramesAreCountedInOrderAndTheMetricResets() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.05, 300)))) {
      assertThat(admin(http, server, "GET").get("messages").asLong()).isZero();
      String ws = server.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k";
      try (RawLiveClient a = RawLiveClient.connect(ws); RawLiveClient b = RawLiveClient.connect(ws)) {
        for (RawLiveClient c : List.of(a, b)) {
          c.setup(MODEL, "");
          assertThat(c.next(5000).json().has("setupComplete")).isTrue();
          c.send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}");
        }
        for (RawLiveClient c : List.of(a, b)) {
          List<Frame> reply = c.until(n -> n.at("/serverContent/turnComplete").asBoolean(), 10_000);
          // Both sessions' paced frames went through the shared timer, in order, none lost.
          assertThat(reply.get(reply.size() - 1).json().at("/serverContent/turnComplete").asBoolean()).isTrue();
          assertThat(reply.stream().filter(f -> f.json().has("serverContent")
              && f.json().at("/serverContent/modelTurn/parts/0/inlineData").isObject())).hasSizeGreaterThan(1);
        }
      }
      JsonNode metrics = admin(http, server, "GET");
      assertThat(metrics.get("messages").asLong()).isGreaterThan(2);
      assertThat(metrics.has("p99Ms")).isTrue();
      assertThat(metrics.has("over20MsPct")).isTrue();
      assertThat(admin(http, server, "DELETE").get("messages").asLong()).isZero();
    }
  }
}
