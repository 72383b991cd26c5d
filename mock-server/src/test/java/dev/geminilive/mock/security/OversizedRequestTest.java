package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawHttp;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests too big to read: an oversized request line gets 414, oversized headers 431, each
 * closing only that connection; an unauthenticated admin request is refused from its head,
 * before its body is buffered. A Live session open meanwhile carries on.
 */
class OversizedRequestTest {
  static final String TOKEN = "oversized-test-token";
  static RestCompanion rest;
  static LiveServer server;
  static RawHttp http;

  @BeforeAll
  static void start() throws Exception {
    rest = RestCompanion.start(null, null);
    server = LiveServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.2, 500)).withAdmin(AdminSecurity.withToken(TOKEN)),
        ProfileCatalog.bundled(), s -> new PersonaResponder(), rest.companions());
    http = new RawHttp("127.0.0.1", server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    rest.close();
  }

  @Test
  void oversizedRequestLinesAndHeadersAreRefusedAndOtherSessionsCarryOn() throws Exception {
    try (RawLiveClient live = RawLiveClient.connect(
        server.baseUrl().replace("http", "ws") + RawLiveClient.DEV_PATH + "?key=k")) {
      live.setup("models/gemini-2.5-flash-native-audio-preview-12-2025", "");
      live.until(j -> j.has("setupComplete"), 10_000);
      String longPath = "/v1beta/" + "a".repeat(64 * 1024);
      for (String target : List.of(longPath, "/__admin/sessions/" + "a".repeat(64 * 1024),
          "/__admin/sessions?x=" + "a".repeat(16 * 1024), RawLiveClient.DEV_PATH + "?key=" + "k".repeat(16 * 1024))) {
        RawHttp.Response r = http.get(target, "Authorization: Bearer " + TOKEN);
        assertThat(r.status()).as(target.substring(0, 30)).isEqualTo(414);
        assertThat(r.header("Connection")).contains("close");
        assertThat(r.body()).doesNotContain(TOKEN).doesNotContain("aaaaaaaa");
      }
      assertThat(http.get("/__admin/sessions", "X-Big: " + "b".repeat(64 * 1024)).status()).isEqualTo(431);
      String[] many = new String[2_000];
      for (int i = 0; i < many.length; i++) {
        many[i] = "X-Many-" + i + ": " + i;
      }
      assertThat(http.get("/v1beta/models", many).status()).isEqualTo(431);
      assertThat(http.get("/__admin/health", "Authorization: Bearer " + "t".repeat(64 * 1024)).status())
          .isEqualTo(431);
      // Broken HTTP is a 400, not a guess.
      RawHttp.Response garbage = http.exchange("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0]);
      assertThat(garbage.status()).isEqualTo(400);

      // The open session never noticed.
      live.send("{\"realtimeInput\":{\"text\":\"still there?\"}}");
      live.until(j -> j.at("/serverContent/turnComplete").asBoolean(), 10_000);
      assertThat(live.isClosed()).isFalse();
    }
    assertThat(http.get("/__admin/health").status()).isEqualTo(200);
  }

  @Test
  void anUnauthenticatedAdminCallIsRefusedBeforeItsBodyIsRead() throws Exception {
    // The head announces 4 MiB, more than the server buffers for any request (1 MiB), and no
    // byte of it is sent: the answer comes from the head alone.
    RawHttp.Response refused = http.headOnly("POST", "/__admin/mappings", 4 * 1024 * 1024);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("Connection")).contains("close");
    RawHttp.Response tooBig = http.headOnly("POST", "/__admin/mappings", 4 * 1024 * 1024, "Authorization: Bearer " + TOKEN);
    assertThat(tooBig.status()).isEqualTo(413);
  }
}
