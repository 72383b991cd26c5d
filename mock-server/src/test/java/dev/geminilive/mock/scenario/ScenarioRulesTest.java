package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reactive rules, ignore lists, expectNothing, timeouts and setup refusal, over a real socket. */
class ScenarioRulesTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  @TempDir static Path dir;
  static ScenarioLibrary library;
  static LiveServer server;
  static String ws;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dir.resolve("barge.yaml"), """
        id: barge
        title: Barge-in by rule
        ignore: [realtimeInput.audio]
        steps:
          - expect: {type: text}
          - say: {audio: {tone: {ms: 10000}}, transcript: long answer}
          - expect: {type: text, match: {realtimeInput.text: after}}
          - say: {text: "short answer", pace: fast}
        rules:
          - when: {type: activityStart, whileSpeaking: true}
            do: [interrupt: {}]
          - when: {type: clientContent}
            once: true
            do: [usage: {promptTokens: 1}]
        """);
    Files.writeString(dir.resolve("quiet.yaml"), """
        id: quiet
        title: Client must stay quiet
        steps:
          - expect: {type: text}
          - expectNothing: {ms: 3000}
          - say: {text: done}
        """);
    Files.writeString(dir.resolve("impatient.yaml"), """
        id: impatient
        title: Short timeout
        onMismatch: {code: 4001, reason: "Custom mismatch."}
        steps:
          - expect: {type: toolResponse, timeoutMs: 200}
        """);
    Files.writeString(dir.resolve("hold.yaml"), """
        id: hold
        title: Setup never answered
        steps:
          - expect: {type: setup, match: {setup.proactivity: {present: true}}}
          - stall: {}
        """);
    Files.writeString(dir.resolve("history.yaml"), """
        id: history
        title: History without turnComplete
        steps:
          - expect:
              type: clientContent
              match:
                clientContent.turnComplete: {absent: true}
                clientContent.turns[1].role: model
          - expect: {type: text}
          - say: {text: "answer", pace: fast}
        """);
    Files.writeString(dir.resolve("two.yaml"), """
        id: two
        title: Two connections, no resumption handle
        connections:
          - steps:
              - expect: {type: text, capture: {first: realtimeInput.text}}
              - say: {text: "one", pace: fast}
              - close: {code: 1000, reason: "next connection please"}
          - steps:
              - expect: {type: text}
              - say: {text: "two, after ${first}", pace: fast}
        """);
    library = ScenarioServer.library(dir);
    assertThat(library.snapshot().problems()).isEmpty();
    // Real time: the long say must still be playing when the client barges in.
    server = ScenarioServer.start(ServerConfig.defaults().withSession(new SessionSettings(1.0, 300)), library);
    ws = server.baseUrl().replaceFirst("^http", "ws");
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  /** activityStart is only legal with automatic activity detection off (the profile enforces it). */
  static final String MANUAL_ACTIVITY =
      "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}";

  static RawLiveClient open(String id, String extra) throws Exception {
    RawLiveClient c = RawLiveClient.connect(ws + "/" + id + RawLiveClient.DEV_PATH + "?key=k");
    c.setup(MODEL, extra);
    return c;
  }

  @Test
  void aRuleInterruptsTheSayWhileItPlaysAndTheScriptGoesOn() throws Exception {
    try (RawLiveClient c = open("barge", MANUAL_ACTIVITY)) {
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"tell me\"}}");
      c.until(f -> f.at("/serverContent/modelTurn").isObject(), 5000);
      // Microphone audio is ignored by the script; clientContent fires its once-rule.
      c.send(Signals.audioMessage(Signals.tone(300, 16000, 40, 8000), 16000));
      c.send("{\"clientContent\":{\"turnComplete\":false}}");
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<Frame> frames = c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 5000);
      assertThat(frames).anySatisfy(f -> assertThat(f.json().at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(1));
      assertThat(frames).anySatisfy(f -> assertThat(f.json().at("/serverContent/interrupted").asBoolean()).isTrue());
      assertThat(frames).noneSatisfy(f -> assertThat(f.json().at("/serverContent/generationComplete").asBoolean()).isTrue());
      // The once-rule has fired, so a second clientContent goes to the script, which waits for text.
      c.send("{\"clientContent\":{\"turnComplete\":false}}");
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.reason()).contains("expected realtimeInput.text, got clientContent");
    }
  }

  @Test
  void afterTheInterruptionTheScriptContinues() throws Exception {
    try (RawLiveClient c = open("barge", MANUAL_ACTIVITY)) {
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"tell me\"}}");
      c.until(f -> f.at("/serverContent/modelTurn").isObject(), 5000);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      c.until(f -> f.at("/serverContent/interrupted").asBoolean(), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"after\"}}");
      List<Frame> reply = c.until(f -> f.at("/serverContent/modelTurn/parts/0/text").isTextual(), 5000);
      assertThat(reply.get(reply.size() - 1).json().at("/serverContent/modelTurn/parts/0/text").asText())
          .isEqualTo("short answer");
      // Not speaking any more: the barge-in rule does not fire, and after the script's end
      // messages are ignored rather than closing the session.
      c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 5000);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      assertThat(c.drain(200)).isEmpty();
      assertThat(c.isClosed()).isFalse();
    }
  }

  @Test
  void aMessageDuringExpectNothingIsAMismatch() throws Exception {
    try (RawLiveClient c = open("quiet", "")) {
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"hello\"}}");
      c.send("{\"realtimeInput\":{\"text\":\"are you there?\"}}");
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).isEqualTo("expected no client message for 3000 ms, got realtimeInput.text"
          + " (scenario quiet, step 2, line 5)");
    }
  }

  @Test
  void anExpectationThatTimesOutEndsWithTheConfiguredClose() throws Exception {
    try (RawLiveClient c = open("impatient", "")) {
      c.until(f -> f.has("setupComplete"), 5000);
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.code()).isEqualTo(4001);
      assertThat(close.reason()).isEqualTo("Custom mismatch.");
    }
    JournalEntry report = BundledScenariosTest.latest(server, "impatient").entries().stream()
        .filter(e -> e.kind().equals("scenario-mismatch")).findFirst().orElseThrow();
    JsonNode differences = report.json().path("differences");
    assertThat(differences.get(0).asText()).isEqualTo("timed out after 200 ms waiting for toolResponse");
    assertThat(report.json().path("actual").isNull()).isTrue();
  }

  @Test
  void aFieldTheClientLeftOutIsAbsentAndSnakeCaseMatchesCamelCasePaths() throws Exception {
    try (RawLiveClient c = open("history", "")) {
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"client_content\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},"
          + "{\"role\":\"model\",\"parts\":[{\"text\":\"hello\"}]}]}}");
      c.send("{\"realtime_input\":{\"text\":\"and now?\"}}");
      assertThat(c.until(f -> f.at("/serverContent/modelTurn").isObject(), 5000).get(0).json()
          .at("/serverContent/modelTurn/parts/0/text").asText()).isEqualTo("answer");
    }
  }

  @Test
  void theNextConnectionContinuesARunWhoseFirstConnectionClosedAsWritten() throws Exception {
    try (RawLiveClient c = open("two", "")) {
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"hello\"}}");
      assertThat(c.awaitClose(5000).code()).isEqualTo(1000);
    }
    try (RawLiveClient c = open("two", "")) {
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"again\"}}");
      List<Frame> reply = c.until(f -> f.at("/serverContent/modelTurn/parts/0/text").isTextual(), 5000);
      assertThat(reply.get(reply.size() - 1).json().at("/serverContent/modelTurn/parts/0/text").asText())
          .isEqualTo("two, after hello");
    }
  }

  @Test
  void aStallRightAfterSetupHoldsTheSetupUnanswered() throws Exception {
    try (RawLiveClient c = open("hold", "\"proactivity\":{\"proactiveAudio\":true}")) {
      assertThat(c.drain(300)).isEmpty();
      assertThat(c.isClosed()).isFalse();
    }
  }
}
