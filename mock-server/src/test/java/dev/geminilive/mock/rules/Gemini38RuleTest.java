package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.assertSilentAndOpen;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static dev.geminilive.mock.testing.LiveRules.turnComplete;
import static dev.geminilive.mock.testing.LiveRules.vertex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 3.8 family through a raw WebSocket client: model ids on both APIs, thinking rules, affective
 * dialog and proactivity, AUDIO only, clientContent for the whole session, NON_BLOCKING by default,
 * BLOCKING refused on extended thinking, scheduling ignored there, interactionStatus, and calls
 * dropped and issued again after a barge-in.
 */
class Gemini38RuleTest {
  static final String M38 = "models/gemini-3.8-live";
  static final String ET = "models/gemini-3.8-live-extended-thinking";
  static final String VERTEX_PREFIX = "projects/p/locations/us-central1/publishers/google/models/";
  static final String MANUAL =
      "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}";
  static final String INVALID = "Request contains an invalid argument.";
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String generation(String inner) {
    return "\"generationConfig\":{" + inner + "}";
  }

  static String level(String level) {
    return generation("\"thinkingConfig\":{\"thinkingLevel\":\"" + level + "\"}");
  }

  static String tools(String behavior) {
    return "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"weather\""
        + (behavior == null ? "" : ",\"behavior\":\"" + behavior + "\"") + "}]}]";
  }

  static String response(String id, String extra) {
    return "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + id + "\",\"name\":\"get_weather\","
        + "\"response\":{\"output\":{\"temp_c\":21}}" + extra + "}]}}";
  }

  static String clientTurn(String role, String text, boolean complete) {
    return "{\"clientContent\":{\"turns\":[{\"role\":\"" + role + "\",\"parts\":[{\"text\":\"" + text
        + "\"}]}],\"turnComplete\":" + complete + "}}";
  }

  static boolean isModelTurn(JsonNode n) {
    return n.at("/serverContent/modelTurn").isObject();
  }

  static JsonNode awaitToolCall(RawLiveClient c) throws InterruptedException {
    List<Frame> frames = c.until(n -> n.has("toolCall"), WAIT_MILLIS);
    return frames.get(frames.size() - 1).json().at("/toolCall/functionCalls/0");
  }

  static Close refused(RawLiveClient c, String model, String extra) {
    c.setup(model, extra);
    return c.awaitClose(WAIT_MILLIS);
  }

  @Test
  void bothIdsAreServedOnBothApisWithTheirOwnFamily() throws Exception {
    for (String[] row : new String[][] {
        {"dev", M38, "gemini-3.8-live"},
        {"dev", ET, "gemini-3.8-live-extended-thinking"},
        {"vertex", VERTEX_PREFIX + "gemini-3.8-live", "gemini-3.8-live-vertex"},
        {"vertex", VERTEX_PREFIX + "gemini-3.8-live-extended-thinking",
            "gemini-3.8-live-extended-thinking-vertex"}}) {
      String extra = row[1].contains("extended") ? level("LOW") : "";
      try (RawLiveClient c = row[0].equals("dev") ? dev(server) : vertex(server)) {
        setUp(c, row[1], extra);
      }
      assertThat(latest(server).attributes()).containsEntry("family", row[2]);
    }
    // No -preview or dated form of the 3.8 ids exists.
    try (RawLiveClient c = dev(server)) {
      assertThat(refused(c, "models/gemini-3.8-live-preview", "").code()).isEqualTo(1008);
    }
  }

  @ParameterizedTest(name = "gemini-3.8-live refuses {0}")
  @ValueSource(strings = {
      "\"thinkingLevel\":\"LOW\"", "\"thinkingBudget\":0", "\"includeThoughts\":true"})
  void anyThinkingConfigClosesWithTheMeasuredReason(String config) throws Exception {
    try (RawLiveClient c = dev(server)) {
      Close close = refused(c, M38, generation("\"thinkingConfig\":{" + config + "}"));
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo("Thinking level is not supported for this model");
    }
  }

  @ParameterizedTest(name = "extended thinking accepts {0}")
  @ValueSource(strings = {
      "\"thinkingLevel\":\"LOW\"", "\"thinkingLevel\":\"medium\"", "\"thinkingLevel\":\"HIGH\"",
      "\"thinkingLevel\":\"HIGH\",\"includeThoughts\":true", "\"thinkingBudget\":2048"})
  void extendedThinkingTakesLowMediumHigh(String config) throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, ET, generation("\"thinkingConfig\":{" + config + "}"));
    }
  }

  @Test
  void thoughtPartsOnlyWhenAsked() throws Exception {
    for (boolean include : new boolean[] {true, false}) {
      try (RawLiveClient c = dev(server)) {
        setUp(c, ET, generation("\"thinkingConfig\":{\"thinkingLevel\":\"LOW\",\"includeThoughts\":"
            + include + "}"));
        c.send(textTurn("hello"));
        List<Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
        assertThat(reply.stream().anyMatch(f -> f.json().at("/serverContent/modelTurn/parts/0/thought").asBoolean()))
            .as("thought part with includeThoughts " + include).isEqualTo(include);
      }
    }
  }

  @ParameterizedTest(name = "extended thinking refuses {0}")
  @CsvSource(delimiter = '|', value = {
      "\"thinkingConfig\":{\"thinkingLevel\":\"MINIMAL\"}|setup.thinking.onViolation",
      "\"thinkingConfig\":{\"includeThoughts\":true}|setup.thinking.onMissing",
      "\"temperature\":0.5|setup.thinking.onMissing"})
  void extendedThinkingRefusesMinimalAndAMissingLevel(String config, String rule) throws Exception {
    try (RawLiveClient c = dev(server)) {
      Close close = refused(c, ET, generation(config));
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo(INVALID);
    }
    assertThat(LiveRules.events(latest(server), "profile-rule"))
        .anyMatch(n -> n.startsWith(rule + " -> close 1007") && n.contains("inferred"));
  }

  @Test
  void noAffectiveDialogNoTextAndProactivityCannotBeSwitchedOff() throws Exception {
    for (String extra : List.of(
        generation("\"enableAffectiveDialog\":true"),
        generation("\"responseModalities\":[\"TEXT\"]"),
        "\"proactivity\":{\"proactiveAudio\":false}")) {
      try (RawLiveClient c = dev(server)) {
        Close close = refused(c, M38, extra);
        assertThat(close.code()).as(extra).isEqualTo(1007);
        assertThat(close.reason()).isEqualTo(INVALID);
      }
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M38, "\"proactivity\":{\"proactiveAudio\":true}");
    }
    assertThat(findings(latest(server))).noneMatch(f -> f.startsWith("setup.featureApiVersion"));
    // Vertex documents affective dialog as on by default: the field is taken.
    try (RawLiveClient c = vertex(server)) {
      setUp(c, VERTEX_PREFIX + "gemini-3.8-live", generation("\"enableAffectiveDialog\":true"));
    }
  }

  @Test
  void clientContentWorksForTheWholeSessionAndAnEmptyTurnListSpeaksFirst() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M38, "");
      // No turns, turnComplete: the model greets first.
      c.send("{\"clientContent\":{\"turns\":[],\"turnComplete\":true}}");
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
      c.send(textTurn("hello"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
      // Mid-session context: a model turn without turnComplete is filed, nothing is said.
      c.send(clientTurn("model", "I said the sky is blue.", false));
      assertSilentAndOpen(c);
      c.send(clientTurn("user", "and now?", true));
      List<Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      assertThat(reply).anyMatch(f -> isModelTurn(f.json()));
      // Not asked for, yet transcribed (measured on 3.8).
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/outputTranscription").isObject());
      assertThat(reply).noneMatch(f -> f.json().at("/serverContent/interactionStatus").isTextual());
    }
  }

  @Test
  void turnCompletePreemptsTheCurrentOutputEvenWithoutInterruption() throws Exception {
    // A real-time server: the reply lasts long enough to be cut.
    try (LiveServer slow = LiveServer.start(dev.geminilive.mock.transport.ServerConfig.defaults()
            .withSession(new dev.geminilive.mock.session.SessionSettings(3.0, 300))
            .withCloseTimeoutMillis(500));
        RawLiveClient c = dev(slow)) {
      setUp(c, M38, "\"realtimeInputConfig\":{\"activityHandling\":\"NO_INTERRUPTION\"}");
      c.send(textTurn("tell me a story"));
      c.until(n -> isModelTurn(n), WAIT_MILLIS);
      c.send(clientTurn("user", "Say exactly: stop.", true));
      // Up to the new reply's first audio: the old one is cut (interrupted, turnComplete), not finished.
      boolean[] cut = {false};
      List<Frame> frames = c.until(n -> {
        cut[0] |= n.at("/serverContent/interrupted").asBoolean();
        return cut[0] && isModelTurn(n);
      }, WAIT_MILLIS);
      int interrupted = indexOf(frames, n -> n.at("/serverContent/interrupted").asBoolean());
      int complete = indexOf(frames, LiveRules::turnComplete);
      assertThat(interrupted).as(frames.toString()).isGreaterThanOrEqualTo(0);
      assertThat(complete).isGreaterThan(interrupted);
      assertThat(frames).noneMatch(f -> f.json().at("/serverContent/generationComplete").asBoolean());
    }
  }

  static int indexOf(List<Frame> frames, java.util.function.Predicate<JsonNode> p) {
    for (int i = 0; i < frames.size(); i++) {
      if (p.test(frames.get(i).json())) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aDeclarationWithoutBehaviorIsNonBlockingAndBlockingIsStillAccepted() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M38, tools(null));
      c.send(textTurn("what does get_weather say?"));
      String id = awaitToolCall(c).get("id").asText();
      // The model keeps talking while the call runs.
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
      c.send(response(id, ",\"scheduling\":\"WHEN_IDLE\""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M38, tools("BLOCKING"));
      c.send(textTurn("what does get_weather say?"));
      String id = awaitToolCall(c).get("id").asText();
      assertSilentAndOpen(c); // a declared BLOCKING call still holds the model
      c.send(response(id, ""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
    }
  }

  @Test
  void silentSchedulingIsHonouredOn38Live() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M38, tools(null));
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      c.send(response(id, ",\"scheduling\":\"SILENT\""));
      assertSilentAndOpen(c);
    }
  }

  @Test
  void extendedThinkingRefusesBlocking() throws Exception {
    try (RawLiveClient c = dev(server)) {
      Close close = refused(c, ET, level("LOW") + "," + tools("BLOCKING"));
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo(INVALID);
    }
    assertThat(LiveRules.events(latest(server), "profile-rule"))
        .anyMatch(n -> n.startsWith("functions.blockingDeclared -> close 1007")
            && n.contains("function_declarations[0].behavior"));
  }

  @Test
  void extendedThinkingIgnoresSchedulingAndReportsInteractionStatus() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, ET, level("LOW") + "," + tools("NON_BLOCKING"));
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      // The filler reply ends with turnComplete, but the model is still busy.
      List<Frame> filler = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      assertThat(filler.get(filler.size() - 1).json().at("/serverContent/interactionStatus").asText())
          .isEqualTo("IN_PROGRESS");
      // SILENT is not supported here: the result is spoken anyway, after turnComplete.
      c.send(response(id, ",\"scheduling\":\"SILENT\""));
      List<Frame> result = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      assertThat(result).anyMatch(f -> isModelTurn(f.json()));
      assertThat(result.get(result.size() - 1).json().at("/serverContent/interactionStatus").asText())
          .isEqualTo("IDLE");
    }
  }

  @Test
  void aBargeInDropsABlockingCallAndIssuesItAgainUnderANewId() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M38, MANUAL + "," + tools("BLOCKING"));
      c.send(textTurn("get_weather"));
      String first = awaitToolCall(c).get("id").asText();
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<Frame> frames = c.until(n -> n.has("toolCall"), WAIT_MILLIS);
      assertThat(frames).noneMatch(f -> f.json().has("toolCallCancellation"));
      JsonNode again = frames.get(frames.size() - 1).json().at("/toolCall/functionCalls/0");
      assertThat(again.get("name").asText()).isEqualTo("get_weather");
      assertThat(again.get("id").asText()).isNotEqualTo(first);
      // The late answer to the dropped call goes nowhere; the session stays open.
      c.send(response(first, ""));
      assertSilentAndOpen(c);
    }
    assertThat(findings(latest(server)))
        .anyMatch(f -> f.startsWith("functions.unknownId") && f.contains("dropped"));
  }

  @Test
  void onVertexABargeInCancelsTheBlockingCall() throws Exception {
    try (RawLiveClient c = vertex(server)) {
      setUp(c, VERTEX_PREFIX + "gemini-3.8-live", MANUAL + "," + tools("BLOCKING"));
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<Frame> frames = c.until(n -> n.has("toolCallCancellation"), WAIT_MILLIS);
      assertThat(frames.get(frames.size() - 1).json().at("/toolCallCancellation/ids/0").asText())
          .isEqualTo(id);
    }
  }
}
