package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.HALF_CASCADE;
import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.VERTEX_MODEL;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static dev.geminilive.mock.testing.LiveRules.vertex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TEXT modality per family (sources §8); AUDIO is accepted everywhere. */
class ResponseModalityRuleTest {
  static final String TEXT = "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}";
  static final String AUDIO = "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]}";
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void textOn25DeveloperCannotExtractVoices() throws Exception {
    try (RawLiveClient c = dev(server)) {
      c.setup(M25, TEXT);
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close).isEqualTo(new Close(1007, "Cannot extract voices from a non-audio request."));
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, AUDIO);
    }
  }

  @Test
  void textOn25VertexIsAnInvalidArgument() throws Exception {
    try (RawLiveClient c = vertex(server)) {
      c.setup(VERTEX_MODEL, TEXT);
      assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1007, "Request contains an invalid argument."));
    }
    try (RawLiveClient c = vertex(server)) {
      setUp(c, VERTEX_MODEL, AUDIO);
    }
  }

  @Test
  void textOn31IsAnInternalError() throws Exception {
    try (RawLiveClient c = dev(server)) {
      c.setup(M31, TEXT);
      assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1011, "Internal error encountered."));
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, AUDIO);
    }
  }

  @Test
  void halfCascadeAnswersInText() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, HALF_CASCADE, TEXT);
      c.send(textTurn("hello"));
      List<Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/modelTurn/parts/0/text").isTextual());
      assertThat(reply).noneMatch(f -> f.json().at("/serverContent/modelTurn/parts/0/inlineData").isObject());
    }
  }
}
