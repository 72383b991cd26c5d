package dev.geminilive.mock.e2e;

import static dev.geminilive.mock.testing.RawLiveClient.DEV_PATH;
import static dev.geminilive.mock.testing.RawLiveClient.VERTEX_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawFrameClient;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Live endpoint over a real socket, driven by a plain WebSocket client. */
class RawWebSocketTest {
  static final String MODEL_25 = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static LiveServer server;
  static String ws;

  @BeforeAll
  static void start() throws Exception {
    server = LiveServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(0.1, 300)).withCloseTimeoutMillis(500));
    ws = server.baseUrl().replaceFirst("^http", "ws");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static boolean has(JsonNode n, String path) {
    return !n.at(path).isMissingNode();
  }

  @Test
  void setupThenSetupCompleteAsBinaryFrame() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "");
      Frame f = c.next(2000);
      assertThat(f.binary()).isTrue();
      assertThat(f.json().toString()).isEqualTo("{\"setupComplete\":{}}");
    }
  }

  @Test
  void textFramesWhenAsked() throws Exception {
    try (LiveServer text = LiveServer.start(ServerConfig.defaults().withBinaryFrames(false));
        RawLiveClient c = RawLiveClient.connect(text.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "");
      Frame f = c.next(2000);
      assertThat(f.binary()).isFalse();
      assertThat(f.json().has("setupComplete")).isTrue();
    }
  }

  @Test
  void doubleSlashPathAndEveryVersionAndVertex() throws Exception {
    for (String path : List.of(
        "/" + DEV_PATH + "?key=k",
        "/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent?key=k",
        "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key=k")) {
      try (RawLiveClient c = RawLiveClient.connect(ws + path)) {
        c.setup(MODEL_25, "");
        assertThat(c.next(2000).json().has("setupComplete")).as(path).isTrue();
      }
    }
    try (RawLiveClient c = RawLiveClient.connect(ws + "/" + VERTEX_PATH,
        java.util.Map.of("Authorization", "Bearer ya29.token"), null)) {
      c.setup("projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio", "");
      JsonNode done = c.next(2000).json();
      assertThat(done.at("/setupComplete/sessionId").asText()).isNotEmpty();
    }
  }

  @Test
  void snakeCaseAcceptedAtEveryLevel() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.send("{\"setup\":{\"model\":\"" + MODEL_25 + "\",\"generation_config\":{\"response_modalities\":[\"AUDIO\"],"
          + "\"speech_config\":{\"voice_config\":{\"prebuilt_voice_config\":{\"voice_name\":\"Puck\"}}}},"
          + "\"realtime_input_config\":{\"automatic_activity_detection\":{\"disabled\":true}},"
          + "\"output_audio_transcription\":{}}}");
      assertThat(c.next(2000).json().has("setupComplete")).isTrue();
      c.send("{\"realtime_input\":{\"activity_start\":{}}}");
      c.send(Signals.audioMessage(Signals.tone(440, 16000, 200, 8000), 16000)
          .replace("realtimeInput", "realtime_input").replace("mimeType", "mime_type"));
      c.send("{\"realtime_input\":{\"activity_end\":{}}}");
      List<Frame> reply = c.until(n -> n.at("/serverContent/turnComplete").asBoolean(), 5000);
      // Manual activity detection was understood (snake_case nested field): the reply came on activityEnd.
      assertThat(reply).anyMatch(f -> has(f.json(), "/serverContent/modelTurn/parts/0/inlineData"));
      assertThat(reply).anyMatch(f -> has(f.json(), "/serverContent/outputTranscription/text"));
      // ... and the server writes camelCase only.
      assertThat(reply).allMatch(f -> !f.text().contains("_"));
    }
  }

  @Test
  void messageBeforeSetupIsRejectedWithReason() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      Close close = c.awaitClose(3000);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("first message must be setup").contains("realtimeInput");
    }
  }

  @Test
  void secondSetupIsRejectedWithReason() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "");
      c.next(2000);
      c.setup(MODEL_25, "");
      Close close = c.awaitClose(3000);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("setup may be sent only once");
    }
  }

  @Test
  void dataSentAfterTheServersCloseIsJournalledAndNotProcessed() throws Exception {
    try (LiveServer own = LiveServer.start(ServerConfig.defaults());
        RawFrameClient c = RawFrameClient.connect(own.port(), DEV_PATH + "?key=k")) {
      // Both frames leave in one write on a raw socket (a WebSocket client library would stop
      // sending once it saw the close), so the second reaches the server after its close frame
      // and before the client's answer.
      byte[] first = RawFrameClient.encode(true, 0, RawFrameClient.TEXT,
          "{\"realtimeInput\":{\"text\":\"not a setup\"}}".getBytes(StandardCharsets.UTF_8), true);
      byte[] second = RawFrameClient.encode(true, 0, RawFrameClient.TEXT,
          ("{\"setup\":{\"model\":\"" + MODEL_25 + "\"}}").getBytes(StandardCharsets.UTF_8), true);
      byte[] both = new byte[first.length + second.length];
      System.arraycopy(first, 0, both, 0, first.length);
      System.arraycopy(second, 0, both, first.length, second.length);
      c.raw(both);
      assertThat(c.awaitClose(3000).code()).isEqualTo(1007);
      SessionJournal journal = own.journal().latest().orElseThrow();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(journal.entries())
          .anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("ignored");
            assertThat(e.note()).isEqualTo("frame after the server's close frame");
          }));
      assertThat(journal.entries()).noneMatch(e -> e.fromClient() && e.kind().contains("setup"));
      assertThat(journal.closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void unknownModelClosesWith1008InTheRealShape() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.setup("models/gemini-live-2.5-flash-preview", "");
      Close close = c.awaitClose(3000);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason())
          .startsWith("models/gemini-live-2.5-flash-preview is not found for API version v1beta, or is not supported for bidiGenerateContent. Call");
      assertThat(close.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }
  }

  @Test
  void invalidJsonClosesOnlyThatSession() throws Exception {
    try (RawLiveClient healthy = RawLiveClient.connect(ws + DEV_PATH + "?key=k");
        RawLiveClient broken = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      healthy.setup(MODEL_25, "");
      broken.setup(MODEL_25, "");
      healthy.next(2000);
      broken.next(2000);
      broken.send("{\"realtimeInput\": {\"text\": ");
      Close close = broken.awaitClose(3000);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).startsWith("Invalid JSON payload received.");
      healthy.send("{\"realtimeInput\":{\"text\":\"still there?\"}}");
      List<Frame> reply = healthy.until(n -> n.at("/serverContent/turnComplete").asBoolean(), 5000);
      assertThat(reply).isNotEmpty();
      assertThat(healthy.isClosed()).isFalse();
    }
  }

  @Test
  void unknownTopLevelKeyAndTwoKeysAreRejected() throws Exception {
    for (String[] bad : new String[][] {
        {"{\"setup\":{\"model\":\"" + MODEL_25 + "\"},\"clientContent\":{}}", "Only one of"},
        {"{\"bogus\":{}}", "Unknown name \"bogus\""},
        {"[1,2]", "Expected a JSON object"},
        {"{\"setup\":{\"model\":42}}", "Invalid value at 'setup.model' (TYPE_STRING), 42"},
        {"{\"setup\":{\"model\":\"" + MODEL_25 + "\",\"generationConfig\":{\"temperature\":\"hot\"}}}",
            "Invalid value at 'setup.generation_config.temperature' (TYPE_FLOAT), \"hot\""}}) {
      try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
        c.send(bad[0]);
        Close close = c.awaitClose(3000);
        assertThat(close.code()).as(bad[0]).isEqualTo(1007);
        assertThat(close.reason()).as(bad[0]).contains(bad[1]);
      }
    }
  }

  @Test
  void binaryClientFramesAreAcceptedToo() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.sendBinary("{\"setup\":{\"model\":\"" + MODEL_25 + "\"}}");
      assertThat(c.next(2000).json().has("setupComplete")).isTrue();
    }
  }

  @Test
  void unknownPathIs404OverPlainHttp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1beta/nothing/here")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"status\":\"NOT_FOUND\"");
    // A Live path without an upgrade is answered, not dropped.
    HttpResponse<String> plain = http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + DEV_PATH)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(400);
    // And the server still serves Live sessions afterwards.
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "");
      assertThat(c.next(2000).json().has("setupComplete")).isTrue();
    }
  }

  @Test
  void missingCredentialIsRefusedAndKeysAreRedacted() throws Exception {
    // Refused at the upgrade, as the service does, in the REST API's error shape.
    RawLiveClient.Refusal refused = RawLiveClient.refusal(ws + DEV_PATH, java.util.Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("unregistered callers").contains("PERMISSION_DENIED");
    try (RawLiveClient c = RawLiveClient.connect(ws + DEV_PATH + "?key=SECRET-KEY-123")) {
      c.setup(MODEL_25, "");
      c.next(2000);
    }
    HttpResponse<String> sessions = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/sessions")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sessions.statusCode()).isEqualTo(200);
    assertThat(sessions.body()).doesNotContain("SECRET-KEY-123").contains("key=REDACTED");
  }

  @Test
  void requireKeyRefusesAWrongKeyAndAcceptsTheRightOne() throws Exception {
    try (LiveServer strict = LiveServer.start(ServerConfig.defaults().withRequiredKey("right"))) {
      String base = strict.baseUrl().replaceFirst("^http", "ws");
      RawLiveClient.Refusal refused = RawLiveClient.refusal(base + DEV_PATH + "?key=wrong", java.util.Map.of());
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("API key not valid. Please pass a valid API key.")
          .contains("INVALID_ARGUMENT");
      assertThat(strict.journal().latest().orElseThrow().closeCode()).isEqualTo(1006);
      try (RawLiveClient c = RawLiveClient.connect(base + DEV_PATH, java.util.Map.of("x-goog-api-key", "right"), null)) {
        c.setup(MODEL_25, "");
        assertThat(c.next(2000).json().has("setupComplete")).isTrue();
      }
    }
  }
}
