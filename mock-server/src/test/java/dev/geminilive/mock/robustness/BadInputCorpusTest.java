package dev.geminilive.mock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.CloseReasons;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawFrameClient;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of {@code bad-input/corpus.json} (garbage JSON, wrong types for every field,
 * frame abuse, floods) against one server while healthy sessions stream audio on the same
 * server, and checks each case's expected outcome, that the healthy sessions lost nothing, and
 * that no close reason, journal note or log line shows a class name or a library's message.
 */
class BadInputCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = RawLiveClient.DEV_PATH + "?key=k";
  private static final int HEALTHY_SESSIONS = 3;
  private static final long MUST_HAPPEN_MS = 15_000;

  @Test
  void everyCaseGetsItsOutcomeAndHealthySessionsLoseNothing() throws Exception {
    JsonNode corpus;
    try (InputStream in = getClass().getResourceAsStream("/bad-input/corpus.json")) {
      corpus = JSON.readTree(in);
    }
    String model = corpus.get("model").asText();
    int maxFrameBytes = corpus.get("maxFrameBytes").asInt();
    assertThat(corpus.get("cases").size()).isGreaterThanOrEqualTo(200);

    try (LeakScan.ErrTap log = new LeakScan.ErrTap();
        LiveServer server = LiveServer.start(ServerConfig.defaults()
        .withMaxFrameBytes(maxFrameBytes)
        .withSession(new SessionSettings(0.1, 300))
        .withCloseTimeoutMillis(1_000))) {
      String ws = server.baseUrl().replaceFirst("^http", "ws");
      AtomicBoolean corpusDone = new AtomicBoolean();
      List<HealthyStream> healthy = new ArrayList<>();
      for (int i = 0; i < HEALTHY_SESSIONS; i++) {
        healthy.add(new HealthyStream(ws + PATH + "&healthy=" + i, model, corpusDone));
      }
      ExecutorService pool = Executors.newFixedThreadPool(HEALTHY_SESSIONS + 3);
      try {
        List<Future<Void>> streams = new ArrayList<>();
        for (HealthyStream h : healthy) {
          streams.add(pool.submit(h));
        }
        List<Future<String>> results = new ArrayList<>();
        for (JsonNode c : corpus.get("cases")) {
          results.add(pool.submit(() -> runCase(server.port(), model, c)));
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> r : results) {
          String failure = r.get(2, TimeUnit.MINUTES);
          if (failure != null) {
            failures.add(failure);
          }
        }
        corpusDone.set(true);
        for (Future<Void> s : streams) {
          s.get(1, TimeUnit.MINUTES);
        }
        assertThat(failures).as("corpus cases that did not get their outcome").isEmpty();
      } finally {
        pool.shutdownNow();
      }

      // Nothing lost: every frame a healthy client sent reached the session, and every frame the
      // session sent reached the client.
      for (HealthyStream h : healthy) {
        SessionJournal journal = server.journal().sessions().stream()
            .filter(s -> s.path().endsWith(h.url.substring(h.url.lastIndexOf('&'))))
            .findFirst().orElseThrow();
        assertThat(h.chunksSent).as("healthy stream really streamed").isGreaterThan(20);
        assertThat(journal.closeCode()).as("healthy session closed by " + journal.closeReason())
            .isIn(null, 1000);
        assertThat(journal.framesFromClient()).as("client frames journalled").isEqualTo(h.framesSent);
        assertThat(journal.framesFromServer()).as("server frames received").isEqualTo(h.framesReceived);
        assertThat(h.turnsCompleted).as("healthy session got its replies").isGreaterThan(1);
      }

      // What the mock said about all that bad input, in the journal and in its log.
      List<String> said = new ArrayList<>(LeakScan.texts(server.journal()));
      said.addAll(log.lines());
      assertThat(log.lines()).as("the server's log was read").anyMatch(l -> l.contains(" ended: "));
      for (String text : said) {
        LeakScan.assertNoLeak("the journal or log", text);
      }
    }
  }

  /** A well-behaved client streaming speech and silence until the corpus is done, then a last turn. */
  private static final class HealthyStream implements java.util.concurrent.Callable<Void> {
    final String url;
    final String model;
    final AtomicBoolean stop;
    long framesSent;
    long framesReceived;
    long chunksSent;
    int turnsCompleted;

    HealthyStream(String url, String model, AtomicBoolean stop) {
      this.url = url;
      this.model = model;
      this.stop = stop;
    }

    @Override
    public Void call() throws Exception {
      List<byte[]> speech = Signals.chunks(Signals.tone(300, 16_000, 400, 8_000), 16_000, 50);
      List<byte[]> silence = Signals.chunks(Signals.silence(16_000, 500), 16_000, 50);
      try (RawLiveClient c = RawLiveClient.connect(url)) {
        c.setup(model, "");
        framesSent++;
        framesReceived += c.until(n -> n.has("setupComplete"), MUST_HAPPEN_MS).size();
        while (!stop.get()) {
          for (List<byte[]> part : List.of(speech, silence)) {
            for (byte[] chunk : part) {
              c.send(Signals.audioMessage(chunk, 16_000));
              framesSent++;
              chunksSent++;
              Thread.sleep(10);
            }
          }
          List<RawLiveClient.Frame> got = c.drain(0);
          framesReceived += got.size();
          turnsCompleted += (int) got.stream().filter(f -> f.json().at("/serverContent/turnComplete").asBoolean()).count();
        }
        c.send("{\"realtimeInput\":{\"text\":\"last turn\"}}");
        framesSent++;
        List<RawLiveClient.Frame> tail =
            new ArrayList<>(c.until(n -> n.at("/serverContent/turnComplete").asBoolean(), MUST_HAPPEN_MS));
        // A reply to an earlier spoken turn may have ended first; read until the server is quiet.
        List<RawLiveClient.Frame> late;
        while (!(late = c.drain(500)).isEmpty()) {
          tail.addAll(late);
        }
        framesReceived += tail.size();
        turnsCompleted += (int) tail.stream().filter(f -> f.json().at("/serverContent/turnComplete").asBoolean()).count();
        assertThat(c.isClosed()).as("healthy session still open").isFalse();
      }
      return null;
    }
  }

  /** Runs one case; returns null when it got its expected outcome, or what went wrong. */
  static String runCase(int port, String model, JsonNode c) {
    String id = c.get("id").asText();
    try (RawFrameClient client = RawFrameClient.connect(port, PATH)) {
      boolean setupDone = false;
      if (c.get("setup").asBoolean()) {
        String failure = setup(client, model);
        if (failure != null) {
          return id + ": " + failure;
        }
        setupDone = true;
      }
      for (JsonNode step : c.get("send")) {
        apply(client, step);
      }
      JsonNode expect = c.get("expect");
      if (expect.has("alive")) {
        if (c.path("selfSetup").asBoolean()) {
          RawFrameClient.Frame f = client.nextData(MUST_HAPPEN_MS);
          if (f == null || !f.text().contains("setupComplete")) {
            return id + ": expected setupComplete, got " + (f == null ? null : f.text())
                + ", close=" + client.awaitClose(0);
          }
        } else if (!setupDone) {
          String failure = setup(client, model);
          if (failure != null) {
            return id + ": expected the session alive, but " + failure;
          }
        }
        client.text("{\"realtimeInput\":{\"text\":\"probe\"}}");
        long deadline = System.currentTimeMillis() + MUST_HAPPEN_MS;
        while (true) {
          RawFrameClient.Frame f = client.nextData(Math.max(1, deadline - System.currentTimeMillis()));
          if (f == null) {
            return id + ": expected the session alive, but no reply to a text turn; close="
                + client.awaitClose(0);
          }
          if (JSON.readTree(f.payload()).at("/serverContent/turnComplete").asBoolean()) {
            return null;
          }
        }
      }
      RawFrameClient.Close close = client.awaitClose(MUST_HAPPEN_MS);
      if (close == null) {
        return id + ": expected close " + expect.get("close") + ", but the connection stayed open";
      }
      if (!close.wellFormed()) {
        return id + ": malformed close frame " + close;
      }
      if (!LeakScan.leaks(close.reason()).isEmpty()) {
        return id + ": the close reason shows internals " + LeakScan.leaks(close.reason()) + ": " + close;
      }
      if (close.code() != expect.get("close").asInt()) {
        return id + ": expected close " + expect.get("close") + ", got " + close;
      }
      for (JsonNode part : expect.get("reason")) {
        if (!containsAllowingCut(close.reason(), part.asText())) {
          return id + ": reason lacks '" + part.asText() + "': " + close;
        }
      }
      return null;
    } catch (Exception e) {
      return id + ": " + e;
    }
  }

  /**
   * Whether {@code reason} holds {@code part}, or, when the reason was cut at the close frame's
   * 123 bytes, ends with a start of it long enough to say which field is meant.
   */
  static boolean containsAllowingCut(String reason, String part) {
    if (reason.contains(part)) {
      return true;
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length < CloseReasons.MAX_REASON_BYTES - 3) {
      return false; // not cut
    }
    for (int k = part.length() - 1; k >= 40; k--) {
      if (reason.endsWith(part.substring(0, k))) {
        return true;
      }
    }
    return false;
  }

  private static String setup(RawFrameClient client, String model) throws Exception {
    client.text("{\"setup\":{\"model\":\"" + model + "\"}}");
    RawFrameClient.Frame f = client.nextData(MUST_HAPPEN_MS);
    if (f == null || !f.text().contains("setupComplete")) {
      return "no setupComplete; got " + (f == null ? null : f.text()) + ", close=" + client.awaitClose(0);
    }
    return null;
  }

  private static void apply(RawFrameClient client, JsonNode step) throws IOException {
    if (step.has("text")) {
      client.text(step.get("text").asText());
    } else if (step.has("binary")) {
      client.frame(true, RawFrameClient.BINARY, step.get("binary").asText().getBytes(StandardCharsets.UTF_8));
    } else if (step.has("frame")) {
      JsonNode f = step.get("frame");
      byte[] payload = f.has("hex")
          ? HexFormat.of().parseHex(f.get("hex").asText())
          : f.get("utf8").asText().getBytes(StandardCharsets.UTF_8);
      client.frame(f.get("fin").asBoolean(), f.get("rsv").asInt(), f.get("opcode").asInt(), payload,
          f.get("masked").asBoolean());
    } else if (step.has("header")) {
      JsonNode h = step.get("header");
      client.header(h.get("opcode").asInt(), h.get("length").asLong(), h.get("sent").asInt());
    } else if (step.has("fill")) {
      JsonNode fill = step.get("fill");
      int fragments = fill.get("fragments").asInt();
      int total = fill.get("bytes").asInt();
      int size = total / fragments;
      for (int i = 0; i < fragments && !client.isClosed(); i++) {
        int n = i == fragments - 1 ? total - size * (fragments - 1) : size;
        byte[] part = new byte[n];
        java.util.Arrays.fill(part, (byte) 'a');
        client.frame(i == fragments - 1, 0, i == 0 ? fill.get("opcode").asInt() : RawFrameClient.CONTINUATION,
            part, true);
      }
    } else if (step.has("repeat")) {
      for (int i = 0; i < step.get("repeat").asInt(); i++) {
        apply(client, step.get("step"));
      }
    } else {
      throw new IllegalArgumentException("unknown step " + step);
    }
  }
}
