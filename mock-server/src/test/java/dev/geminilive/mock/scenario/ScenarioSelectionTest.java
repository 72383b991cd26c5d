package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a connection picks its scenario: URL prefix, API key, admin queue, else the persona. */
class ScenarioSelectionTest {
  static final String MODEL = "models/gemini-live-2.5-flash-mock-half-cascade";
  static final String TEXT = "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}";
  @TempDir static Path dir;
  static ScenarioLibrary library;
  static LiveServer server;
  static String ws;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dir.resolve("greeter.yaml"), "id: greeter\ntitle: Greets\nsteps:\n"
        + "  - expect: {type: text}\n  - say: {text: \"Greeter here.\"}\n");
    Files.writeString(dir.resolve("vertex-only.yaml"), "id: vertex-only\ntitle: Vertex only\napi: vertex\n"
        + "model: gemini-live-2.5-flash-mock-half-cascade\nsteps:\n  - expect: {type: text}\n");
    library = ScenarioServer.library(dir);
    server = ScenarioServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.1, 300)), library);
    ws = server.baseUrl().replaceFirst("^http", "ws");
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  /** Sends setup and one text turn; returns the first text the model answers. */
  static String firstReply(RawLiveClient c) throws Exception {
    c.setup(MODEL, TEXT);
    c.until(f -> f.has("setupComplete"), 5000);
    c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
    return c.until(f -> f.at("/serverContent/modelTurn").isObject(), 5000).get(0).json()
        .at("/serverContent/modelTurn/parts/0/text").asText();
  }

  static HttpResponse<String> admin(String method, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void byUrlPrefixInEitherForm() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + "/greeter" + RawLiveClient.DEV_PATH + "?key=k")) {
      assertThat(firstReply(c)).isEqualTo("Greeter here.");
    }
    try (RawLiveClient c = RawLiveClient.connect(ws + "/scenarios/greeter/" + RawLiveClient.DEV_PATH + "?key=k")) {
      assertThat(firstReply(c)).isEqualTo("Greeter here.");
    }
  }

  @Test
  void byApiKeyValueWhichIsNeverJournalled() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=scenario:greeter")) {
      assertThat(firstReply(c)).isEqualTo("Greeter here.");
    }
    try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH,
        Map.of("x-goog-api-key", "greeter"), null)) {
      assertThat(firstReply(c)).isEqualTo("Greeter here.");
    }
    SessionJournal journal = BundledScenariosTest.latest(server, "greeter");
    assertThat(journal.attribute("scenarioSelectedBy")).isEqualTo("API key");
    String listing = admin("GET", "/__admin/sessions").body();
    assertThat(listing).doesNotContain("scenario:greeter");
  }

  @Test
  void byTheAdminQueueForTheNextSessionOnly() throws Exception {
    assertThat(admin("POST", "/__admin/scenarios/greeter/queue").statusCode()).isEqualTo(200);
    try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=k")) {
      assertThat(firstReply(c)).isEqualTo("Greeter here.");
    }
    try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=k")) {
      assertThat(firstReply(c)).as("the persona answers once the queue is empty").isNotEqualTo("Greeter here.");
    }
    assertThat(admin("POST", "/__admin/scenarios/nope/queue").statusCode()).isEqualTo(404);
  }

  @Test
  void theDefaultPersonaWhenNoneIsNamed() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=some-real-key")) {
      assertThat(firstReply(c)).isNotBlank().isNotEqualTo("Greeter here.");
    }
  }

  @Test
  void anUnknownPrefixIsRefusedWithAReasonThatSaysSo() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + "/no-such-scenario" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup(MODEL, TEXT);
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).isEqualTo("No scenario 'no-such-scenario' is loaded; see /__admin/scenarios.");
    }
  }

  @Test
  void aScenarioForAnotherApiFlavourIsAMismatchBeforeSetupComplete() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + "/vertex-only" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup(MODEL, TEXT);
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).contains("vertex API").contains("developer");
      assertThat(c.drain(50)).isEmpty();
    }
  }
}
