package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 3.1 and 3.8 send several parts in one event, 2.5 one: a client that plays only
 * {@code parts[0]} hears all of a 2.5 reply and only part of a 3.1 or 3.8 one.
 */
class MultiPartEventsTest {
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Audio(int allBytes, int firstPartBytes, int maxParts, boolean transcriptWithAudio) {}

  static Audio reply(String model) throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, model, "\"outputAudioTranscription\":{}");
      c.send(textTurn("hello"));
      List<Frame> frames = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      int all = 0;
      int first = 0;
      int maxParts = 0;
      boolean together = false;
      for (Frame f : frames) {
        JsonNode parts = f.json().at("/serverContent/modelTurn/parts");
        if (!parts.isArray()) {
          continue;
        }
        maxParts = Math.max(maxParts, parts.size());
        for (int i = 0; i < parts.size(); i++) {
          int n = Base64.getDecoder().decode(parts.get(i).at("/inlineData/data").asText("")).length;
          all += n;
          first += i == 0 ? n : 0;
        }
        together |= f.json().at("/serverContent/outputTranscription").isObject();
      }
      return new Audio(all, first, maxParts, together);
    }
  }

  @ParameterizedTest(name = "{0}: several parts per event {1}")
  @CsvSource({M31 + ", true", "models/gemini-3.8-live, true", M25 + ", false"})
  void partsPerEventFollowTheFamily(String model, boolean several) throws Exception {
    Audio a = reply(model);
    assertThat(a.allBytes()).isPositive();
    assertThat(a.maxParts() > 1).isEqualTo(several);
    assertThat(a.firstPartBytes() < a.allBytes()).as("a parts[0] reader misses audio").isEqualTo(several);
    assertThat(a.transcriptWithAudio()).as("transcript in an audio event").isEqualTo(several);
  }
}
