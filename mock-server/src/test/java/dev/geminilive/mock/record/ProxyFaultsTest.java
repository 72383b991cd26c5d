package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.Companions;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that refuses, fails TLS, closes or drops mid-session, stalls, or refuses the
 * upgrade: the client sees what the real service's failure would look like, and the part of the
 * session seen so far is written, marked incomplete.
 */
class ProxyFaultsTest {
  static final Path UPSTREAM = ScriptedUpstreamRecordingTest.UPSTREAM;
  static final String SETUP = "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}";

  @TempDir Path out;

  @Test
  void refusedConnectionReachesTheClientAsServiceUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Recorder recorder = new Recorder(RecorderOptions.of(URI.create("http://127.0.0.1:" + closedPort), out));
    try (LiveServer proxy = proxy(recorder);
        RawLiveClient c = RawLiveClient.connect(ws(proxy) + RawLiveClient.DEV_PATH + "?key=k")) {
      assertThat(c.awaitClose(10_000)).isEqualTo(new RawLiveClient.Close(1011, ProxySession.UNAVAILABLE));
    } finally {
      recorder.close();
    }
    String yaml = onlyRecording();
    assertThat(yaml).contains("incomplete", "could not be reached", "1011");
    assertValid();
  }

  @Test
  void tlsFailureReachesTheClientAsServiceUnavailable() throws Exception {
    // A wss upstream whose certificate the recorder does not trust.
    LiveServer upstream = LiveServer.start(ServerConfig.defaults().withTls(TlsMaterial.selfSigned(List.of())));
    Recorder recorder = new Recorder(RecorderOptions.of(URI.create("https://127.0.0.1:" + upstream.port()), out));
    try (LiveServer proxy = proxy(recorder);
        RawLiveClient c = RawLiveClient.connect(ws(proxy) + RawLiveClient.DEV_PATH + "?key=k")) {
      assertThat(c.awaitClose(10_000)).isEqualTo(new RawLiveClient.Close(1011, ProxySession.UNAVAILABLE));
    } finally {
      recorder.close();
      upstream.close();
    }
    assertThat(onlyRecording()).contains("incomplete", "TLS failed");
    assertValid();
  }

  @Test
  void upstreamCloseMidTurnIsPassedOnWithItsCodeAndReason() throws Exception {
    try (RecordingRig rig = RecordingRig.scenarios(UPSTREAM, out, o -> o);
        RawLiveClient c = RawLiveClient.connect(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=close-mid-turn")) {
      c.send(SETUP);
      c.until(m -> m.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      assertThat(c.awaitClose(10_000)).isEqualTo(new RawLiveClient.Close(1011, "Internal error occurred."));
      rig.awaitRecordings(1);
    }
    String yaml = onlyRecording();
    assertThat(yaml).contains("say:", "close:", "Internal error occurred.").doesNotContain("incomplete");
    assertValid();
  }

  @Test
  void upstreamDropMidTurnReachesTheClientAsALostConnection() throws Exception {
    try (RecordingRig rig = RecordingRig.scenarios(UPSTREAM, out, o -> o);
        RawLiveClient c = RawLiveClient.connect(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=drop-mid-turn")) {
      c.send(SETUP);
      c.until(m -> m.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      assertThat(c.awaitClose(10_000).code()).isEqualTo(1006);
      rig.awaitRecordings(1);
    }
    String yaml = onlyRecording();
    assertThat(yaml).contains("say:", "drop:", "incomplete", "without a close frame");
    assertValid();
  }

  @Test
  void stalledUpstreamGetsTheClientADeadlineCloseAndAnIncompleteRecording() throws Exception {
    try (RecordingRig rig = RecordingRig.scenarios(UPSTREAM, out, o -> o.withStallMillis(500));
        RawLiveClient c = RawLiveClient.connect(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=stall-after-setup")) {
      c.send(SETUP); // the upstream takes it and never answers
      assertThat(c.awaitClose(10_000)).isEqualTo(new RawLiveClient.Close(1011, ProxySession.DEADLINE));
      rig.awaitRecordings(1);
    }
    String yaml = onlyRecording();
    assertThat(yaml).contains("incomplete", "sent nothing for 500 ms after the client's setup", ProxySession.DEADLINE);
    assertValid();
  }

  @Test
  void clientThatDropsMidSessionLosesNothingAlreadyRecorded() throws Exception {
    try (RecordingRig rig = RecordingRig.persona(out, RecordingRig.fast(), o -> o)) {
      RawLiveClient c = RawLiveClient.connect(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=k");
      c.send(SETUP);
      c.until(m -> m.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"first question\"}}");
      c.until(m -> m.path("serverContent").path("turnComplete").asBoolean(), 10_000);
      c.abortWithoutClose();
      rig.awaitRecordings(1);
    }
    String yaml = onlyRecording();
    assertThat(yaml).contains("first question", "say:", "close code 1006");
    assertValid();
  }

  @Test
  void upgradeRefusedByTheUpstreamIsAnsweredWithTheSameHttpStatus() throws Exception {
    // Not a Live server: answers every request with 403 and a Google-style body.
    try (ServerSocket fake = new ServerSocket(0)) {
      Thread t = new Thread(() -> {
        try (Socket s = fake.accept()) {
          s.getInputStream().read(new byte[8192]);
          byte[] body = "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}".getBytes();
          s.getOutputStream().write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length + "\r\nConnection: close\r\n\r\n").getBytes());
          s.getOutputStream().write(body);
          s.getOutputStream().flush();
        } catch (Exception ignored) {
          // the test reports what the client saw
        }
      });
      t.start();
      Recorder recorder = new Recorder(RecorderOptions.of(URI.create("http://127.0.0.1:" + fake.getLocalPort()), out));
      try (LiveServer proxy = proxy(recorder)) {
        HttpClient http = HttpClient.newHttpClient();
        try {
          http.newWebSocketBuilder().buildAsync(URI.create(ws(proxy) + RawLiveClient.DEV_PATH + "?key=k"),
              new java.net.http.WebSocket.Listener() {}).join();
          throw new AssertionError("the upgrade should have been refused");
        } catch (CompletionException e) {
          assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
          HttpResponse<?> response = ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse();
          assertThat(response.statusCode()).isEqualTo(403);
          assertThat(String.valueOf(response.body())).contains("PERMISSION_DENIED");
        }
      } finally {
        recorder.close();
      }
      t.join(5000);
    }
    assertThat(onlyRecording()).contains("incomplete", "HTTP 403");
  }

  private static LiveServer proxy(Recorder recorder) throws InterruptedException {
    return LiveServer.start(ServerConfig.defaults(), ProfileCatalog.bundled(), s -> new PersonaResponder(),
        Companions.none().withTunnel(recorder));
  }

  private static String ws(LiveServer server) {
    return server.baseUrl().replaceFirst("^http", "ws");
  }

  private String onlyRecording() throws Exception {
    return Files.readString(ScriptedUpstreamRecordingTest.single(out));
  }

  private void assertValid() {
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
  }
}
