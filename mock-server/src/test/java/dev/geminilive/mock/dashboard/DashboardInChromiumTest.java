package dev.geminilive.mock.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.security.AdminSecurity;
import dev.geminilive.mock.testing.HeadlessChromium;
import dev.geminilive.mock.testing.JsSdkProbe;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium while the real {@code @google/genai} SDK holds a session
 * open against the mock: the page must show the session as it opens, its turns as they complete,
 * the tool call joined to its response, and the close, all without a reload. Screenshots go to
 * {@code target/dashboard-screenshots/} (the ones in docs/ come from here).
 */
class DashboardInChromiumTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(20);
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @Test
  void aLiveSdkSessionAppearsWithItsTurnsToolCallAndClose(@TempDir Path dir) throws Exception {
    String chromium = HeadlessChromium.find();
    assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    try (LiveServer server = LiveServer.start(ServerConfig.defaults());
        HeadlessChromium browser = HeadlessChromium.start(chromium, dir, 1400, 1000)) {
      browser.navigate(server.baseUrl() + "/__admin/ui");
      browser.waitFor("document.getElementById('live-status')?.dataset.state", v -> v.asText().equals("live"), BOUND);

      Sdk sdk = Sdk.start(server.baseUrl());
      try {
        sdk.await("connected");
        // The session appears live, without a reload.
        String id = browser.waitFor(
            "document.querySelector('#sessions tbody tr[data-state=open]')?.dataset.id ?? ''",
            v -> !v.asText().isEmpty(), BOUND).asText();
        assertThat(browser.eval(row(id) + ".querySelector('.model').textContent").asText())
            .isEqualTo("models/gemini-2.5-flash-native-audio-preview-12-2025");
        browser.eval(row(id) + ".click()");

        sdk.send("audio");
        sdk.await("done");
        // The list counts the turn; the timeline shows both waveforms, the VAD's speech and the turn.
        browser.waitFor(row(id) + ".querySelector('.turns').textContent", v -> v.asText().equals("1"), BOUND);
        browser.waitFor("document.querySelectorAll('#timeline g.mark[data-type=turn-complete]').length",
            v -> v.asInt() == 1, BOUND);
        assertThat(browser.eval("document.querySelectorAll('#timeline g.wave[data-lane=client] path').length").asInt())
            .isEqualTo(1);
        assertThat(browser.eval("document.querySelectorAll('#timeline g.wave[data-lane=model] path').length").asInt())
            .isEqualTo(1);
        assertThat(browser.eval("document.querySelectorAll('#timeline rect.speech').length").asInt()).isEqualTo(1);
        browser.screenshot(SHOTS.resolve("dashboard-audio-turn.png"));

        sdk.send("tool");
        sdk.await("done");
        browser.waitFor(row(id) + ".querySelector('.turns').textContent", v -> v.asText().equals("2"), BOUND);
        browser.waitFor("document.querySelectorAll('#timeline g.mark[data-type=tool-response]').length",
            v -> v.asInt() == 1, BOUND);
        JsonNode call = browser.eval("(() => { const g = document.querySelector('#timeline g.mark[data-type=tool-call]');"
            + " return {link: g.dataset.link, title: g.querySelector('title').textContent}; })()");
        assertThat(call.path("title").asText()).contains("get_weather");
        // The call and its response are joined by their id.
        assertThat(browser.eval("document.querySelectorAll('#timeline path.link[data-link=\"" + call.path("link").asText()
            + "\"]').length").asInt()).isEqualTo(1);
        // Opening the call shows its message as JSON.
        browser.eval("document.querySelector('#timeline g.mark[data-type=tool-call]')"
            + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        String message = browser.waitFor("document.getElementById('message').textContent",
            v -> v.asText().contains("functionCalls"), BOUND).asText();
        assertThat(message).contains("get_weather").contains(call.path("link").asText());
        browser.screenshot(SHOTS.resolve("dashboard-tool-call.png"));

        // A profile finding (audio without its rate) is highlighted where it happened and counted.
        sdk.send("norate");
        sdk.await("done");
        browser.waitFor("document.querySelectorAll('#timeline g.mark.alarm[data-type=finding]').length",
            v -> v.asInt() == 1, BOUND);
        assertThat(browser.eval("document.querySelector('#timeline g.mark.alarm title').textContent").asText())
            .contains("audio.missingRate");
        browser.waitFor(row(id) + ".querySelector('.alarms').className", v -> v.asText().equals("alarms some"), BOUND);

        sdk.send("close");
        sdk.await("closed");
      } finally {
        sdk.stop();
      }
      String id = browser.eval("document.querySelector('#sessions tbody tr')?.dataset.id").asText();
      browser.waitFor(row(id) + ".dataset.state", v -> v.asText().equals("closed"), BOUND);
      // The close as the journal has it (the JS SDK closes without a status code: 1005), not an error.
      int code = server.journal().session(id).orElseThrow().closeCode();
      assertThat(browser.eval(row(id) + ".querySelector('.reason').textContent").asText()).startsWith(code + " ");
      assertThat(browser.eval(row(id) + ".querySelector('.badge').className").asText()).isEqualTo("badge closed");
      browser.waitFor("document.querySelectorAll('#timeline g.mark[data-type=close]').length",
          v -> v.asInt() >= 1, BOUND);
      browser.screenshot(SHOTS.resolve("dashboard-closed.png"));
    }
  }

  @Test
  void withAnAdminTokenTheBrowserLogsInOnceAndTheLiveListWorks(@TempDir Path dir) throws Exception {
    String chromium = HeadlessChromium.find();
    assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    String token = AdminSecurity.randomToken();
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withAdmin(AdminSecurity.withToken(token)));
        HeadlessChromium browser = HeadlessChromium.start(chromium, dir, 1400, 700)) {
      HttpClient http = HttpClient.newHttpClient();
      URI stream = URI.create(server.baseUrl() + "/__admin/ui/api/stream");
      assertThat(http.send(HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode()).isEqualTo(401);

      // What a person does: open the page, type any user name and the token into the login prompt.
      browser.answerLoginPrompts("admin", token);
      browser.navigate(server.baseUrl() + "/__admin/ui");
      browser.waitFor("document.getElementById('live-status')?.dataset.state", v -> v.asText().equals("live"), BOUND);
      try (RawLiveClient c = LiveRules.dev(server)) {
        LiveRules.setUp(c, LiveRules.M25, "");
        browser.waitFor("document.querySelector('#sessions tbody tr[data-state=open]')?.dataset.id ?? ''",
            v -> !v.asText().isEmpty(), BOUND);
      }
      browser.waitFor("document.querySelector('#sessions tbody tr')?.dataset.state", v -> v.asText().equals("closed"),
          BOUND);
      // The token is nowhere in the page, and the page kept no copy of its own.
      assertThat(browser.eval("document.documentElement.outerHTML").asText()).doesNotContain(token);
      assertThat(browser.eval("JSON.stringify(sessionStorage)").asText()).doesNotContain(token);
      browser.screenshot(SHOTS.resolve("dashboard-with-token.png"));
    }
  }

  static String row(String id) {
    return "document.querySelector('#sessions tbody tr[data-id=\"" + id + "\"]')";
  }

  /** The SDK session script ({@code src/test/node/dashboard-session.mjs}), driven step by step. */
  static final class Sdk {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();

    private Sdk(Process process) {
      this.process = process;
      this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread out = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            events.add(JSON.readTree(line));
          }
        } catch (Exception e) {
          // the process ended
        }
      });
      out.setDaemon(true);
      out.start();
      Thread err = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            synchronized (stderr) {
              stderr.append(line).append('\n');
            }
          }
        } catch (Exception e) {
          // the process ended
        }
      });
      err.setDaemon(true);
      err.start();
    }

    static Sdk start(String baseUrl) throws Exception {
      Path dir = JsSdkProbe.directory();
      return new Sdk(new ProcessBuilder("node", "dashboard-session.mjs", "--base-url", baseUrl)
          .directory(dir.toFile()).start());
    }

    void send(String command) throws Exception {
      stdin.write(command + "\n");
      stdin.flush();
    }

    JsonNode await(String event) throws Exception {
      while (true) {
        JsonNode e = events.poll(20, TimeUnit.SECONDS);
        if (e == null) {
          synchronized (stderr) {
            throw new AssertionError("the SDK script never said " + event + "; stderr:\n" + stderr);
          }
        }
        if (e.path("event").asText().equals("error")) {
          throw new AssertionError("the SDK reported an error: " + e);
        }
        if (e.path("event").asText().equals(event)) {
          return e;
        }
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
