package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --scenarios DIR}: a changed file is picked up by new sessions without a restart,
 * a running session keeps the version it started with, and a broken file is reported while the
 * good ones keep serving.
 */
class ScenarioReloadTest {
  static final String MODEL = "models/gemini-live-2.5-flash-mock-half-cascade";
  static final ObjectMapper JSON = new ObjectMapper();

  static String greeter(String greeting) {
    return "id: greeter\ntitle: Greets\nmodel: gemini-live-2.5-flash-mock-half-cascade\nsteps:\n"
        + "  - expect: {type: text}\n  - say: {text: \"" + greeting + "\"}\n";
  }

  static String greet(String ws) throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + "/greeter" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup(MODEL, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      return c.until(f -> f.has("serverContent") && f.at("/serverContent/modelTurn").isObject(), 5000)
          .get(0).json().at("/serverContent/modelTurn/parts/0/text").asText();
    }
  }

  @Test
  void aChangedFileIsUsedByNewSessionsAndABrokenOneIsReportedWithoutDroppingTheRest(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("greeter.yaml"), greeter("Hello, version one."));
    Files.writeString(dir.resolve("other.yaml"), greeter("Other.").replace("id: greeter", "id: other"));
    try (ScenarioLibrary library = ScenarioServer.library(dir);
        LiveServer server = ScenarioServer.start(ServerConfig.defaults()
            .withSession(new SessionSettings(0.1, 300)), library)) {
      library.watch(50);
      String ws = server.baseUrl().replaceFirst("^http", "ws");
      assertThat(greet(ws)).isEqualTo("Hello, version one.");

      // A session that started on version one keeps it after the file changes.
      try (RawLiveClient running = RawLiveClient.connect(ws + "/greeter" + RawLiveClient.DEV_PATH + "?key=k")) {
        running.setup(MODEL, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
        running.until(f -> f.has("setupComplete"), 5000);
        long before = library.snapshot().version();
        Files.writeString(dir.resolve("greeter.yaml"), greeter("Hello, version two!"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> library.snapshot().version() > before);
        assertThat(greet(ws)).isEqualTo("Hello, version two!");
        running.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
        assertThat(running.until(f -> f.at("/serverContent/modelTurn").isObject(), 5000).get(0).json()
            .at("/serverContent/modelTurn/parts/0/text").asText()).isEqualTo("Hello, version one.");
      }

      // Breaking the file drops only that scenario, and says where it broke.
      long before = library.snapshot().version();
      Files.writeString(dir.resolve("other.yaml"), "id: other\ntitle: Other\nsteps:\n  - sya: {}\n");
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> library.snapshot().version() > before);
      assertThat(greet(ws)).isEqualTo("Hello, version two!");
      HttpResponse<String> listing = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/scenarios")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(listing.body());
      assertThat(body.path("scenarios").findValuesAsText("id")).containsExactly("greeter");
      assertThat(body.path("problems").get(0).path("text").asText())
          .endsWith("other.yaml:4:5: unknown step \"sya\"; steps are: expect, expectNothing, send, say,"
              + " toolCall, interrupt, goAway, resumptionUpdate, usage, wait, close, drop, stall");
      try (RawLiveClient c = RawLiveClient.connect(ws + "/other" + RawLiveClient.DEV_PATH + "?key=k")) {
        c.setup(MODEL, "");
        RawLiveClient.Close close = c.awaitClose(5000);
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).startsWith("No scenario 'other' is loaded");
      }
    }
  }

  @Test
  void serveReadsTheFolderGivenOnTheCommandLineAndReportsBrokenFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("greeter.yaml"), greeter("Hi from serve."));
    Files.writeString(dir.resolve("broken.yaml"), "id: broken\ntitle: [\n");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int p = port;
    Thread serve = new Thread(() -> MockServerCli.run("serve", "--port", String.valueOf(p),
        "--scenarios", dir.toString(), "--reload-ms", "100", "--time-scale", "0.1"), "serve-under-test");
    serve.setDaemon(true);
    try {
      serve.start();
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> out.toString(StandardCharsets.UTF_8).contains("scenarios:"));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("1 from").contains("1 problem(s)").contains("broken.yaml:3:1: YAML syntax error");
      String ws = "ws://127.0.0.1:" + port;
      assertThat(greet(ws)).isEqualTo("Hi from serve.");
      Files.writeString(dir.resolve("greeter.yaml"), greeter("Changed while serving."));
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> greet(ws).equals("Changed while serving."));
    } finally {
      System.setOut(saved);
      serve.interrupt();
    }
  }
}
