package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.Content;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Done when" 3 of the model-profile issue: the real SDKs, driven against the 3.1 profile, send
 * {@code clientContent} after a model turn and get close 1007 {@code Request contains an invalid
 * argument.}. The tests pin down how each SDK surfaces it (see docs/sources.md §5.1 and §6.4):
 * the JS SDK reports code and reason in {@code onclose}; the Java SDK 2.0.0 has no callback and
 * only logs the close through java.util.logging.
 */
class ClientContentRejectionSdkTest {
  static final String MODEL = "gemini-3.1-flash-live-preview";
  static final String REASON = "Request contains an invalid argument.";

  @Test
  void javaSdkOnlyLogsTheCloseAtInfo(@TempDir Path dir) throws Exception {
    TlsMaterial tls = TlsMaterial.selfSigned(List.of());
    Path store = dir.resolve("mock-truststore.p12");
    tls.writeTrustStore(store);
    String savedStore = System.getProperty("javax.net.ssl.trustStore");
    String savedPassword = System.getProperty("javax.net.ssl.trustStorePassword");
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", TlsMaterial.TRUST_STORE_PASSWORD);
    Logger logger = Logger.getLogger("com.google.genai.AsyncLive");
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level savedLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withTls(tls)
        .withSession(new SessionSettings(0.1, 300)))) {
      Client client = Client.builder()
          .apiKey("FAKE_KEY_123")
          .httpOptions(HttpOptions.builder().baseUrl(server.baseUrl()).build())
          .build();
      AsyncSession session = client.async.live
          .connect(MODEL, LiveConnectConfig.builder().responseModalities(Modality.Known.AUDIO).build())
          .get(10, TimeUnit.SECONDS);
      CountDownLatch turnComplete = new CountDownLatch(1);
      List<LiveServerMessage> afterTurn = new CopyOnWriteArrayList<>();
      session.receive(msg -> {
        if (turnComplete.getCount() == 0) {
          afterTurn.add(msg);
        }
        if (msg.serverContent().flatMap(c -> c.turnComplete()).orElse(false)) {
          turnComplete.countDown();
        }
      });
      session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("Hello").build())
          .get(5, TimeUnit.SECONDS);
      assertThat(turnComplete.await(10, TimeUnit.SECONDS)).as("first turn answered").isTrue();

      // The mid-session clientContent: the SDK's future completes normally...
      session.sendClientContent(LiveSendClientContentParameters.builder()
              .turns(Content.builder().role("user").parts(Part.fromText("mid-session update")).build())
              .turnComplete(true)
              .build())
          .get(5, TimeUnit.SECONDS);

      // ...the server closes 1007, and the only trace in the application is an INFO log line.
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> logged.stream()
          .anyMatch(r -> formatted(r).contains("closing") && formatted(r).contains(REASON)));
      LogRecord line = logged.stream()
          .filter(r -> formatted(r).contains(REASON)).findFirst().orElseThrow();
      assertThat(line.getLevel()).isEqualTo(Level.INFO);
      assertThat(formatted(line)).contains("1,007"); // MessageFormat groups the code's digits
      assertThat(afterTurn).as("no callback carries the close").isEmpty();
      SessionJournal journal = server.journal().latest().orElseThrow();
      assertThat(journal.attribute("family")).isEqualTo("gemini-3.1-flash-live");
      Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> journal.closeCode() != null);
      assertThat(journal.closeCode()).isEqualTo(1007);
      assertThat(journal.closeReason()).isEqualTo(REASON);
    } finally {
      logger.removeHandler(capture);
      logger.setLevel(savedLevel);
      restore("javax.net.ssl.trustStore", savedStore);
      restore("javax.net.ssl.trustStorePassword", savedPassword);
    }
  }

  private static String formatted(LogRecord r) {
    String msg = r.getMessage() == null ? "" : r.getMessage();
    Object[] params = r.getParameters();
    return params == null || params.length == 0 ? msg : java.text.MessageFormat.format(msg, params);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void jsSdkReportsCodeAndReasonInOnclose() throws Exception {
    Path probeDir = Path.of(System.getProperty("js.probe.dir", "src/test/node"));
    assertThat(probeDir.resolve("node_modules/@google/genai")).as("npm ci ran").exists();
    try (LiveServer server = LiveServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(0.1, 300)))) {
      Process node = new ProcessBuilder("node", "live-probe.mjs",
              "--base-url", server.baseUrl(),
              "--model", MODEL,
              "--action", "client-content-after-turn",
              "--timeout-ms", "20000")
          .directory(probeDir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      List<JsonNode> lines = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("{")) {
            lines.add(json.readTree(line));
          }
        }
      }
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(lines).noneMatch(l -> l.path("event").asText().equals("timeout"));
      assertThat(lines).noneMatch(l -> l.path("event").asText().equals("error")); // onerror does not fire
      JsonNode close = lines.stream().filter(l -> l.path("event").asText().equals("close"))
          .findFirst().orElseThrow(() -> new AssertionError("no close event: " + lines));
      assertThat(close.get("code").asInt()).isEqualTo(1007);
      assertThat(close.get("reason").asText()).isEqualTo(REASON);
      assertThat(close.get("wasClean").asBoolean()).isTrue();
      JsonNode summary = lines.get(lines.size() - 1);
      assertThat(summary.path("event").asText()).isEqualTo("summary");
      assertThat(summary.get("turnCompletes").asInt()).as("the first turn was answered").isEqualTo(1);
      SessionJournal journal = server.journal().latest().orElseThrow();
      assertThat(journal.entries()).anyMatch(e -> e.fromClient() && e.kind().equals("clientContent"));
      assertThat(journal.closeCode()).isEqualTo(1007);
    }
  }
}
