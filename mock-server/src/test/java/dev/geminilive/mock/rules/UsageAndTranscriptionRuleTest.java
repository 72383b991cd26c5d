package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.VERTEX_MODEL;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.vertex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Usage metadata names per API flavour, transcriptions only when asked, Vertex's sessionId. */
class UsageAndTranscriptionRuleTest {
  static final String MANUAL = "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}";
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<Frame> spokenTurn(RawLiveClient c) throws InterruptedException {
    c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
    c.send(Signals.audioMessage(Signals.tone(440, 16000, 300, 8000), 16000));
    c.send("{\"realtimeInput\":{\"activityEnd\":{}}}");
    return c.until(LiveRules::turnComplete, WAIT_MILLIS);
  }

  static JsonNode usage(List<Frame> frames) {
    return frames.stream().map(Frame::json).filter(n -> n.has("usageMetadata"))
        .reduce((a, b) -> b).orElseThrow().get("usageMetadata");
  }

  @Test
  void developerApiSaysResponseTokenCount() throws Exception {
    try (RawLiveClient c = dev(server)) {
      JsonNode done = setUp(c, M25, MANUAL);
      assertThat(done.toString()).isEqualTo("{\"setupComplete\":{}}");
      JsonNode usage = usage(spokenTurn(c));
      assertThat(usage.has("responseTokenCount")).isTrue();
      assertThat(usage.has("responseTokensDetails")).isTrue();
      assertThat(usage.has("candidatesTokenCount")).isFalse();
      assertThat(usage.get("totalTokenCount").asInt())
          .isEqualTo(usage.get("promptTokenCount").asInt() + usage.get("responseTokenCount").asInt());
    }
  }

  @Test
  void vertexSaysCandidatesTokenCountAndGivesASessionId() throws Exception {
    try (RawLiveClient c = vertex(server)) {
      JsonNode done = setUp(c, VERTEX_MODEL, MANUAL);
      assertThat(done.at("/setupComplete/sessionId").asText()).isNotBlank();
      JsonNode usage = usage(spokenTurn(c));
      assertThat(usage.has("candidatesTokenCount")).isTrue();
      assertThat(usage.has("candidatesTokensDetails")).isTrue();
      assertThat(usage.has("responseTokenCount")).isFalse();
    }
  }

  @Test
  void transcriptionsOnlyWhenEnabled() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL);
      List<Frame> reply = spokenTurn(c);
      assertThat(reply).noneMatch(f -> f.json().at("/serverContent/inputTranscription").isObject());
      assertThat(reply).noneMatch(f -> f.json().at("/serverContent/outputTranscription").isObject());
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL + ",\"outputAudioTranscription\":{}");
      List<Frame> reply = spokenTurn(c);
      assertThat(reply).noneMatch(f -> f.json().at("/serverContent/inputTranscription").isObject());
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/outputTranscription/text").isTextual());
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL + ",\"inputAudioTranscription\":{},\"outputAudioTranscription\":{}");
      List<Frame> reply = spokenTurn(c);
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/inputTranscription/text").isTextual());
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/outputTranscription/text").isTextual());
    }
  }
}
