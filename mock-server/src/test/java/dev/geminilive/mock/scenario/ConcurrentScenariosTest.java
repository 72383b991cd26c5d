package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two hundred sessions at once, a third on each of three scenarios, every client with its own
 * words, audio format and tool answer. Each must get back exactly its own transcript: a cursor or
 * capture shared between runs would show up as someone else's words.
 */
class ConcurrentScenariosTest {
  static final int SESSIONS = 200;
  static final int[] RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};

  @Test
  void twoHundredConcurrentSessionsEachGetTheirOwnTranscript() throws Exception {
    ScenarioLibrary library = ScenarioServer.library(Path.of("src", "test", "resources", "scenarios-concurrency"));
    assertThat(library.snapshot().problems()).isEmpty();
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    try (LiveServer server = ScenarioServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(0.5, 300)).withCloseTimeoutMillis(500), library)) {
      String ws = server.baseUrl().replaceFirst("^http", "ws");
      CyclicBarrier allOpen = new CyclicBarrier(SESSIONS);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        int n = i;
        results.add(pool.submit(() -> runOne(ws, n, allOpen)));
      }
      List<String> sessionIds = new ArrayList<>();
      for (Future<String> f : results) {
        sessionIds.add(f.get(120, TimeUnit.SECONDS));
      }
      // Server side: every run finished its own script, none reported a mismatch.
      for (SessionJournal j : server.journal().sessions()) {
        assertThat(j.entries()).extracting(JournalEntry::kind).doesNotContain("scenario-mismatch");
      }
      assertThat(sessionIds).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
      library.close();
    }
  }

  /** Runs one session; returns the session id it was told about (echo-audio) or its index. */
  private static String runOne(String ws, int n, CyclicBarrier allOpen) throws Exception {
    String scenario = switch (n % 3) {
      case 0 -> "echo-text";
      case 1 -> "echo-tool";
      default -> "echo-audio";
    };
    try (RawLiveClient c = RawLiveClient.connect(ws + "/" + scenario + RawLiveClient.DEV_PATH + "?key=k" + n)) {
      switch (scenario) {
        case "echo-text" -> c.setup("models/gemini-live-2.5-flash-mock-half-cascade",
            "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
        case "echo-tool" -> c.setup("models/gemini-3.1-flash-live-preview", "\"outputAudioTranscription\":{}");
        default -> c.setup("models/gemini-2.5-flash-native-audio-preview-12-2025",
            "\"inputAudioTranscription\":{},\"outputAudioTranscription\":{}");
      }
      assertThat(c.next(30_000).json().has("setupComplete")).isTrue();
      allOpen.await(60, TimeUnit.SECONDS); // all 200 sessions are open before any turn starts
      String words = "client-" + n + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
      switch (scenario) {
        case "echo-text" -> {
          c.send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + words
              + "\"}]}],\"turnComplete\":true}}");
          List<Frame> frames = c.until(f -> f.has("usageMetadata"), 30_000);
          assertThat(texts(frames, "/serverContent/modelTurn/parts/0/text")).containsExactly("You said: " + words);
          assertThat(kinds(frames)).containsExactly("modelTurn", "generationComplete", "turnComplete", "usageMetadata");
          return scenario + n;
        }
        case "echo-tool" -> {
          c.send("{\"realtimeInput\":{\"text\":\"" + words + "\"}}");
          JsonNode call = c.next(30_000).json();
          assertThat(call.at("/toolCall/functionCalls/0/args/city").asText()).isEqualTo(words);
          String id = call.at("/toolCall/functionCalls/0/id").asText();
          String answer = "answer-" + n;
          c.send("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + id
              + "\",\"name\":\"get_weather\",\"response\":{\"output\":\"" + answer + "\"}}]}}");
          List<Frame> frames = c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 30_000);
          assertThat(texts(frames, "/serverContent/outputTranscription/text"))
              .containsExactly("In " + words + " it is " + answer + ".");
          // 3.1 puts two parts in an event: the three chunks come in two events.
          assertThat(kinds(frames)).filteredOn("modelTurn"::equals).hasSize(2);
          return scenario + n;
        }
        default -> {
          int rate = RATES[n % RATES.length];
          for (byte[] chunk : Signals.chunks(Signals.tone(200 + n, rate, 240, 6000), rate, 40)) {
            c.send(Signals.audioMessage(chunk, rate));
          }
          c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
          List<Frame> frames = c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 30_000);
          assertThat(texts(frames, "/serverContent/inputTranscription/text"))
              .containsExactly("(audio as audio/pcm;rate=" + rate + ")");
          List<String> out = texts(frames, "/serverContent/outputTranscription/text");
          assertThat(out).hasSize(1);
          assertThat(out.get(0)).startsWith("Heard audio/pcm;rate=" + rate + " in s");
          return out.get(0).substring(out.get(0).lastIndexOf(' ') + 1);
        }
      }
    }
  }

  private static List<String> texts(List<Frame> frames, String pointer) {
    List<String> out = new ArrayList<>();
    for (Frame f : frames) {
      JsonNode v = f.json().at(pointer);
      if (!v.isMissingNode()) {
        out.add(v.asText());
      }
    }
    return out;
  }

  private static List<String> kinds(List<Frame> frames) {
    List<String> out = new ArrayList<>();
    for (Frame f : frames) {
      JsonNode j = f.json();
      JsonNode sc = j.path("serverContent");
      if (sc.has("modelTurn")) out.add("modelTurn");
      if (sc.path("generationComplete").asBoolean()) out.add("generationComplete");
      if (sc.path("turnComplete").asBoolean()) out.add("turnComplete");
      if (j.has("usageMetadata") && !sc.has("turnComplete")) out.add("usageMetadata");
    }
    return out;
  }
}
