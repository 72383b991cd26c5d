package dev.geminilive.mock.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawFrameClient;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import dev.geminilive.mock.transport.ServerLimits;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each server limit closes the offending connection only, with the right close code and a reason
 * that names the limit and its option; a well-behaved session on the same server carries on.
 */
class LimitsTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final String PATH = RawLiveClient.DEV_PATH + "?key=k";
  static final String SETUP = "{\"setup\":{\"model\":\"" + MODEL + "\"}}";
  static final long MUST_HAPPEN_MS = 10_000;

  static LiveServer start(ServerLimits limits) throws InterruptedException {
    return LiveServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(0, 300))
        .withCloseTimeoutMillis(1_000)
        .withLimits(limits));
  }

  static String ws(LiveServer server) {
    return server.baseUrl().replaceFirst("^http", "ws") + PATH;
  }

  /** A healthy session answers a text turn. */
  static void answersATurn(RawLiveClient c) throws InterruptedException {
    c.send("{\"realtimeInput\":{\"text\":\"still there?\"}}");
    c.until(n -> n.at("/serverContent/turnComplete").asBoolean(), MUST_HAPPEN_MS);
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void oneSessionAboveMaxSessionsIsRefusedWith1013() throws Exception {
    try (LiveServer server = start(ServerLimits.defaults().withMaxSessions(2));
        RawLiveClient a = RawLiveClient.connect(ws(server));
        RawLiveClient b = RawLiveClient.connect(ws(server))) {
      a.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      b.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      try (RawLiveClient third = RawLiveClient.connect(ws(server))) {
        RawLiveClient.Close close = third.awaitClose(MUST_HAPPEN_MS);
        assertThat(close.code()).isEqualTo(1013);
        assertThat(close.reason()).contains("Too many sessions").contains("2").contains("--max-sessions");
      }
      answersATurn(a);
      b.close();
      // b's place is free once its connection is gone.
      await().atMost(Duration.ofMillis(MUST_HAPPEN_MS)).untilAsserted(() -> {
        try (RawLiveClient again = RawLiveClient.connect(ws(server))) {
          again.send(SETUP);
          assertThat(again.next(MUST_HAPPEN_MS).json().has("setupComplete")).isTrue();
        }
      });
    }
  }

  @Test
  void incompleteHttpRequestGets408AfterTheHandshakeTimeout() throws Exception {
    try (LiveServer server = start(ServerLimits.defaults().withHandshakeTimeoutMillis(300));
        RawLiveClient healthy = RawLiveClient.connect(ws(server));
        Socket slow = new Socket()) {
      healthy.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
      slow.setSoTimeout((int) MUST_HAPPEN_MS);
      slow.getOutputStream().write(("GET " + PATH + " HTTP/1.1\r\nHost: x\r\nUpgrade: web")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = slow.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // until the server closes
      assertThat(response).startsWith("HTTP/1.1 408").contains("Handshake timeout").contains("--handshake-timeout-ms");
      answersATurn(healthy);
    }
  }

  @Test
  void noSetupInTimeIsClosedWith1008() throws Exception {
    try (LiveServer server = start(ServerLimits.defaults().withSetupTimeoutMillis(300));
        RawLiveClient healthy = RawLiveClient.connect(ws(server));
        RawFrameClient silent = RawFrameClient.connect(server.port(), PATH)) {
      healthy.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      RawFrameClient.Close close = silent.awaitClose(MUST_HAPPEN_MS);
      assertThat(close).isNotNull();
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).contains("Setup timeout").contains("300 ms").contains("--setup-timeout-ms");
      // The healthy session is older than the setup timeout and still fine.
      answersATurn(healthy);
    }
  }

  @Test
  void silentClientIsClosedAfterTheIdleTimeoutWhileAStreamingOneIsNot() throws Exception {
    try (LiveServer server = start(ServerLimits.defaults().withIdleTimeoutMillis(500));
        RawLiveClient idle = RawLiveClient.connect(ws(server));
        RawLiveClient streaming = RawLiveClient.connect(ws(server))) {
      idle.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      streaming.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      byte[] silence = Signals.silence(16_000, 50);
      while (!idle.isClosed()) {
        streaming.send(Signals.audioMessage(silence, 16_000));
        Thread.sleep(50);
      }
      RawLiveClient.Close close = idle.awaitClose(MUST_HAPPEN_MS);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).contains("Idle timeout").contains("500 ms").contains("--idle-timeout-ms");
      answersATurn(streaming);
    }
  }

  @Test
  void clientThatStopsReadingIsClosedAtTheBacklogLimit() throws Exception {
    try (LiveServer server = start(ServerLimits.defaults().withMaxBacklogBytes(32 * 1024));
        RawLiveClient healthy = RawLiveClient.connect(ws(server));
        RawFrameClient stalled = RawFrameClient.open(server.port(), PATH + "&stalled=1", 4096)) {
      healthy.send(SETUP).until(n -> n.has("setupComplete"), MUST_HAPPEN_MS);
      stalled.text(SETUP);
      SessionJournal journal = await().atMost(Duration.ofMillis(MUST_HAPPEN_MS)).until(
          () -> server.journal().sessions().stream().filter(s -> s.path().contains("stalled")).findFirst(),
          java.util.Optional::isPresent).get();
      // Each spoken reply is ~80 KB; the client reads none of it.
      for (int i = 0; i < 40 && !journal.isClosed(); i++) {
        stalled.text("{\"realtimeInput\":{\"text\":\"talk to me\"}}");
        Thread.sleep(20);
      }
      await().atMost(Duration.ofMillis(MUST_HAPPEN_MS)).until(journal::isClosed);
      assertThat(journal.closeCode()).isEqualTo(1008);
      assertThat(journal.closeReason()).contains("Backlog limit").contains("32768").contains("--max-backlog-bytes");
      // Once it reads, the client finds the close frame behind the backlog (or the server gave up).
      stalled.startReading();
      RawFrameClient.Close close = stalled.awaitClose(MUST_HAPPEN_MS);
      assertThat(close).isNotNull();
      assertThat(close.code()).isIn(1008, 1006);
      answersATurn(healthy);
    }
  }
}
