package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.Signals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A scripted client that plays the client's side of a scenario over a real WebSocket: sends each
 * expectation's example (or audio that meets an audio expectation), and waits for the messages
 * each server step must produce, counted by kind. It reads the scenario model but shares no code
 * with the engine, so it checks the engine from outside.
 */
final class ScenarioFollower {
  static final int RATE = 16_000;
  static final long WAIT_MS = 15_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the client saw. */
  record Outcome(List<JsonNode> received, RawLiveClient.Close close, Map<String, String> captures) {}

  private final Scenario scenario;
  private final List<Step> steps;
  private final RawLiveClient client;
  private final Map<String, Integer> expected = new HashMap<>();
  private final Map<String, Integer> seen = new HashMap<>();
  private final List<JsonNode> received = new ArrayList<>();
  private final Map<String, String> captures = new HashMap<>();
  private boolean inputTranscription;
  private boolean outputTranscription;
  /** The scenario model's family: 3.1 and 3.8 put two parts in an event, 3.8 always transcribes. */
  private final dev.geminilive.mock.profile.ModelProfile family;

  private ScenarioFollower(Scenario scenario, int connection, RawLiveClient client, Map<String, String> captures) {
    this.scenario = scenario;
    this.steps = scenario.connections().get(connection).steps();
    this.client = client;
    this.captures.putAll(captures);
    this.family = scenario.model() == null ? null : dev.geminilive.mock.profile.ProfileCatalog.bundled()
        .resolve(scenario.model(), scenario.flavour() == null ? ApiFlavour.DEVELOPER : scenario.flavour())
        .orElse(null);
  }

  /**
   * Connects to {@code ws://host:port/<id>/ws/...} and follows the whole script, one connection
   * after the other (captures carry over); the outcome is the last connection's.
   */
  static Outcome follow(Scenario scenario, String wsBase, String key) throws Exception {
    String path = scenario.flavour() == ApiFlavour.VERTEX ? RawLiveClient.VERTEX_PATH : RawLiveClient.DEV_PATH;
    Map<String, String> captures = new HashMap<>();
    Outcome outcome = null;
    for (int i = 0; i < scenario.connections().size(); i++) {
      try (RawLiveClient c = RawLiveClient.connect(wsBase + "/" + scenario.id() + path + "?key=" + key)) {
        outcome = new ScenarioFollower(scenario, i, c, captures).run();
        captures.putAll(outcome.captures());
      }
    }
    return outcome;
  }

  private Outcome run() throws Exception {
    RawLiveClient.Close close = null;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean refusesSetup = i == 0 && i + 1 < steps.size() && steps.get(1).terminal();
      if (step instanceof Step.Expect e) {
        if (e.audio() != null) {
          sendAudio(e.audio());
        } else {
          assertThat(e.example()).as("step %d of %s needs an example", i + 1, scenario.id()).isNotNull();
          JsonNode message = resolve(e.example());
          client.send(JSON.writeValueAsString(message));
          if (message.has("setup")) {
            // Transcriptions come only when the setup asks for them, as on the real service.
            inputTranscription = message.path("setup").has("inputAudioTranscription");
            outputTranscription = message.path("setup").has("outputAudioTranscription");
          }
          for (Map.Entry<String, JsonPath> c : e.captures().entrySet()) {
            captures.put(c.getKey(), c.getValue().first(message).asText());
          }
        }
        if ("setup".equals(e.type()) && !refusesSetup) {
          expect("setupComplete", 1);
          await();
          JsonNode sessionId = last("setupComplete").path("setupComplete").path("sessionId");
          if (sessionId.isTextual()) {
            captures.put("sessionId", sessionId.asText());
          }
        }
      } else if (step instanceof Step.ExpectNothing n) {
        Thread.sleep(n.ms() + 200L);
      } else if (step instanceof Step.Say s) {
        expectSay(s);
        // A reset discards what is still in flight, so a say right before a drop may not arrive.
        if (!s.background() && !dropFollows(steps, i)) {
          await();
        }
      } else if (step instanceof Step.ToolCall) {
        expect("toolCall", 1);
        await();
        JsonNode calls = last("toolCall").path("toolCall").path("functionCalls");
        List<Step.Call> written = ((Step.ToolCall) step).calls();
        for (int c = 0; c < written.size(); c++) {
          if (written.get(c).capture() != null) {
            captures.put(written.get(c).capture(), calls.get(c).path("id").asText());
          }
        }
      } else if (step instanceof Step.Interrupt in) {
        // An interruption ends whatever reply was still playing: its end markers never come.
        expected.put("turnComplete", count(seen, "turnComplete"));
        expected.put("generationComplete", count(seen, "generationComplete"));
        expected.put("modelTurn", count(seen, "modelTurn"));
        expected.put("outputTranscription", count(seen, "outputTranscription"));
        expect("interrupted", 1);
        if (in.turnComplete()) expect("turnComplete", 1);
        if (!in.cancelToolCalls().isEmpty()) expect("toolCallCancellation", 1);
        await();
      } else if (step instanceof Step.GoAway g) {
        expect("goAway", 1);
        await();
        if (g.endConnection() && i == steps.size() - 1) {
          // Nothing follows: the connection ends when timeLeft runs out.
          close = client.awaitClose(WAIT_MS);
          // The profile's connection end: 1011 "Deadline expired ..." (google/adk-python#4140).
          assertThat(close.code()).as("close after goAway").isEqualTo(1011);
        }
      } else if (step instanceof Step.ResumptionUpdate u) {
        expect("sessionResumptionUpdate", 1);
        await();
        if (u.capture() != null) {
          captures.put(u.capture(), last("sessionResumptionUpdate").path("sessionResumptionUpdate").path("newHandle").asText());
        }
      } else if (step instanceof Step.Usage) {
        expect("usageMetadata", 1);
        await();
      } else if (step instanceof Step.Send s) {
        // Counted as count() counts frames: serverContent by what it carries.
        s.message().fieldNames().forEachRemaining(k -> {
          if (!k.equals("serverContent")) {
            expect(k, 1);
            return;
          }
          JsonNode sc = s.message().get(k);
          for (String flag : List.of("modelTurn", "outputTranscription", "inputTranscription")) {
            if (sc.has(flag)) expect(flag, 1);
          }
          for (String flag : List.of("generationComplete", "turnComplete", "interrupted")) {
            if (sc.path(flag).asBoolean(false)) expect(flag, 1);
          }
        });
        await();
      } else if (step instanceof Step.Close c) {
        close = client.awaitClose(WAIT_MS);
        assertThat(close.code()).as("close code of %s", scenario.id()).isEqualTo(c.code());
        assertThat(close.reason()).isEqualTo(resolve(c.reason()));
      } else if (step instanceof Step.Drop) {
        close = client.awaitClose(WAIT_MS);
        assertThat(close.code()).as("a drop has no close frame").isEqualTo(1006);
      } else if (step instanceof Step.Stall) {
        List<RawLiveClient.Frame> after = client.drain(300);
        assertThat(after).as("nothing after a stall").isEmpty();
        assertThat(client.isClosed()).as("a stall keeps the connection open").isFalse();
      }
    }
    // Anything still on the wire: the script has ended, so nothing new may follow.
    for (RawLiveClient.Frame f : client.drain(150)) {
      count(f.json());
    }
    if (close == null) {
      assertThat(client.isClosed()).as("%s must not close the session", scenario.id()).isFalse();
    }
    return new Outcome(received, close, captures);
  }

  private static boolean dropFollows(List<Step> steps, int i) {
    for (int j = i + 1; j < steps.size(); j++) {
      if (steps.get(j) instanceof Step.Drop) {
        return true;
      }
      if (!(steps.get(j) instanceof Step.Wait)) {
        return false;
      }
    }
    return false;
  }

  private void expectSay(Step.Say s) {
    if (s.inputTranscript() != null && inputTranscription) expect("inputTranscription", 1);
    int parts = s.text() != null ? 1 : 0;
    if (s.audio() != null) {
      int bytesPerChunk = Math.max(2, s.audio().sampleRate() * s.chunkMs() / 1000 * 2);
      parts += (s.audio().pcm().length + bytesPerChunk - 1) / bytesPerChunk;
    }
    boolean multiPart = family != null && family.multiPartMessages();
    if (parts > 0) expect("modelTurn", multiPart ? (parts + 1) / 2 : parts);
    boolean transcribed = outputTranscription
        || family != null && family.output().outputTranscriptionAlways();
    if (s.transcript() != null && transcribed) expect("outputTranscription", 1);
    if (s.generationComplete()) expect("generationComplete", 1);
    if (s.turnComplete()) expect("turnComplete", 1);
  }

  private void sendAudio(Step.AudioExpectation a) throws Exception {
    int speechMs = Math.max(a.minMs() == null ? 400 : a.minMs() + 80, a.endSilenceMs() == null ? 0 : 600);
    speechMs = Math.max(speechMs, a.minSpeechMs() == null ? 0 : a.minSpeechMs() + 80);
    byte[] speech = Signals.tone(300, RATE, speechMs, 8000);
    for (byte[] chunk : Signals.chunks(speech, RATE, 40)) {
      client.send(Signals.audioMessage(chunk, RATE));
    }
    if (a.endSilenceMs() != null) {
      for (byte[] chunk : Signals.chunks(Signals.silence(RATE, a.endSilenceMs() + 200), RATE, 40)) {
        client.send(Signals.audioMessage(chunk, RATE));
      }
    }
    if ("realtimeInput.activityEnd".equals(a.until())) {
      client.send("{\"realtimeInput\":{\"activityEnd\":{}}}");
    } else if ("realtimeInput.audioStreamEnd".equals(a.until())) {
      client.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
    }
  }

  private void expect(String kind, int n) {
    expected.merge(kind, n, Integer::sum);
  }

  private static int count(Map<String, Integer> m, String kind) {
    return m.getOrDefault(kind, 0);
  }

  /** Reads frames until every expected count is reached. */
  private void await() throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!done()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError(scenario.id() + ": expected " + expected + ", saw " + seen
            + "; last frames " + received.subList(Math.max(0, received.size() - 5), received.size()));
      }
      count(client.next(left).json());
    }
  }

  private boolean done() {
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      if (count(seen, e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void count(JsonNode frame) {
    received.add(frame);
    for (Iterator<String> it = frame.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.equals("serverContent")) {
        JsonNode sc = frame.get(key);
        for (String flag : List.of("modelTurn", "outputTranscription", "inputTranscription")) {
          if (sc.has(flag)) seen.merge(flag, 1, Integer::sum);
        }
        for (String flag : List.of("generationComplete", "turnComplete", "interrupted")) {
          if (sc.path(flag).asBoolean(false)) seen.merge(flag, 1, Integer::sum);
        }
      } else {
        seen.merge(key, 1, Integer::sum);
      }
    }
  }

  private JsonNode last(String key) {
    for (int i = received.size() - 1; i >= 0; i--) {
      if (received.get(i).has(key)) {
        return received.get(i);
      }
    }
    throw new AssertionError("no " + key + " received");
  }

  private JsonNode resolve(JsonNode node) throws Exception {
    return JSON.readTree(resolve(JSON.writeValueAsString(node)));
  }

  private String resolve(String text) {
    Matcher m = Captures.REFERENCE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = captures.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
