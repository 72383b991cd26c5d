package dev.geminilive.mock.e2e;

import static dev.geminilive.mock.testing.RawLiveClient.DEV_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default persona over a real socket: how each kind of user turn ends and what it answers. */
class PersonaTest {
  static final String MODEL_25 = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final String MODEL_31 = "models/gemini-3.1-flash-live-preview";
  static final String HALF_CASCADE = "models/gemini-live-2.5-flash-mock-half-cascade";
  static LiveServer server;
  static String ws;

  @BeforeAll
  static void start() throws Exception {
    // Time scale 0.2: the persona's 1.2 s reply plays in about 240 ms.
    server = LiveServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.2, 500)));
    ws = server.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static boolean turnComplete(JsonNode n) {
    return n.at("/serverContent/turnComplete").asBoolean();
  }

  static int audioBytes(List<Frame> frames) {
    int total = 0;
    for (Frame f : frames) {
      for (JsonNode part : f.json().at("/serverContent/modelTurn/parts")) {
        if (part.has("inlineData")) {
          total += Base64.getDecoder().decode(part.at("/inlineData/data").asText()).length;
        }
      }
    }
    return total;
  }

  static List<String> kinds(List<Frame> frames) {
    List<String> kinds = new ArrayList<>();
    for (Frame f : frames) {
      JsonNode sc = f.json().get("serverContent");
      if (sc == null) {
        kinds.add(f.json().fieldNames().next());
        continue;
      }
      sc.fieldNames().forEachRemaining(kinds::add);
      if (f.json().has("usageMetadata")) kinds.add("usageMetadata");
    }
    return kinds;
  }

  @Test
  void spokenTurnEndsOnSilenceMeasuredInTheAudio() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_25, "\"inputAudioTranscription\":{},\"outputAudioTranscription\":{},"
          + "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"silenceDurationMs\":300}}");
      c.next(2000);
      // Sent as fast as possible: the turn must end on the audio's own clock, not the wall clock.
      c.send(Signals.audioMessage(Signals.tone(300, 16000, 800, 6000), 16000));
      c.send(Signals.audioMessage(Signals.silence(16000, 200), 16000));
      assertThat(c.drain(400)).as("200 ms of silence is shorter than silenceDurationMs=300").isEmpty();
      c.send(Signals.audioMessage(Signals.silence(16000, 200), 16000));
      List<Frame> reply = c.until(PersonaTest::turnComplete, 5000);
      assertThat(audioBytes(reply)).isEqualTo(PersonaVoice.byteCount());
      List<String> kinds = kinds(reply);
      assertThat(kinds).contains("inputTranscription", "outputTranscription", "generationComplete");
      assertThat(kinds.indexOf("generationComplete")).isGreaterThan(kinds.lastIndexOf("modelTurn"));
      assertThat(kinds.get(kinds.size() - 2)).isEqualTo("turnComplete");
      assertThat(kinds.get(kinds.size() - 1)).isEqualTo("usageMetadata");
      JsonNode in = reply.stream().map(Frame::json)
          .filter(n -> n.at("/serverContent/inputTranscription").isObject()).findFirst().orElseThrow();
      assertThat(in.at("/serverContent/inputTranscription/text").asText()).contains("1.2 s");
    }
  }

  @Test
  void audioAtAnotherDeclaredRateIsTimedOnItsOwnClock() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_25, "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"silenceDurationMs\":400}}");
      c.next(2000);
      c.send(Signals.audioMessage(Signals.tone(300, 48000, 500, 6000), 48000));
      // 300 ms at 48 kHz = 28,800 bytes: as many as 900 ms at 16 kHz, still short of 400 ms.
      c.send(Signals.audioMessage(Signals.silence(48000, 300), 48000));
      assertThat(c.drain(400)).isEmpty();
      c.send(Signals.audioMessage(Signals.silence(48000, 150), 48000));
      assertThat(audioBytes(c.until(PersonaTest::turnComplete, 5000))).isEqualTo(PersonaVoice.byteCount());
    }
  }

  @Test
  void manualActivityEndsTheTurnAndNoTranscriptionUnlessAsked() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_25, "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}");
      c.next(2000);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      // Loud audio followed by long silence does not end a turn when detection is off.
      c.send(Signals.audioMessage(Signals.tone(300, 16000, 300, 6000), 16000));
      c.send(Signals.audioMessage(Signals.silence(16000, 1000), 16000));
      assertThat(c.drain(300)).isEmpty();
      c.send("{\"realtimeInput\":{\"activityEnd\":{}}}");
      List<Frame> reply = c.until(PersonaTest::turnComplete, 5000);
      assertThat(kinds(reply)).doesNotContain("inputTranscription", "outputTranscription");
      assertThat(audioBytes(reply)).isEqualTo(PersonaVoice.byteCount());
    }
  }

  @Test
  void audioStreamEndAndClientContentAndTextEachEndATurn() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_25, "");
      c.next(2000);
      c.send(Signals.audioMessage(Signals.tone(300, 16000, 300, 6000), 16000));
      c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
      c.until(PersonaTest::turnComplete, 5000);
      c.send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}");
      c.until(PersonaTest::turnComplete, 5000);
      // History without turnComplete is only appended: no reply.
      c.send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"note\"}]}],\"turnComplete\":false}}");
      assertThat(c.drain(300)).isEmpty();
      c.send("{\"realtimeInput\":{\"text\":\"and now?\"}}");
      assertThat(audioBytes(c.until(PersonaTest::turnComplete, 5000))).isEqualTo(PersonaVoice.byteCount());
    }
  }

  @Test
  void bargeInInterruptsWithoutGenerationComplete() throws Exception {
    try (LiveServer slow = LiveServer.start(ServerConfig.defaults());
        RawLiveClient c = RawLiveClient.connect(slow.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}");
      c.next(2000);
      c.send("{\"realtimeInput\":{\"text\":\"talk to me\"}}");
      c.until(n -> n.at("/serverContent/modelTurn").isObject(), 3000);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<Frame> rest = c.until(PersonaTest::turnComplete, 3000);
      List<String> kinds = kinds(rest);
      assertThat(kinds).contains("interrupted").doesNotContain("generationComplete");
      assertThat(kinds.indexOf("interrupted")).isLessThan(kinds.indexOf("turnComplete"));
      assertThat(audioBytes(rest)).isLessThan(PersonaVoice.byteCount());
      assertThat(c.drain(300)).as("nothing of the interrupted reply after turnComplete").isEmpty();
    }
  }

  @Test
  void aNewTurnDuringAReplyInterruptsItVisiblyThenIsAnswered() throws Exception {
    try (LiveServer slow = LiveServer.start(ServerConfig.defaults());
        RawLiveClient c = RawLiveClient.connect(slow.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "");
      c.next(2000);
      c.send("{\"realtimeInput\":{\"text\":\"first\"}}");
      c.until(n -> n.at("/serverContent/modelTurn").isObject(), 3000);
      c.send("{\"realtimeInput\":{\"text\":\"second\"}}");
      List<Frame> first = c.until(PersonaTest::turnComplete, 3000);
      assertThat(kinds(first)).contains("interrupted").doesNotContain("generationComplete");
      List<Frame> second = c.until(PersonaTest::turnComplete, 5000);
      assertThat(audioBytes(second)).isEqualTo(PersonaVoice.byteCount());
      assertThat(kinds(second)).contains("generationComplete");
    }
  }

  @Test
  void audioStreamEndAfterATurnThatSilenceAlreadyEndedIsNotANewTurn() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_25, "");
      c.next(2000);
      c.send(Signals.audioMessage(Signals.tone(300, 16000, 500, 6000), 16000));
      c.send(Signals.audioMessage(Signals.silence(16000, 700), 16000));
      c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
      List<Frame> reply = c.until(PersonaTest::turnComplete, 5000);
      assertThat(audioBytes(reply)).isEqualTo(PersonaVoice.byteCount());
      assertThat(c.drain(500)).isEmpty();
    }
  }

  @Test
  void noInterruptionIsHonoured() throws Exception {
    try (LiveServer slow = LiveServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.5, 500)));
        RawLiveClient c = RawLiveClient.connect(slow.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true},"
          + "\"activityHandling\":\"NO_INTERRUPTION\"}");
      c.next(2000);
      c.send("{\"realtimeInput\":{\"text\":\"talk to me\"}}");
      c.until(n -> n.at("/serverContent/modelTurn").isObject(), 3000);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<Frame> rest = c.until(PersonaTest::turnComplete, 5000);
      assertThat(kinds(rest)).contains("generationComplete").doesNotContain("interrupted");
    }
  }

  @Test
  void textModalityOnAHalfCascadeModelRepliesInText() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(HALF_CASCADE, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
      c.next(2000);
      c.send("{\"realtimeInput\":{\"text\":\"ping\"}}");
      List<Frame> reply = c.until(PersonaTest::turnComplete, 5000);
      StringBuilder text = new StringBuilder();
      reply.forEach(f -> f.json().at("/serverContent/modelTurn/parts").forEach(p -> text.append(p.path("text").asText())));
      assertThat(text.toString()).contains("You said: ping");
      assertThat(audioBytes(reply)).isZero();
    }
  }

  @Test
  void textModalityOnNativeAudioModelsIsRefusedAsTheRealServiceRefusesIt() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_25, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
      RawLiveClient.Close close = c.awaitClose(3000);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).isEqualTo("Cannot extract voices from a non-audio request.");
    }
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_31, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
      RawLiveClient.Close close = c.awaitClose(3000);
      assertThat(close.code()).isEqualTo(1011);
      assertThat(close.reason()).isEqualTo("Internal error encountered.");
    }
  }

  @Test
  void gemini31SendsUsageBeforeItsFirstModelTurnAndMultiPartEvents() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws)) {
      c.setup(MODEL_31, "\"outputAudioTranscription\":{}");
      c.next(2000);
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      List<Frame> reply = c.until(PersonaTest::turnComplete, 5000);
      JsonNode first = reply.get(0).json();
      assertThat(first.has("usageMetadata")).isTrue();
      assertThat(first.at("/serverContent").isEmpty()).isTrue();
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/modelTurn").isObject()
          && f.json().at("/serverContent/outputTranscription").isObject());
    }
  }
}
