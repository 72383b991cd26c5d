package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Turn lifecycle: event order, barge-in, NO_INTERRUPTION, which activity signals go with which
 * detection mode, parts per message per family, and 3.1's usage-first message.
 */
class TurnLifecycleRuleTest {
  static final String MANUAL = "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}";
  static final String MANUAL_NO_INTERRUPTION = "\"realtimeInputConfig\":{\"automaticActivityDetection\""
      + ":{\"disabled\":true},\"activityHandling\":\"NO_INTERRUPTION\"}";
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    // Half speed: a reply lasts ~0.6 s, long enough to barge in on a loaded machine.
    server = LiveServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(0.5, 300)).withCloseTimeoutMillis(500));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Event names of a reply, in order: modelTurn, generationComplete, turnComplete, interrupted... */
  static List<String> events(List<Frame> frames) {
    List<String> out = new ArrayList<>();
    for (Frame f : frames) {
      JsonNode sc = f.json().path("serverContent");
      if (sc.has("modelTurn")) out.add("modelTurn");
      if (sc.path("generationComplete").asBoolean()) out.add("generationComplete");
      if (sc.path("interrupted").asBoolean()) out.add("interrupted");
      if (sc.path("turnComplete").asBoolean()) out.add("turnComplete");
    }
    return out;
  }

  static void speak(RawLiveClient c) {
    c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
    c.send(Signals.audioMessage(Signals.tone(440, 16000, 200, 8000), 16000));
    c.send("{\"realtimeInput\":{\"activityEnd\":{}}}");
  }

  @Test
  void modelTurnThenGenerationCompleteThenTurnComplete() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send(textTurn("hello"));
      List<String> order = events(c.until(LiveRules::turnComplete, WAIT_MILLIS));
      int lastModelTurn = order.lastIndexOf("modelTurn");
      assertThat(lastModelTurn).isGreaterThanOrEqualTo(0);
      assertThat(order.subList(lastModelTurn + 1, order.size()))
          .containsExactly("generationComplete", "turnComplete");
      assertThat(order).doesNotContain("interrupted");
    }
  }

  @Test
  void bargeInGivesInterruptedThenTurnCompleteWithoutGenerationComplete() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL);
      speak(c);
      c.until(n -> n.at("/serverContent/modelTurn").isObject(), WAIT_MILLIS);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<String> rest = events(c.until(LiveRules::turnComplete, WAIT_MILLIS));
      assertThat(rest).endsWith("interrupted", "turnComplete").doesNotContain("generationComplete");
    }
  }

  @Test
  void noInterruptionLetsTheReplyFinish() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL_NO_INTERRUPTION);
      speak(c);
      c.until(n -> n.at("/serverContent/modelTurn").isObject(), WAIT_MILLIS);
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      List<String> rest = events(c.until(LiveRules::turnComplete, WAIT_MILLIS));
      assertThat(rest).endsWith("generationComplete", "turnComplete").doesNotContain("interrupted");
    }
  }

  @Test
  void activitySignalsNeedManualDetection() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("activityStart/activityEnd")
          .contains("automaticActivityDetection.disabled");
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL);
      speak(c);
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
  }

  @Test
  void audioStreamEndNeedsAutomaticDetection() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, MANUAL);
      c.send(Signals.audioMessage(Signals.tone(440, 16000, 200, 8000), 16000));
      c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
      LiveRules.assertSilentAndOpen(c); // ignored: no reply, no close
    }
    assertThat(findings(latest(server)))
        .anyMatch(f -> f.startsWith("realtimeInput.audioStreamEndWithoutAutomaticDetection"));
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send(Signals.audioMessage(Signals.tone(440, 16000, 200, 8000), 16000));
      c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
    assertThat(findings(latest(server))).isEmpty();
  }

  @Test
  void on31UsageComesFirstAndPartsShareAMessage() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, "\"outputAudioTranscription\":{}");
      c.send(textTurn("hello"));
      List<Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      JsonNode first = reply.get(0).json();
      assertThat(first.has("usageMetadata")).isTrue();
      assertThat(first.path("serverContent").size()).as("empty serverContent").isZero();
      int firstModelTurn = 0;
      while (!reply.get(firstModelTurn).json().at("/serverContent/modelTurn").isObject()) {
        firstModelTurn++;
      }
      assertThat(firstModelTurn).isPositive();
      // Audio and its transcript travel in one message.
      JsonNode sc = reply.get(firstModelTurn).json().path("serverContent");
      assertThat(sc.has("modelTurn") && sc.has("outputTranscription")).as(sc.toString()).isTrue();
    }
  }

  @Test
  void on25EachMessageCarriesOnePartAndNoUsageFirst() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "\"outputAudioTranscription\":{}");
      c.send(textTurn("hello"));
      List<Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      assertThat(reply.get(0).json().at("/serverContent/modelTurn").isObject()).isTrue();
      for (Frame f : reply) {
        JsonNode sc = f.json().path("serverContent");
        assertThat(sc.has("modelTurn") && sc.has("outputTranscription")).as(sc.toString()).isFalse();
        assertThat(sc.at("/modelTurn/parts").size()).isLessThanOrEqualTo(1);
      }
    }
  }
}
