package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.geminilive.mock.testing.HeadlessChromium;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a mock guarded by an admin token, in real headless Chromium: the browser's
 * login prompt (answered with any user name and the token) opens the page, and the page then
 * reads the session list and its live stream with the credentials the browser keeps.
 */
class DashboardBehindTokenTest {
  static final String TOKEN = "dashboard-token-7c1e";
  static final Duration BOUND = Duration.ofSeconds(20);

  @Test
  void theLoginPromptOpensTheDashboardAndItsLiveStream(@TempDir Path dir) throws Exception {
    String chromium = HeadlessChromium.find();
    assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withAdmin(AdminSecurity.withToken(TOKEN)));
        HeadlessChromium browser = HeadlessChromium.start(chromium, dir, 1200, 800)) {
      browser.answerLoginPrompts("anyone", TOKEN);
      browser.navigate(server.baseUrl() + "/__admin/ui");
      browser.waitFor("document.getElementById('live-status')?.dataset.state", v -> v.asText().equals("live"), BOUND);
      try (RawLiveClient live = RawLiveClient.connect(
          server.baseUrl().replace("http", "ws") + RawLiveClient.DEV_PATH + "?key=k")) {
        live.setup("models/gemini-2.5-flash-native-audio-preview-12-2025", "");
        live.until(j -> j.has("setupComplete"), 10_000);
        // The session reaches the page through the guarded live stream, without a reload.
        String id = browser.waitFor("document.querySelector('#sessions tbody tr')?.dataset.id ?? ''",
            v -> !v.asText().isEmpty(), BOUND).asText();
        assertThat(server.journal().session(id)).isPresent();
      }
      // The page never learnt the token as a value of its own (the browser holds the credentials).
      assertThat(browser.eval("document.documentElement.outerHTML + JSON.stringify(sessionStorage)").asText())
          .doesNotContain(TOKEN);
    }
  }
}
