package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.testing.RawHttp;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every admin route, ours and WireMock's, without a token, with wrong ones, with one in the query
 * string, and with the right one; plus the spellings of a route that routing code might read as
 * an admin route after decoding. Over real sockets, against a server with scenarios and REST
 * stubs, as {@code serve --admin-token} runs it.
 */
class AdminAccessTest {
  static final String TOKEN = "s3cret-Admin-token_0123456789";
  static final String BODY_401 = "{\"error\":{\"code\":401,\"message\":\"Unauthorized.\",\"status\":\"UNAUTHENTICATED\"}}";
  static final String STUB = """
      {"request": {"method": "GET", "urlPath": "/v1beta/added-by-admin"},
       "response": {"status": 200, "body": "added"}}""";

  static RestCompanion rest;
  static LiveServer server;
  static RawHttp http;
  static String sessionId;

  /** Method, target, body: every admin route there is (ours, the scenario library's, WireMock's). */
  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("GET", "/__admin/sessions", null),
        Arguments.of("GET", "/__admin/sessions/", null),
        Arguments.of("DELETE", "/__admin/sessions", null),
        Arguments.of("GET", "/__admin/sessions/SESSION", null),
        Arguments.of("GET", "/__admin/journal", null),
        Arguments.of("GET", "/__admin/scenarios", null),
        Arguments.of("POST", "/__admin/scenarios/reload", ""),
        Arguments.of("POST", "/__admin/scenarios/basic-audio-turn/queue", ""),
        Arguments.of("DELETE", "/__admin/scenarios/queue", null),
        Arguments.of("POST", "/__admin/scenarios/validate/x.yaml", "id: x\ntitle: x\nsteps: []\n"),
        Arguments.of("GET", "/__admin/ui", null),
        Arguments.of("GET", "/__admin/ui/", null),
        Arguments.of("GET", "/__admin/ui/app.js", null),
        Arguments.of("GET", "/__admin/ui/api/sessions", null),
        Arguments.of("GET", "/__admin/ui/api/stream", null),
        Arguments.of("GET", "/__admin/no-such-route", null),
        Arguments.of("GET", "/__admin", null),
        Arguments.of("GET", "/__admin/", null),
        Arguments.of("POST", "/__admin/health", ""),
        Arguments.of("GET", "/__admin/mappings", null),
        Arguments.of("POST", "/__admin/mappings", STUB),
        Arguments.of("DELETE", "/__admin/mappings", null),
        Arguments.of("POST", "/__admin/mappings/reset", ""),
        Arguments.of("POST", "/__admin/mappings/save", ""),
        Arguments.of("GET", "/__admin/requests", null),
        Arguments.of("DELETE", "/__admin/requests", null),
        Arguments.of("GET", "/__admin/requests/unmatched", null),
        Arguments.of("POST", "/__admin/requests/count", "{}"),
        Arguments.of("GET", "/__admin/files", null),
        Arguments.of("PUT", "/__admin/files/x.txt", "x"),
        Arguments.of("POST", "/__admin/reset", ""),
        Arguments.of("POST", "/__admin/settings", "{\"fixedDelay\": 1}"),
        Arguments.of("GET", "/__admin/recordings/status", null),
        Arguments.of("POST", "/__admin/recordings/start", "{\"targetBaseUrl\": \"http://127.0.0.1:1\"}"),
        Arguments.of("GET", "/__admin/scenarios/wiremock", null),
        Arguments.of("GET", "/__admin/near-misses/unmatched", null),
        Arguments.of("POST", "/__admin/shutdown", ""));
  }

  @BeforeAll
  static void start(@TempDir Path stubs) throws Exception {
    Files.createDirectories(stubs.resolve("mappings"));
    Files.createDirectories(stubs.resolve("__files"));
    rest = RestCompanion.start(stubs, null);
    ServerConfig config = ServerConfig.defaults().withCloseTimeoutMillis(500)
        .withAdmin(AdminSecurity.withToken(TOKEN));
    server = ScenarioServer.start(config, ScenarioServer.library(Path.of("..", "scenarios")),
        ProfileCatalog.bundled(), rest.companions());
    rest.wireMock(); // started before the first admin call, so every WireMock route answers as itself
    http = new RawHttp("127.0.0.1", server.port());
    try (RawLiveClient live = RawLiveClient.connect(server.baseUrl().replace("http", "ws") + RawLiveClient.DEV_PATH + "?key=k")) {
      live.send("{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}");
      live.until(j -> j.has("setupComplete"), 10_000);
    }
    sessionId = server.journal().sessions().get(0).sessionId();
  }

  @AfterAll
  static void stop() {
    server.close();
    rest.close();
  }

  static List<String[]> wrongCredentials() {
    String basicWrong = Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
    String basicNoColon = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    return List.of(
        new String[] {},
        new String[] {"Authorization: Bearer wrong"},
        new String[] {"Authorization: Bearer " + TOKEN + "x"},
        new String[] {"Authorization: Bearer " + TOKEN.substring(0, TOKEN.length() - 1)},
        new String[] {"Authorization: Bearer " + TOKEN.toUpperCase()},
        new String[] {"Authorization: Bearer"},
        new String[] {"Authorization: " + TOKEN},
        new String[] {"Authorization: Token " + TOKEN},
        new String[] {"Authorization: Basic " + basicWrong},
        new String[] {"Authorization: Basic " + basicNoColon},
        new String[] {"Authorization: Basic !!not-base64!!"},
        // Two credentials, one right: ambiguous, refused.
        new String[] {"Authorization: Bearer wrong", "Authorization: Bearer " + TOKEN},
        // Places a token must never be taken from.
        new String[] {"X-Admin-Token: " + TOKEN},
        new String[] {"Cookie: token=" + TOKEN},
        new String[] {"Proxy-Authorization: Bearer " + TOKEN});
  }

  static String target(String path) {
    return path.replace("SESSION", sessionId);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void withoutOrWithAWrongTokenEveryAdminRouteAnswers401AndNothingElse(String method, String path, String body)
      throws Exception {
    int stubs = rest.wireMock().server().listAllStubMappings().getMappings().size();
    int sessions = server.journal().sessions().size();
    for (String[] headers : wrongCredentials()) {
      RawHttp.Response r = http.send(method, target(path), body, headers);
      assertThat(r.status()).as("%s %s with %s", method, path, List.of(headers)).isEqualTo(401);
      assertThat(r.body()).isEqualTo(BODY_401);
      assertThat(r.header("WWW-Authenticate")).anyMatch(v -> v.startsWith("Bearer"));
    }
    // Nothing happened behind the refusals.
    assertThat(rest.wireMock().server().listAllStubMappings().getMappings()).hasSize(stubs);
    assertThat(server.journal().sessions()).hasSize(sessions);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void aTokenInTheQueryStringIsNotAccepted(String method, String path, String body) throws Exception {
    for (String query : List.of("token", "admin_token", "adminToken", "access_token", "key", "auth")) {
      String t = target(path) + "?" + query + "=" + TOKEN;
      RawHttp.Response r = http.send(method, t, body);
      assertThat(r.status()).as("%s %s", method, t).isEqualTo(401);
      assertThat(r.body()).isEqualTo(BODY_401);
    }
  }

  @Test
  void theRightTokenOpensEveryRouteAsBearerOrAsBasicAuth() throws Exception {
    List<String> answered = new ArrayList<>();
    String basic = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    for (String auth : List.of("Bearer " + TOKEN, "bearer   " + TOKEN, basic)) {
      for (Arguments a : routes().toList()) {
        String method = (String) a.get()[0];
        String path = (String) a.get()[1];
        if (path.equals("/__admin/shutdown") || method.equals("DELETE") || path.endsWith("/reset")
            || path.startsWith("/__admin/recordings/start") || path.endsWith("/stream")) {
          continue; // these would change the server under the other routes' feet
        }
        RawHttp.Response r = http.send(method, target(path), (String) a.get()[2], "Authorization: " + auth);
        assertThat(r.status()).as("%s %s", method, path).isNotIn(401, 403);
        assertThat(r.body()).doesNotContain(TOKEN);
        answered.add(method + " " + path + " " + r.status());
      }
    }
    // The mapping added through the admin API serves (so the call really got through).
    assertThat(http.get("/v1beta/added-by-admin").body()).isEqualTo("added");
    RawHttp.Response sessions = http.get("/__admin/sessions", "Authorization: Bearer " + TOKEN);
    assertThat(sessions.status()).isEqualTo(200);
    assertThat(sessions.body()).contains(sessionId);
    assertThat(http.get("/__admin/sessions/" + sessionId, "Authorization: Bearer " + TOKEN).body())
        .contains("setupComplete");
    // Shutting WireMock down through its admin API stays refused even with the token.
    RawHttp.Response shutdown = http.send("POST", "/__admin/shutdown", "", "Authorization: Bearer " + TOKEN);
    assertThat(shutdown.status()).isEqualTo(403);
    assertThat(answered).isNotEmpty();
  }

  @Test
  void healthStaysOpenAndSaysNothingMore() throws Exception {
    RawHttp.Response r = http.get("/__admin/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("UP").doesNotContain("session");
    // Only GET: any other method on the health path is an admin request like the rest.
    assertThat(http.send("DELETE", "/__admin/health", null).status()).isEqualTo(401);
    assertThat(http.get("/__admin/health?verbose=1").status()).isEqualTo(200);
  }

  /**
   * Spellings of admin routes that some layer (our router, WireMock, a proxy in front) might
   * decode into one: encoded, double-encoded, case, dot segments, backslashes, absolute form,
   * a detour through the open health route. Without the token every one is refused.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "/__ADMIN/mappings", "/__Admin/sessions", "//__admin/mappings", "///__admin/sessions",
      "/./__admin/mappings", "/x/../__admin/mappings", "/x/..%2F__admin/mappings", "/x/%2e%2e/__admin/mappings",
      "/%5F%5Fadmin/mappings", "/%5f%5fadmin/sessions", "/%255F%255Fadmin/mappings", "/%25255F%25255Fadmin/mappings",
      "/__admin%2Fmappings", "/__admin%252Fmappings", "/__admin\\mappings", "/%5C__admin/mappings",
      "/__admin/health/../mappings", "/__admin/health/..%2Fmappings", "/__admin/health%2F..%2Fmappings",
      "/__admin/health/%2e%2e/sessions", "/__admin/health/%252e%252e/sessions", "/__admin/health/./../sessions",
      "/__admin/health/", "/__admin/health;x=1/../sessions", "/__admin/./sessions", "/__admin/sessions/.",
      "/__admin/mappings;jsessionid=1", "/greeting/__admin/mappings", "/v1beta/__admin/mappings",
      "http://127.0.0.1/__admin/mappings", "HTTP://localhost/__admin/sessions", "/__admin/sessions#x",
      "/__admin/sessions%23x", "/__admin/sessions%3Fx=1", "/%2F__admin/mappings"})
  void everySpellingOfAnAdminRouteNeedsTheToken(String target) throws Exception {
    RawHttp.Response r = http.get(target);
    if (target.equals("/__admin/health/")) {
      assertThat(r.status()).isEqualTo(200); // the health route itself, with a trailing slash
      return;
    }
    assertThat(r.status()).as(target).isEqualTo(401);
    assertThat(r.body()).isEqualTo(BODY_401);
  }

  @Test
  void aBrowserPageOfAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
    String auth = "Authorization: Bearer " + TOKEN;
    String self = "http://127.0.0.1:" + server.port();
    assertThat(http.get("/__admin/sessions", auth, "Origin: " + self).status()).isEqualTo(200);
    assertThat(http.get("/__admin/sessions", auth, "Sec-Fetch-Site: same-origin").status()).isEqualTo(200);
    assertThat(http.get("/__admin/sessions", auth, "Origin: http://evil.example").status()).isEqualTo(403);
    assertThat(http.get("/__admin/sessions", auth, "Origin: null").status()).isEqualTo(403);
    assertThat(http.get("/__admin/sessions", auth, "Origin: http://127.0.0.1:1").status()).isEqualTo(403);
    assertThat(http.get("/__admin/sessions", auth, "Sec-Fetch-Site: cross-site").status()).isEqualTo(403);
    assertThat(http.get("/__admin/sessions", auth, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: cors").status())
        .isEqualTo(403);
    // Following a link from elsewhere to an admin page only shows it to the user.
    assertThat(http.get("/__admin/sessions", auth, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate").status())
        .isEqualTo(200);
    assertThat(http.send("POST", "/__admin/mappings", STUB, auth, "Sec-Fetch-Site: cross-site",
        "Sec-Fetch-Mode: navigate").status()).isEqualTo(403);
    // Behind a proxy that rewrites Host, the browser's Sec-Fetch-Site still says same-origin.
    assertThat(http.get("/__admin/sessions", auth, "Origin: https://mock.example", "Sec-Fetch-Site: same-origin")
        .status()).isEqualTo(200);
    assertThat(http.get("/__admin/sessions", auth, "Origin: " + self, "Sec-Fetch-Site: same-site").status())
        .isEqualTo(403);
    assertThat(http.send("POST", "/__admin/mappings", STUB, auth, "Origin: http://evil.example").status())
        .isEqualTo(403);
  }

  @Test
  void theLiveEndpointAndRestStubsNeedNoAdminToken() throws Exception {
    assertThat(http.send("POST", "/token", "").status()).isEqualTo(200);
    // Another test may have queued a scenario; the persona should answer this one.
    assertThat(http.send("DELETE", "/__admin/scenarios/queue", null, "Authorization: Bearer " + TOKEN).status())
        .isEqualTo(200);
    try (RawLiveClient live = RawLiveClient.connect(server.baseUrl().replace("http", "ws") + RawLiveClient.DEV_PATH + "?key=k")) {
      live.send("{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}");
      List<RawLiveClient.Frame> frames = live.until(j -> j.has("setupComplete"), 10_000);
      assertThat(frames.get(frames.size() - 1).json().has("setupComplete")).isTrue();
    }
  }
}
