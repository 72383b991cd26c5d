package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.record.SessionTape.Ending;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer on tapes with exact times: waits where the upstream took time, audio gates, which
 * messages fold into shorthand steps and which stay {@code send}, and what is left out.
 */
class ScenarioWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final long MS = 1_000_000L;

  @TempDir Path out;

  @Test
  void recordedGapsBecomeWaitsAndMicrophoneAudioGatesTheReply() throws Exception {
    SessionTape tape = new SessionTape();
    tape.add(client(5, "setup", "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}"));
    tape.add(server(40, "{\"setupComplete\":{}}"));
    for (int i = 0; i < 12; i++) {
      tape.add(new SessionTape.FromClient((100 + i * 100) * MS, "realtimeInput.audio", null, 100.0));
    }
    // The reply starts 550 ms after the 12th chunk: 24 kHz audio in two 50 ms chunks and a short one.
    tape.add(server(1750, audio(1200)));
    tape.add(server(1800, audio(1200)));
    tape.add(server(1850, audio(600)));
    tape.add(server(1850, "{\"serverContent\":{\"generationComplete\":true}}"));
    tape.add(server(1850, "{\"serverContent\":{\"turnComplete\":true}}"));
    tape.add(server(2400, "{\"goAway\":{\"timeLeft\":\"50s\"}}"));
    tape.add(new SessionTape.Ended(2500 * MS, Ending.UPSTREAM_CLOSED, 1000, ""));

    JsonNode steps = write(tape).path("steps");
    assertThat(steps.get(0).path("expect").path("type").asText()).isEqualTo("setup");
    assertThat(steps.get(1).path("expect").path("audio").path("minMs").asInt()).isEqualTo(1200);
    assertThat(steps.get(2).path("wait").path("ms").asInt()).isEqualTo(550);
    JsonNode say = steps.get(3).path("say");
    assertThat(say.path("chunkMs").asInt()).isEqualTo(25);
    assertThat(say.path("pace").asText()).isEqualTo("realtime"); // 100 ms spread over 50 ms of chunks
    assertThat(say.has("turnComplete")).isFalse();
    byte[] wav = Files.readAllBytes(out.resolve(say.path("audio").path("file").asText()));
    assertThat(wav.length).isEqualTo(44 + 3000);
    assertThat(steps.get(4).path("wait").path("ms").asInt()).isEqualTo(550);
    assertThat(steps.get(5).path("goAway").path("timeLeft").asText()).isEqualTo("50s");
    assertThat(steps.get(6).path("wait").path("ms").asInt()).isEqualTo(100);
    assertThat(steps.get(7).path("close").path("code").asInt()).isEqualTo(1000);
    assertThat(steps).hasSize(8);
  }

  @Test
  void unknownFieldsAreLeftOutAndSaidSoAndOddMessagesStaySend() throws Exception {
    SessionTape tape = new SessionTape();
    tape.add(client(0, "setup", "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}"));
    tape.add(server(1, "{\"setupComplete\":{}}"));
    tape.add(client(2, "clientContent", "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}"));
    tape.add(server(3, "{\"serverContent\":{\"turnComplete\":true,\"turnCompleteReason\":\"NEED_MORE_INPUT\"},\"futureField\":{\"x\":1}}"));
    tape.add(server(4, "{\"sessionResumptionUpdate\":{\"resumable\":false}}"));
    tape.add(server(5, "not json"));
    tape.add(new SessionTape.Ended(6, Ending.UPSTREAM_DROPPED, 1006, null));

    JsonNode scenario = write(tape);
    JsonNode steps = scenario.path("steps");
    assertThat(steps.get(1).path("expect").path("match").path("clientContent.turns[0].parts[0].text").asText())
        .isEqualTo("hi");
    assertThat(steps.get(2).path("send").path("serverContent").path("turnCompleteReason").asText())
        .isEqualTo("NEED_MORE_INPUT");
    assertThat(steps.get(2).path("send").has("futureField")).isFalse();
    assertThat(steps.get(3).path("send").path("sessionResumptionUpdate").path("resumable").asBoolean()).isFalse();
    assertThat(steps.get(4).has("drop")).isTrue();
    assertThat(scenario.path("description").asText()).contains("futureField", "not JSON");
  }

  @Test
  void toolCallIdsBecomeCapturesEverywhereTheyReappear() throws Exception {
    SessionTape tape = new SessionTape();
    tape.add(client(0, "setup", "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}"));
    tape.add(server(1, "{\"setupComplete\":{}}"));
    tape.add(client(2, "realtimeInput.text", "{\"realtimeInput\":{\"text\":\"search\"}}"));
    tape.add(server(3, "{\"toolCall\":{\"functionCalls\":[{\"id\":\"fc-abc\",\"name\":\"search\",\"args\":{\"q\":\"x\"}},"
        + "{\"id\":\"fc-def\",\"name\":\"lookup\"}]}}"));
    tape.add(server(4, "{\"toolCallCancellation\":{\"ids\":[\"fc-def\"]}}"));
    tape.add(client(5, "toolResponse", "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"fc-abc\",\"name\":\"search\",\"response\":{\"r\":1}}]}}"));
    tape.add(new SessionTape.Ended(6, Ending.CLIENT_CLOSED, 1000, ""));

    JsonNode steps = write(tape).path("steps");
    assertThat(steps.get(2).path("toolCall").path("calls").get(0).path("capture").asText()).isEqualTo("call1");
    assertThat(steps.get(2).path("toolCall").path("calls").get(1).path("capture").asText()).isEqualTo("call2");
    assertThat(steps.get(3).path("send").path("toolCallCancellation").path("ids").get(0).asText()).isEqualTo("${call2}");
    assertThat(steps.get(4).path("expect").path("match").path("toolResponse.functionResponses[0].id").asText())
        .isEqualTo("${call1}");
  }

  @Test
  void chunksOfNoWholeMillisecondsBecomeOneSayEach() throws Exception {
    SessionTape tape = new SessionTape();
    tape.add(client(0, "setup", "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}"));
    tape.add(server(1, "{\"setupComplete\":{}}"));
    tape.add(client(2, "realtimeInput.text", "{\"realtimeInput\":{\"text\":\"hi\"}}"));
    tape.add(server(3, audio(1000))); // 500 samples at 24 kHz: 20.83 ms
    tape.add(server(3, audio(1000)));
    tape.add(server(3, "{\"serverContent\":{\"turnComplete\":true}}"));
    tape.add(new SessionTape.Ended(4, Ending.CLIENT_CLOSED, 1000, ""));

    JsonNode steps = write(tape).path("steps");
    assertThat(steps.get(2).path("say").path("chunkMs").asInt()).isEqualTo(21);
    assertThat(steps.get(2).path("say").path("turnComplete").asBoolean(true)).isFalse();
    assertThat(steps.get(3).path("say").path("audio").path("file").asText()).endsWith("say-2.wav");
    assertThat(steps.get(3).path("say").path("generationComplete").asBoolean(true)).isFalse();
    assertThat(steps.get(3).path("say").has("turnComplete")).isFalse(); // the default: true
    assertThat(steps).hasSize(4);
  }

  private JsonNode write(SessionTape tape) throws Exception {
    RecordingInfo info = new RecordingInfo("t-1", ApiFlavour.DEVELOPER,
        "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent", "ws://upstream:1",
        "api-key@header", Instant.parse("2026-11-26T09:00:00Z"));
    Path file = ScenarioWriter.write(out, info, tape);
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
    return YAML.readTree(file.toFile());
  }

  static SessionTape.FromClient client(long ms, String kind, String json) throws Exception {
    return new SessionTape.FromClient(ms * MS, kind, JSON.readTree(json), 0);
  }

  static SessionTape.FromServer server(long ms, String json) {
    try {
      return new SessionTape.FromServer(ms * MS, JSON.readTree(json), null, true);
    } catch (Exception e) {
      return new SessionTape.FromServer(ms * MS, null, json, true);
    }
  }

  /** A model turn with {@code bytes} of 24 kHz PCM. */
  static String audio(int bytes) {
    byte[] pcm = new byte[bytes];
    for (int i = 0; i < bytes; i++) pcm[i] = (byte) (i * 7);
    return "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"data\":\""
        + Base64.getEncoder().encodeToString(pcm) + "\",\"mimeType\":\"audio/pcm;rate=24000\"}}]}}}";
  }
}
