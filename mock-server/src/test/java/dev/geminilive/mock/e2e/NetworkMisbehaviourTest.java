package dev.geminilive.mock.e2e;

import static dev.geminilive.mock.testing.RawLiveClient.DEV_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.scenario.build.ScenarioBuilder;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Network misbehaviour over real sockets, from the three places it can be asked for (scenario,
 * admin API, server options). Times are only checked from below: a delay or a stall must be at
 * least as long as asked, never "at most", so a busy machine cannot fail these tests.
 */
class NetworkMisbehaviourTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static GeminiLiveMockServer mock;

  @BeforeAll
  static void start() {
    mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options().closeTimeoutMillis(200));
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  /** A scenario: setup, one typed turn, then {@code then}'s steps. */
  static String scenario(String id, java.util.function.UnaryOperator<ScenarioBuilder> then) {
    ScenarioBuilder b = ScenarioBuilder.scenario(id).expectSetup(e -> { }).expectText(e -> { });
    mock.scenarioLibrary().orElseThrow().put(then.apply(b).build());
    return id;
  }

  static RawLiveClient connect(String scenario) throws Exception {
    RawLiveClient c = RawLiveClient.connect(mock.baseUrl().replaceFirst("^http", "ws")
        + (scenario == null ? "" : "/" + scenario) + DEV_PATH + "?key=k");
    c.setup(MODEL, "");
    assertThat(c.next(10_000).json().has("setupComplete")).isTrue();
    return c;
  }

  static long sinceMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static SessionJournal latest() {
    return mock.journal().latest().orElseThrow();
  }

  static List<String> networkNotes(SessionJournal j) {
    return j.entries().stream().filter(e -> e.kind().equals("network")).map(JournalEntry::note).toList();
  }

  static HttpResponse<String> admin(String method, String route, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/" + route))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPerfectNetworkInstallsNothingAndJournalsNothing() throws Exception {
    String id = scenario("net-none", b -> b.usage(1, 1));
    try (RawLiveClient c = connect(id)) {
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      assertThat(c.next(5_000).json().has("usageMetadata")).isTrue();
    }
    assertThat(networkNotes(latest())).isEmpty();
    assertThat(latest().attribute("network")).isNull();
  }

  @Test
  void jitterNeverReordersFrames() throws Exception {
    String id = scenario("net-order", b -> {
      b.set("network", Map.of("latencyMs", 20, "jitterMs", 20, "seed", 3));
      for (int i = 1; i <= 40; i++) {
        b.usage(i, 0);
      }
      return b;
    });
    List<Integer> seen = new ArrayList<>();
    try (RawLiveClient c = connect(id)) {
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      for (Frame f : c.until(m -> m.at("/usageMetadata/promptTokenCount").asInt() == 40, 10_000)) {
        seen.add(f.json().at("/usageMetadata/promptTokenCount").asInt());
      }
    }
    assertThat(seen).hasSize(40).isSorted();
    assertThat(networkNotes(latest())).singleElement().satisfies(n -> assertThat(n)
        .contains("latency 20 ms ± 20 ms (seed 3)", "from scenario net-order"));
  }

  @Test
  void aStallStepHoldsWhatFollowsForAtLeastItsLength() throws Exception {
    String id = scenario("net-stall", b -> b.step("network", Map.of("stall", Map.of("ms", 700))).usage(1, 1));
    try (RawLiveClient c = connect(id)) {
      long t0 = System.nanoTime(); // before the message that starts the stall
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      assertThat(c.next(10_000).json().has("usageMetadata")).isTrue();
      assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(700);
    }
    assertThat(networkNotes(latest())).singleElement().satisfies(n -> assertThat(n).contains("stall 700 ms now"));
  }

  @Test
  void aStallAfterTheSecondAudioChunkHoldsTheThird() throws Exception {
    String id = scenario("net-stall-chunks", b -> b
        .set("network", Map.of("stall", Map.of("ms", 600, "afterAudioChunks", 2)))
        .say(s -> s.tone(440, 200).chunkMs(40).fast()));
    try (RawLiveClient c = connect(id)) {
      long t0 = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      int chunks = 0;
      while (chunks < 3) {
        if (!c.next(10_000).json().at("/serverContent/modelTurn/parts/0/inlineData").isMissingNode()) {
          chunks++;
        }
      }
      assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(600);
      c.until(m -> m.at("/serverContent/turnComplete").asBoolean(), 10_000);
    }
  }

  @Test
  void theBandwidthCapBoundsTheReplyFromBelow() throws Exception {
    int rate = 40_000;
    String id = scenario("net-bandwidth", b -> b
        .set("network", Map.of("bytesPerSecond", rate))
        .say(s -> s.tone(440, 500).fast()));
    long bytes = 0;
    long elapsed;
    try (RawLiveClient c = connect(id)) {
      long t0 = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      for (Frame f : c.until(m -> m.at("/serverContent/turnComplete").asBoolean(), 10_000)) {
        bytes += f.text().getBytes(StandardCharsets.UTF_8).length;
      }
      elapsed = sinceMs(t0);
    }
    // Half a second of 24 kHz audio in base64: well over 32 kB, so at least 0.8 s on this link.
    assertThat(bytes).isGreaterThan(32_000);
    assertThat(elapsed).isGreaterThanOrEqualTo(bytes * 1000 / rate);
  }

  @Test
  void aCloseComesAfterTheFramesHeldBeforeItEvenPastTheCloseTimeout() throws Exception {
    // The mock's close timeout is 200 ms here; the frames before the close take 600 ms.
    String id = scenario("net-close", b -> b.step("network", Map.of("latencyMs", 600)).usage(1, 1)
        .close(1000, "done"));
    try (RawLiveClient c = connect(id)) {
      long t0 = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      assertThat(c.next(10_000).json().has("usageMetadata")).isTrue();
      assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(600);
      assertThat(c.awaitClose(10_000)).isEqualTo(new RawLiveClient.Close(1000, "done"));
    }
  }

  @Test
  void aDropDoesNotWaitForHeldFrames() throws Exception {
    String id = scenario("net-drop", b -> b.step("network", Map.of("latencyMs", 60_000)).usage(1, 1).drop());
    try (RawLiveClient c = connect(id)) {
      c.send("{\"realtimeInput\":{\"text\":\"go\"}}");
      // Were the held frame awaited, the connection would stay up for a minute.
      assertThat(c.awaitClose(15_000).code()).isEqualTo(1006);
      assertThat(c.drain(0)).isEmpty();
    }
  }

  @Test
  void theAdminApiSetsStallsAndClearsALiveSessionsNetwork() throws Exception {
    String id = scenario("net-admin", b -> b.usage(1, 1).expectText(e -> { }).usage(2, 2));
    try (RawLiveClient c = connect(id)) {
      String session = latest().sessionId();
      HttpResponse<String> set = admin("PUT", "sessions/" + session + "/network", "{\"latencyMs\":300}");
      assertThat(set.statusCode()).isEqualTo(200);
      assertThat(admin("GET", "sessions/" + session + "/network", null).body()).contains("\"latencyMs\" : 300");
      long t0 = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"one\"}}");
      assertThat(c.next(10_000).json().has("usageMetadata")).isTrue();
      assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(300);

      long t1 = System.nanoTime(); // before the stall is asked for
      HttpResponse<String> stall = admin("POST", "sessions/" + session + "/network/stall", "{\"ms\":800}");
      assertThat(stall.statusCode()).isEqualTo(200);
      assertThat(stall.body()).contains("\"stalledMs\" : 800", "\"latencyMs\" : 300");
      c.send("{\"realtimeInput\":{\"text\":\"two\"}}");
      JsonNode second = c.next(10_000).json();
      assertThat(second.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(2);
      assertThat(sinceMs(t1)).isGreaterThanOrEqualTo(800);

      assertThat(admin("DELETE", "sessions/" + session + "/network", null).body()).contains("\"network\" : { }");
      assertThat(networkNotes(latest())).containsExactly("latency 300 ms (from admin API)",
          "stall 800 ms now (from admin API)", "none (frames go out as sent) (from admin API)");
      assertThat(latest().attribute("network")).isEqualTo("none");
    }
  }

  @Test
  void theJavaApiChangesAndStallsALiveSessionsNetwork() throws Exception {
    String id = scenario("net-java", b -> b.usage(1, 1).expectText(e -> { }).usage(2, 2));
    try (RawLiveClient c = connect(id)) {
      String session = latest().sessionId();
      assertThat(mock.network(session, new NetworkConditions(300, 0, 0, null, null, 0))).isTrue();
      long t0 = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"one\"}}");
      assertThat(c.next(10_000).json().has("usageMetadata")).isTrue();
      assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(300);
      long t1 = System.nanoTime();
      assertThat(mock.stallNetwork(session, 500)).isTrue();
      c.send("{\"realtimeInput\":{\"text\":\"two\"}}");
      assertThat(c.next(10_000).json().at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(2);
      assertThat(sinceMs(t1)).isGreaterThanOrEqualTo(500);
      assertThat(networkNotes(latest())).containsExactly("latency 300 ms (from Java API)",
          "stall 500 ms now (from Java API)");
    }
    assertThat(mock.network("no-such-session", NetworkConditions.NONE)).isFalse();
  }

  @Test
  void badAdminRequestsAreRefusedWithTheReason() throws Exception {
    String id = scenario("net-admin-bad", b -> b);
    try (RawLiveClient c = connect(id)) {
      String route = "sessions/" + latest().sessionId() + "/network";
      HttpResponse<String> negative = admin("PUT", route, "{\"latencyMs\":-1,\"latncy\":2}");
      assertThat(negative.statusCode()).isEqualTo(400);
      assertThat(negative.body()).contains("latencyMs must be between 0 and 600000, not -1",
          "unknown key \\\"latncy\\\" (did you mean latencyMs?)");
      assertThat(admin("PUT", route, "latency please").body()).contains("the body is not JSON");
      assertThat(admin("PUT", route, null).statusCode()).isEqualTo(400);
      assertThat(admin("POST", route + "/stall", "{\"ms\":0}").statusCode()).isEqualTo(400);
      assertThat(admin("PATCH", route, "{}").statusCode()).isEqualTo(405);
      assertThat(admin("GET", "sessions/no-such-session/network", null).statusCode()).isEqualTo(404);
      // Nothing was applied by the refused requests.
      assertThat(networkNotes(latest())).isEmpty();
    }
  }

  @Test
  void adminDefaultsApplyToNewSessionsOnly() throws Exception {
    String id = scenario("net-defaults", b -> b.usage(1, 1));
    try {
      assertThat(admin("PUT", "network", "{\"latencyMs\":250,\"jitterMs\":10}").statusCode()).isEqualTo(200);
      assertThat(admin("GET", "network", null).body()).contains("\"latencyMs\" : 250");
      RawLiveClient c = RawLiveClient.connect(mock.baseUrl().replaceFirst("^http", "ws") + "/" + id + DEV_PATH + "?key=k");
      try (c) {
        long t0 = System.nanoTime();
        c.setup(MODEL, "");
        assertThat(c.next(10_000).json().has("setupComplete")).isTrue();
        assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(240);
      }
      assertThat(networkNotes(latest())).singleElement().satisfies(n -> assertThat(n)
          .contains("latency 250 ms ± 10 ms", "(from server default)"));
      assertThat(admin("PUT", "network", "{\"bunch\":{}}").statusCode()).isEqualTo(400);
    } finally {
      assertThat(admin("DELETE", "network", null).statusCode()).isEqualTo(200);
    }
    assertThat(mock.options().network()).isEqualTo(NetworkConditions.NONE);
  }

  @Test
  void serverOptionsDelayEverySessionFromTheStart() throws Exception {
    try (GeminiLiveMockServer delayed = GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
        .network(new NetworkConditions(300, 0, 0, null, null, 0)));
        RawLiveClient c = RawLiveClient.connect(delayed.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k")) {
      long t0 = System.nanoTime();
      c.setup(MODEL, "");
      assertThat(c.next(10_000).json().has("setupComplete")).isTrue();
      assertThat(sinceMs(t0)).isGreaterThanOrEqualTo(300);
      SessionJournal j = delayed.journal().latest().orElseThrow();
      assertThat(j.attribute("network")).isEqualTo("latency 300 ms");
      assertThat(j.entries().stream().filter(e -> e.kind().equals("network")).map(JournalEntry::note))
          .containsExactly("latency 300 ms (from server default)");
    }
  }
}
