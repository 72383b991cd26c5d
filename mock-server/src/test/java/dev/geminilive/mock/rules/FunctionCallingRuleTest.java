package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.VERTEX_MODEL;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.assertSilentAndOpen;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static dev.geminilive.mock.testing.LiveRules.vertex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function calling, driven through the persona: a text turn naming a declared function makes it
 * call that function. Blocking calls hold the reply; NON_BLOCKING calls let it talk and schedule
 * the result; ids are unique; responses for unknown or cancelled ids and without ids get the
 * profile's reaction; a barge-in cancels outstanding calls.
 */
class FunctionCallingRuleTest {
  static final String MANUAL = "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}";
  static LiveServer server;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    // A user profile: a 2.5 clone whose switch makes every call blocking.
    Files.writeString(dir.resolve("blocking-clone.yaml"), """
        family: test-blocking-clone
        models: [gemini-test-blocking-clone]
        textModality: {action: accept}
        functions:
          nonBlocking: blocking
        """);
    server = LiveServer.start(ServerConfig.defaults()
            .withSession(new SessionSettings(0.25, 300)).withCloseTimeoutMillis(500),
        ProfileCatalog.withDirectory(dir), session -> new PersonaResponder());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String tools(String behavior) {
    return "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"weather\""
        + (behavior == null ? "" : ",\"behavior\":\"" + behavior + "\"") + "}]}]";
  }

  static String response(String id, String extra) {
    return "{\"toolResponse\":{\"functionResponses\":[{" + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"name\":\"get_weather\",\"response\":{\"output\":{\"temp_c\":21}}" + extra + "}]}}";
  }

  static JsonNode awaitToolCall(RawLiveClient c) throws InterruptedException {
    List<Frame> frames = c.until(n -> n.has("toolCall"), WAIT_MILLIS);
    JsonNode call = frames.get(frames.size() - 1).json().at("/toolCall/functionCalls/0");
    assertThat(call.get("name").asText()).isEqualTo("get_weather");
    assertThat(call.get("id").asText()).isNotBlank();
    return call;
  }

  static boolean isModelTurn(JsonNode n) {
    return n.at("/serverContent/modelTurn").isObject();
  }

  @Test
  void blockingCallHoldsTheReplyUntilTheResponse() throws Exception {
    for (String model : List.of(M25, M31)) {
      try (RawLiveClient c = dev(server)) {
        setUp(c, model, tools(null));
        c.send(textTurn("what does get_weather say?"));
        String id = awaitToolCall(c).get("id").asText();
        assertSilentAndOpen(c); // the model waits
        c.send(response(id, ""));
        List<Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
        assertThat(reply).anyMatch(f -> isModelTurn(f.json()));
      }
    }
  }

  @Test
  void nonBlockingCallKeepsTalkingAndSchedulesTheResult() throws Exception {
    for (String model : List.of(M25)) {
      try (RawLiveClient c = dev(server)) {
        setUp(c, model, tools("NON_BLOCKING"));
        c.send(textTurn("check get_weather please"));
        String id = awaitToolCall(c).get("id").asText();
        // The model goes on talking without waiting.
        assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
        c.send(response(id, ",\"scheduling\":\"WHEN_IDLE\""));
        assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
      }
    }
  }

  @Test
  void nonBlockingIsAcceptedButNotHonouredOn31() throws Exception {
    // Asynchronous calling is new in 3.8; on 3.1 the model waits for the response whatever the
    // declaration says (switch functions.nonBlocking).
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, tools("NON_BLOCKING"));
      c.send(textTurn("check get_weather please"));
      String id = awaitToolCall(c).get("id").asText();
      assertSilentAndOpen(c);
      c.send(response(id, ",\"scheduling\":\"SILENT\""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
    }
  }

  @Test
  void silentSchedulingSaysNothingAndWillContinueKeepsTheCallOpen() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, tools("NON_BLOCKING"));
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      c.send(response(id, ",\"scheduling\":\"SILENT\",\"willContinue\":true"));
      assertSilentAndOpen(c);
      // Still outstanding: a final INTERRUPT response is spoken.
      c.send(response(id, ",\"scheduling\":\"INTERRUPT\""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
    }
    assertThat(findings(latest(server))).noneMatch(f -> f.startsWith("functions.unknownId"));
  }

  @Test
  void theSwitchMakesNonBlockingDeclarationsBlock() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, "models/gemini-test-blocking-clone", tools("NON_BLOCKING"));
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      assertSilentAndOpen(c);
      c.send(response(id, ",\"scheduling\":\"SILENT\""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
    }
  }

  @Test
  void callIdsAreUnique() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, tools(null));
      c.send(textTurn("get_weather"));
      String first = awaitToolCall(c).get("id").asText();
      c.send(response(first, ""));
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      c.send(textTurn("get_weather again"));
      String second = awaitToolCall(c).get("id").asText();
      assertThat(second).isNotEqualTo(first);
    }
  }

  @Test
  void responseForAnUnknownIdIsIgnoredAndRecorded() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, tools(null));
      c.send(response("no-such-call", ""));
      assertSilentAndOpen(c);
      // A later valid exchange still works.
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      c.send(response(id, ""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
    assertThat(findings(latest(server)))
        .anyMatch(f -> f.startsWith("functions.unknownId") && f.contains("no-such-call") && f.contains("never issued"));
  }

  @Test
  void responseWithoutIdClosesOnTheDeveloperApiOnly() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, tools(null));
      c.send(textTurn("get_weather"));
      awaitToolCall(c);
      c.send(response(null, ""));
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close).isEqualTo(new Close(1007, "Request contains an invalid argument."));
    }
    try (RawLiveClient c = vertex(server)) {
      setUp(c, VERTEX_MODEL, tools(null));
      c.send(textTurn("get_weather"));
      awaitToolCall(c);
      c.send(response(null, ""));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).anyMatch(f -> isModelTurn(f.json()));
    }
  }

  @Test
  void bargeInCancelsOutstandingCallsAndTheirLateResponsesAreIgnored() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, tools(null) + "," + MANUAL);
      c.send(textTurn("get_weather"));
      String id = awaitToolCall(c).get("id").asText();
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<Frame> frames = c.until(n -> n.has("toolCallCancellation"), WAIT_MILLIS);
      assertThat(frames.get(frames.size() - 1).json().at("/toolCallCancellation/ids").toString())
          .isEqualTo("[\"" + id + "\"]");
      c.send(response(id, ""));
      assertSilentAndOpen(c);
    }
    assertThat(findings(latest(server)))
        .anyMatch(f -> f.startsWith("functions.unknownId") && f.contains("was cancelled"));
  }
}
