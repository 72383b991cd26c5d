package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hundred proxied sessions open at once, each with its own words. Each client must get back
 * its own words, and each recording must hold exactly one client's words: a tape, a cursor or an
 * id shared between sessions would show up as someone else's words or a lost file.
 */
class ConcurrentRecordingTest {
  static final int SESSIONS = 200;
  static final com.fasterxml.jackson.databind.ObjectMapper YAML =
      new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
  static final String MODEL = "gemini-live-2.5-flash-mock-half-cascade";

  @Test
  void twoHundredConcurrentSessionsShareNothing(@TempDir Path out) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    try (RecordingRig rig = RecordingRig.persona(out, RecordingRig.fast(), o -> o)) {
      CyclicBarrier allOpen = new CyclicBarrier(SESSIONS);
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          runOne(rig.proxyWs(), n, allOpen);
          return null;
        }));
      }
      for (Future<?> f : results) {
        f.get(120, TimeUnit.SECONDS);
      }
      rig.awaitRecordings(SESSIONS);
    } finally {
      pool.shutdownNow();
    }
    Set<String> seen = new HashSet<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        JsonNode scenario = YAML.readTree(file.toFile());
        List<String> words = new ArrayList<>();
        for (JsonNode step : scenario.path("steps")) {
          JsonNode text = step.path("expect").path("match").path("realtimeInput.text");
          if (text.isTextual()) {
            words.add(text.asText());
          }
        }
        assertThat(words).as(file.toString()).hasSize(1);
        assertThat(seen.add(words.get(0))).as("two recordings of one session").isTrue();
      }
    }
    assertThat(seen).hasSize(SESSIONS);
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
  }

  private static void runOne(String ws, int n, CyclicBarrier allOpen) throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=k" + n, Map.of(), null)) {
      c.send("{\"setup\":{\"model\":\"models/" + MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}}}");
      c.until(m -> m.has("setupComplete"), 30_000);
      allOpen.await(60, TimeUnit.SECONDS);
      String words = "session number " + n + " speaking";
      c.send("{\"realtimeInput\":{\"text\":\"" + words + "\"}}");
      StringBuilder reply = new StringBuilder();
      for (Frame f : c.until(m -> m.path("serverContent").path("turnComplete").asBoolean(), 30_000)) {
        for (JsonNode part : f.json().path("serverContent").path("modelTurn").path("parts")) {
          reply.append(part.path("text").asText(""));
        }
      }
      assertThat(reply.toString()).endsWith("You said: " + words);
    }
  }
}
