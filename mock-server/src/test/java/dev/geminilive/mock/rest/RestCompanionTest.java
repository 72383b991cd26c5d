package dev.geminilive.mock.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST companions on the Live port, over real HTTP and WebSocket connections. */
class RestCompanionTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final String CONSTRAINED =
      "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static RestCompanion rest;
  static LiveServer server;

  @BeforeAll
  static void start(@TempDir Path stubs) throws Exception {
    Files.createDirectories(stubs.resolve("mappings"));
    Files.writeString(stubs.resolve("mappings/models.json"), """
        {"request": {"method": "GET", "urlPath": "/v1beta/models"},
         "response": {"status": 200, "jsonBody": {"models": [{"name": "models/stubbed-model"}]}}}
        """);
    Files.writeString(stubs.resolve("mappings/scenario-echo.json"), """
        {"request": {"method": "GET", "urlPath": "/v1beta/scenario-echo",
                     "headers": {"X-Gemini-Live-Mock-Scenario": {"matches": ".+"}}},
         "response": {"status": 200, "body": "{{request.headers.X-Gemini-Live-Mock-Scenario}}{{request.cookies.c}}",
                      "transformers": ["response-template"]}}
        """);
    rest = RestCompanion.start(stubs, null);
    server = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500), ProfileCatalog.bundled(),
        session -> new PersonaResponder(), rest.companions());
  }

  @AfterAll
  static void stop() {
    server.close();
    rest.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void userStubsInWireMockFormatAnswerOnTheLivePort() throws Exception {
    HttpResponse<String> models = get("/v1beta/models");
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(models.body()).at("/models/0/name").asText()).isEqualTo("models/stubbed-model");

    // Through a scenario base URL the prefix is cut off, and offered to stubs as a header.
    HttpResponse<String> prefixed = get("/greeting/v1beta/models");
    assertThat(prefixed.statusCode()).isEqualTo(200);
    assertThat(get("/greeting/v1beta/scenario-echo").body()).isEqualTo("greeting");
    HttpResponse<String> templated = HTTP.send(HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/greeting/v1beta/scenario-echo")).header("Cookie", "c=-with-cookie").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(templated.body()).as("response templating sees headers and cookies").isEqualTo("greeting-with-cookie");

    HttpResponse<String> unmatched = get("/v1beta/files");
    assertThat(unmatched.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unmatched.body()).at("/error/message").asText()).contains("GET /v1beta/files");
  }

  @Test
  void adminRoutesSplitBetweenTheMockAndWireMock() throws Exception {
    assertThat(JSON.readTree(get("/__admin/health").body()).get("status").asText()).isEqualTo("UP");
    assertThat(get("/__admin/sessions").statusCode()).isEqualTo(200);
    JsonNode mappings = JSON.readTree(get("/__admin/mappings").body());
    assertThat(mappings.get("mappings").findValuesAsText("urlPath")).contains("/v1beta/models");
    assertThat(post("/__admin/shutdown", "").statusCode()).isEqualTo(403);
    assertThat(get("/v1beta/models").statusCode()).as("WireMock still serves").isEqualTo(200);
  }

  @Test
  void oauthTokenEndpointHandsOutABearerToken() throws Exception {
    HttpResponse<String> token = post("/token",
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=x.y.z",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(token.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(token.body());
    assertThat(body.get("access_token").asText()).isEqualTo(EmbeddedWireMock.OAUTH_ACCESS_TOKEN);
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
  }

  @Test
  void ephemeralTokenOpensOneSessionThenIsSpent() throws Exception {
    HttpResponse<String> created = post("/v1alpha/auth_tokens", "{\"uses\": 1}", "x-goog-api-key", "real-key");
    assertThat(created.statusCode()).isEqualTo(200);
    String token = JSON.readTree(created.body()).get("name").asText();
    assertThat(token).startsWith("auth_tokens/");

    String ws = server.baseUrl().replaceFirst("^http", "ws") + CONSTRAINED;
    try (RawLiveClient first = RawLiveClient.connect(ws, Map.of("Authorization", "Token " + token), null)) {
      first.setup(MODEL, "");
      assertThat(first.next(10_000).json().has("setupComplete")).isTrue();
    }
    RawLiveClient.Refusal second = RawLiveClient.refusal(ws + "?access_token=" + token, Map.of());
    assertThat(second.status()).isEqualTo(401);
    assertThat(second.body()).contains("used up");
  }

  @Test
  void unknownOrExpiredTokensAreRefused() throws Exception {
    String ws = server.baseUrl().replaceFirst("^http", "ws") + CONSTRAINED;
    assertThat(RawLiveClient.refusal(ws + "?access_token=auth_tokens/made-up", Map.of()).status())
        .isEqualTo(401);
    String past = Instant.now().minusSeconds(1).toString();
    HttpResponse<String> created = post("/v1alpha/auth_tokens",
        "{\"newSessionExpireTime\": \"" + past + "\"}", "x-goog-api-key", "real-key");
    String token = JSON.readTree(created.body()).get("name").asText();
    RawLiveClient.Refusal late = RawLiveClient.refusal(ws + "?access_token=" + token, Map.of());
    assertThat(late.status()).isEqualTo(401);
    assertThat(late.body()).contains("newSessionExpireTime");
  }

  @Test
  void authTokensNeedsAnApiKeyAndSaneTimes() throws Exception {
    HttpResponse<String> noKey = post("/v1alpha/auth_tokens", "{}");
    assertThat(noKey.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(noKey.body()).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");

    HttpResponse<String> badTime = post("/v1alpha/auth_tokens", "{\"expireTime\": \"tomorrow\"}",
        "x-goog-api-key", "k");
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badTime.body()).at("/error/message").asText()).contains("expireTime");

    String farFuture = Instant.now().plusSeconds(21 * 3600).toString();
    HttpResponse<String> tooLong = post("/v1alpha/auth_tokens", "{\"expireTime\": \"" + farFuture + "\"}",
        "x-goog-api-key", "k");
    assertThat(tooLong.statusCode()).isEqualTo(400);
  }
}
