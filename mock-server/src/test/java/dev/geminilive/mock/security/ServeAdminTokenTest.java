package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.RawHttp;
import dev.geminilive.mock.testing.RawLiveClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a process, with the token in its environment (not on its command line): the
 * token guards the admin API, and whatever a client does with it (the right one, a wrong one, one
 * in the query string), it appears in no output of the process, no session journal and no
 * WireMock request journal.
 */
class ServeAdminTokenTest {
  static final String TOKEN = "env-token-Zq81-do-not-log";

  @Test
  void theTokenFromTheEnvironmentGuardsTheAdminApiAndIsNeverWrittenAnywhere(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Path stubs = Files.createDirectories(dir.resolve("stubs"));
    Files.createDirectories(stubs.resolve("mappings"));
    Files.writeString(stubs.resolve("mappings/ping.json"),
        "{\"request\":{\"url\":\"/ping\"},\"response\":{\"status\":200,\"body\":\"pong\"}}");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.geminilive.mock.cli.MockServerCli",
        "serve", "--port", "0", "--no-scenarios", "--stubs", stubs.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put(AdminSecurity.TOKEN_ENV, TOKEN);
    Process serve = pb.start();
    try {
      int port = awaitPort(serve, out);
      RawHttp http = new RawHttp("127.0.0.1", port);
      String auth = "Authorization: Bearer " + TOKEN;

      assertThat(http.get("/__admin/sessions").status()).isEqualTo(401);
      assertThat(http.get("/__admin/sessions?token=" + TOKEN).status()).isEqualTo(401);
      assertThat(http.get("/__admin/mappings?admin_token=" + TOKEN).status()).isEqualTo(401);
      assertThat(http.get("/__admin/sessions", "Authorization: Bearer " + TOKEN + "-wrong").status()).isEqualTo(401);
      assertThat(http.get("/__admin/no-such-route", auth).status()).isEqualTo(404);
      assertThat(http.send("POST", "/__admin/mappings", "{not json", auth).status()).isGreaterThanOrEqualTo(400);
      assertThat(http.get("/ping", auth).body()).isEqualTo("pong");
      try (RawLiveClient live = RawLiveClient.connect("ws://127.0.0.1:" + port + RawLiveClient.DEV_PATH + "?key=k",
          java.util.Map.of("X-Goog-Api-Key", "k"), null)) {
        live.setup("models/gemini-2.5-flash-native-audio-preview-12-2025", "");
        live.until(j -> j.has("setupComplete"), 20_000);
        live.send("{\"realtimeInput\":{\"text\":\"hello?\"}}");
        live.until(j -> j.at("/serverContent/turnComplete").asBoolean(), 20_000);
      }

      RawHttp.Response sessions = http.get("/__admin/sessions", auth);
      assertThat(sessions.status()).isEqualTo(200);
      Matcher id = Pattern.compile("\"id\" : \"([^\"]+)\"").matcher(sessions.body());
      assertThat(id.find()).isTrue();
      String journal = http.get("/__admin/sessions/" + id.group(1), auth).body();
      assertThat(journal).contains("setupComplete");
      String requests = http.get("/__admin/requests", auth).body();
      assertThat(requests).contains("/ping");
      String basic = "Basic " + Base64.getEncoder().encodeToString(("x:" + TOKEN).getBytes(StandardCharsets.UTF_8));
      for (String body : List.of(sessions.body(), journal, requests, http.get("/__admin/journal", auth).body(),
          http.get("/__admin/mappings", "Authorization: " + basic).body())) {
        assertThat(body).doesNotContain(TOKEN);
      }
    } finally {
      serve.destroy();
      serve.waitFor(20, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    assertThat(stdout).contains("token from $" + AdminSecurity.TOKEN_ENV + " required");
    assertThat(stdout + stderr).doesNotContain(TOKEN);
  }

  private static int awaitPort(Process serve, Path out) throws Exception {
    Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = listening.matcher(Files.readString(out));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!serve.isAlive()) {
        throw new AssertionError("serve exited with " + serve.exitValue() + ": " + Files.readString(out));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not print its address: " + Files.readString(out));
  }
}
