package dev.geminilive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.TimingFigure;
import dev.geminilive.mock.profile.TimingProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The persona's timing as a client sees it: per family and per kind of turn, the time from the
 * client's turn to the first audio frame, the gaps between audio frames, the delivery speed (audio
 * seconds per wall second) and the generationComplete → turnComplete gap, printed as Markdown next
 * to the family's profile figures. Run against {@code serve --timing realistic} by
 * {@code benchmark/run.sh timing}; measures what a client measures, so network and scheduling are
 * included (loopback here).
 *
 * <p>Usage: {@code TimingProbe BASE_WS_URL TURNS_PER_CELL CONCURRENCY}
 */
public final class TimingProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH =
      "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=bench";
  private static final String[] FAMILIES = {
    "gemini-2.5-flash-native-audio", "gemini-3.1-flash-live", "gemini-3.8-live",
    "gemini-3.8-live-extended-thinking"};
  private static final String[] MODELS = {
    "gemini-2.5-flash-native-audio-preview-12-2025", "gemini-3.1-flash-live-preview",
    "gemini-3.8-live", "gemini-3.8-live-extended-thinking"};

  /** What one turn looked like from the client. */
  record Turn(double firstAudioMs, List<Double> frameGapsMs, double audioMs, double streamMs,
      double turnGapMs) {}

  private TimingProbe() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int turns = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    ProfileCatalog catalog = ProfileCatalog.bundled();
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    System.out.print("| Family | Turn | n | first audio p10 / p50 / p90 (ms) | profile: first audio | audio frame gap p50 / p90 (ms) | delivery speed p50 (× real time) | profile: speed | generationComplete → turnComplete p50 (ms) |\n");
    System.out.print("|---|---|---|---|---|---|---|---|---|\n");
    for (int f = 0; f < FAMILIES.length; f++) {
      TimingProfile t = catalog.family(FAMILIES[f]).orElseThrow().timing();
      for (String kind : List.of("text", "clientContent")) {
        String model = MODELS[f];
        if (kind.equals("clientContent") && FAMILIES[f].equals("gemini-3.1-flash-live")) {
          // 3.1 closes a clientContent turn outside initial history (1007; docs/model-profiles.md).
          System.out.printf("| %s | clientContent | – | refused by the family (1007) | – | – | – | – | – |%n",
              FAMILIES[f]);
          continue;
        }
        List<Future<Turn>> futures = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
          futures.add(pool.submit(() -> oneTurn(http, base + PATH, model, kind)));
        }
        List<Turn> done = new ArrayList<>();
        for (Future<Turn> fu : futures) {
          done.add(fu.get(60, TimeUnit.SECONDS));
        }
        TimingFigure figure = kind.equals("text") ? t.firstAudio().afterUserTurn()
            : t.firstAudio().afterClientContent();
        List<Double> first = sorted(done.stream().map(Turn::firstAudioMs).toList());
        List<Double> gaps = sorted(done.stream().flatMap(d -> d.frameGapsMs().stream()).toList());
        List<Double> speed = sorted(done.stream().map(d -> d.audioMs() / Math.max(1, d.streamMs())).toList());
        List<Double> turnGap = sorted(done.stream().map(Turn::turnGapMs).toList());
        System.out.print(String.format(Locale.ROOT,
            "| %s | %s | %d | %.0f / %.0f / %.0f | %s | %.1f / %.1f | %.2f | %s | %.0f |%n",
            FAMILIES[f], kind.equals("text") ? "user turn (text)" : "clientContent", done.size(),
            pct(first, 10), pct(first, 50), pct(first, 90), figure.describe(), pct(gaps, 50),
            pct(gaps, 90), pct(speed, 50), String.format(Locale.ROOT, "%.1f (%s)",
                t.chunk().deliverySpeed().medianMs(), t.chunk().deliverySpeed().evidence()),
            pct(turnGap, 50)));
      }
    }
    pool.shutdownNow();
  }

  static Turn oneTurn(HttpClient http, String url, String model, String kind) throws Exception {
    LinkedBlockingQueue<Object[]> frames = new LinkedBlockingQueue<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
      final StringBuilder text = new StringBuilder();
      final java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();

      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          frames.add(new Object[] {System.nanoTime(), text.toString()});
          text.setLength(0);
        }
        w.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        bin.write(b, 0, b.length);
        if (last) {
          frames.add(new Object[] {System.nanoTime(), bin.toString(StandardCharsets.UTF_8)});
          bin.reset();
        }
        w.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    try {
      // Extended thinking needs a thinking level, else it never answers setup (its profile).
      String thinking = model.contains("extended-thinking")
          ? ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":\"LOW\"}}" : "";
      ws.sendText("{\"setup\":{\"model\":\"models/" + model + "\"" + thinking + "}}", true).get();
      await(frames, n -> n.has("setupComplete"));
      long sent = System.nanoTime();
      ws.sendText(kind.equals("text") ? "{\"realtimeInput\":{\"text\":\"hello\"}}"
          : "{\"clientContent\":{\"turns\":[],\"turnComplete\":true}}", true).get();
      Long first = null;
      long last = 0;
      long generation = 0;
      double audioMs = 0;
      double lastFrameMs = 0;
      List<Double> gaps = new ArrayList<>();
      while (true) {
        Object[] f = frames.poll(30, TimeUnit.SECONDS);
        if (f == null) {
          throw new IllegalStateException("no turnComplete from " + model);
        }
        long at = (Long) f[0];
        JsonNode n = JSON.readTree((String) f[1]);
        JsonNode parts = n.at("/serverContent/modelTurn/parts");
        double ms = 0;
        for (JsonNode p : parts) {
          if (p.has("inlineData")) {
            ms += Base64.getDecoder().decode(p.at("/inlineData/data").asText()).length / 48.0;
          }
        }
        if (ms > 0) {
          if (first == null) {
            first = at;
          } else {
            gaps.add((at - last) / 1e6);
          }
          last = at;
          audioMs += ms;
          lastFrameMs = ms;
        }
        if (n.at("/serverContent/generationComplete").asBoolean()) {
          generation = at;
        }
        if (n.at("/serverContent/turnComplete").asBoolean()) {
          // Speed: the audio sent before the last frame over the time it took to arrive.
          return new Turn((first - sent) / 1e6, gaps, audioMs - lastFrameMs, (last - first) / 1e6,
              (at - generation) / 1e6);
        }
      }
    } finally {
      ws.abort();
    }
  }

  private static void await(LinkedBlockingQueue<Object[]> frames, java.util.function.Predicate<JsonNode> p)
      throws Exception {
    while (true) {
      Object[] f = frames.poll(10, TimeUnit.SECONDS);
      if (f == null) {
        throw new IllegalStateException("timed out waiting for a frame");
      }
      if (p.test(JSON.readTree((String) f[1]))) {
        return;
      }
    }
  }

  static List<Double> sorted(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s;
  }

  static double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.round(p / 100.0 * (sorted.size() - 1)));
    return sorted.get(i);
  }
}
