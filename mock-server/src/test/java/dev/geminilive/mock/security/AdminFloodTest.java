package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.testing.RawHttp;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client that floods the admin API (wrong tokens, no token, the right token asking for every
 * journal) while a healthy Live session talks. Judged by the healthy session's own frames: it
 * gets every frame a quiet run gets (same audio bytes, same transcripts, every turn complete, no
 * close), while the flood is shown to have been answered all along. No wall-clock tolerance is
 * asserted; the times are printed for the record.
 */
class AdminFloodTest {
  static final String TOKEN = "flood-test-token";
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final int TURNS = 3;

  /** What the healthy session received in one run. */
  record Run(List<Integer> audioBytes, List<String> transcripts, long floodDuring, long receiveMillis) {}

  @Test
  void anAdminFloodDoesNotChangeWhatAHealthyLiveSessionReceives() throws Exception {
    try (RestCompanion rest = RestCompanion.start(null, null);
         LiveServer server = LiveServer.start(ServerConfig.defaults().withAdmin(AdminSecurity.withToken(TOKEN)),
             ProfileCatalog.bundled(), s -> new PersonaResponder(), rest.companions())) {
      Run quiet = converse(server, new AtomicLong());

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong answered = new AtomicLong();
      ConcurrentHashMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      List<Thread> flood = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int kind = i;
        Thread t = new Thread(() -> flood(server, kind, stop, answered, statuses), "flood-" + i);
        t.setDaemon(true);
        t.start();
        flood.add(t);
      }
      Run flooded;
      try {
        while (answered.get() < 50) {
          Thread.sleep(5); // the flood is running before the session starts
        }
        flooded = converse(server, answered);
      } finally {
        stop.set(true);
        for (Thread t : flood) {
          t.join(10_000);
        }
      }
      System.out.printf("admin flood: %d admin answers %s; %d of them while the session's %d turns played;"
              + " the session's frames arrived over %d ms (quiet run: %d ms)%n",
          answered.get(), statuses, flooded.floodDuring(), TURNS, flooded.receiveMillis(), quiet.receiveMillis());

      assertThat(flooded.audioBytes()).isEqualTo(quiet.audioBytes());
      assertThat(flooded.transcripts()).isEqualTo(quiet.transcripts());
      assertThat(quiet.audioBytes()).hasSize(TURNS).allMatch(n -> n > 0);
      // The flood really overlapped the session, and was answered as it should be.
      assertThat(flooded.floodDuring()).isGreaterThan(20);
      assertThat(statuses.get(401).get()).isPositive();
      assertThat(statuses.get(200).get()).isPositive();
      assertThat(statuses.keySet()).containsOnly(200, 401);
    }
  }

  /** Three spoken turns; counts the admin answers that arrived between first and last frame. */
  private static Run converse(LiveServer server, AtomicLong answered) throws Exception {
    List<Integer> audio = new ArrayList<>();
    List<String> transcripts = new ArrayList<>();
    long floodAtStart;
    long started;
    try (RawLiveClient live = RawLiveClient.connect(
        server.baseUrl().replace("http", "ws") + RawLiveClient.DEV_PATH + "?key=k")) {
      live.setup(MODEL, "\"outputAudioTranscription\":{}");
      live.until(j -> j.has("setupComplete"), 20_000);
      floodAtStart = answered.get();
      started = System.nanoTime();
      for (int turn = 0; turn < TURNS; turn++) {
        live.send("{\"realtimeInput\":{\"text\":\"turn " + turn + "\"}}");
        List<RawLiveClient.Frame> frames = live.until(j -> j.at("/serverContent/turnComplete").asBoolean(), 60_000);
        int bytes = 0;
        StringBuilder text = new StringBuilder();
        for (RawLiveClient.Frame f : frames) {
          JsonNode sc = f.json().path("serverContent");
          for (JsonNode part : sc.at("/modelTurn/parts")) {
            if (part.has("inlineData")) {
              bytes += Base64.getDecoder().decode(part.at("/inlineData/data").asText()).length;
            }
          }
          text.append(sc.at("/outputTranscription/text").asText(""));
          assertThat(f.json().has("goAway")).isFalse();
        }
        audio.add(bytes);
        transcripts.add(text.toString());
      }
      assertThat(live.isClosed()).isFalse();
    }
    return new Run(audio, transcripts, answered.get() - floodAtStart, (System.nanoTime() - started) / 1_000_000);
  }

  /** One flooding client: kind 0 and 1 keep a connection alive, 2 opens one per request. */
  private static void flood(LiveServer server, int kind, AtomicBoolean stop, AtomicLong answered,
      ConcurrentHashMap<Integer, AtomicLong> statuses) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    RawHttp raw = new RawHttp("127.0.0.1", server.port());
    int n = 0;
    while (!stop.get()) {
      try {
        int status;
        String auth = switch (kind) {
          case 0 -> "Bearer wrong-" + n;
          case 1 -> "Bearer " + TOKEN;
          default -> null;
        };
        if (kind == 2) {
          status = raw.get("/__admin/mappings").status();
        } else if (kind == 3) {
          status = raw.send("POST", "/__admin/mappings", "{\"request\":{}}", "Authorization: Bearer x").status();
        } else {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/sessions"))
              .timeout(Duration.ofSeconds(20));
          b.header("Authorization", auth);
          status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        answered.incrementAndGet();
        n++;
      } catch (Exception e) {
        if (!stop.get()) {
          statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
        }
      }
    }
  }
}
