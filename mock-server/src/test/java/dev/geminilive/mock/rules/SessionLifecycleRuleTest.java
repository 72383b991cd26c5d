package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static dev.geminilive.mock.testing.LiveRules.textTurn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection lifetime, session limits, goAway, and resumption. The bundled limits (590 s
 * connection, 15 min audio, 2 min video) run at a time scale of 0.005: 2.95 s, 4.5 s, 0.6 s.
 */
class SessionLifecycleRuleTest {
  static final double FAST = 0.005;
  static final String JPEG_FRAME = "{\"realtimeInput\":{\"video\":{\"data\":\""
      + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})
      + "\",\"mimeType\":\"image/jpeg\"}}}";
  static final String RESUMABLE = "\"sessionResumption\":{}";
  static LiveServer fast;
  static LiveServer normal;

  @BeforeAll
  static void start() throws Exception {
    fast = LiveServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(FAST, 300)).withCloseTimeoutMillis(500));
    normal = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    fast.close();
    normal.close();
  }

  static double seconds(String protobufDuration) {
    assertThat(protobufDuration).endsWith("s");
    return Double.parseDouble(protobufDuration.substring(0, protobufDuration.length() - 1));
  }

  static String handleFrom(List<Frame> frames) {
    JsonNode update = frames.get(frames.size() - 1).json().get("sessionResumptionUpdate");
    assertThat(update.get("resumable").asBoolean()).isTrue();
    String handle = update.get("newHandle").asText();
    assertThat(handle).isNotBlank();
    return handle;
  }

  static List<Frame> untilHandle(RawLiveClient c) throws InterruptedException {
    return c.until(n -> n.has("sessionResumptionUpdate"), WAIT_MILLIS);
  }

  @Test
  void connectionLifetimeEndsWithGoAwayThenTheQuotedDeadlineClose() throws Exception {
    try (RawLiveClient c = dev(fast)) {
      setUp(c, M25, "");
      JsonNode goAway = c.next(WAIT_MILLIS).json();
      assertThat(goAway.has("goAway")).as(goAway.toString()).isTrue();
      // 50 s before the end, scaled: the time the client really has.
      assertThat(seconds(goAway.at("/goAway/timeLeft").asText())).isGreaterThan(0).isLessThanOrEqualTo(0.25);
      // google/adk-python#4140: 1011 with this reason at the 10-minute mark.
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close).isEqualTo(new Close(1011, "Deadline expired before operation could complete."));
    }
    assertThat(LiveRules.events(latest(fast), "profile-rule")).anyMatch(n -> n.startsWith("limits.connectionEnd"));
  }

  @Test
  void videoShortensTheSessionTo2MinutesScaled() throws Exception {
    try (RawLiveClient c = dev(fast)) {
      setUp(c, M25, "");
      c.send(JPEG_FRAME);
      JsonNode goAway = c.next(WAIT_MILLIS).json();
      assertThat(goAway.has("goAway")).as(goAway.toString()).isTrue();
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close).isEqualTo(new Close(1011, "Deadline expired before operation could complete."));
    }
    assertThat(LiveRules.events(latest(fast), "profile-rule")).anyMatch(n -> n.startsWith("limits.videoSession"));
  }

  @Test
  void contextWindowCompressionLiftsTheSessionLimit() throws Exception {
    try (RawLiveClient c = dev(fast)) {
      setUp(c, M25, "\"contextWindowCompression\":{\"slidingWindow\":{}}");
      c.send(JPEG_FRAME);
      assertThat(c.next(WAIT_MILLIS).json().has("goAway")).isTrue();
      // Only the connection lifetime is left.
      assertThat(c.awaitClose(WAIT_MILLIS).code()).isEqualTo(1011);
    }
    assertThat(LiveRules.events(latest(fast), "profile-rule"))
        .anyMatch(n -> n.startsWith("limits.connectionEnd"))
        .noneMatch(n -> n.startsWith("limits.videoSession"));
  }

  @Test
  void theSessionLimitSpansResumedConnections() throws Exception {
    String handle;
    try (RawLiveClient c = dev(fast)) {
      setUp(c, M25, RESUMABLE);
      handle = handleFrom(untilHandle(c));
      c.awaitClose(WAIT_MILLIS); // connection lifetime, 2.95 s
    }
    assertThat(LiveRules.events(latest(fast), "profile-rule")).anyMatch(n -> n.startsWith("limits.connectionEnd"));
    try (RawLiveClient c = dev(fast)) {
      setUp(c, M25, "\"sessionResumption\":{\"handle\":\"" + handle + "\"}");
      // 15 min scaled is 4.5 s from the first connection's start: well before this one's 2.95 s.
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1011);
    }
    assertThat(LiveRules.events(latest(fast), "profile-rule")).anyMatch(n -> n.startsWith("limits.audioSession"));
  }

  @Test
  void handlesAreIssuedWhenAskedAndResumptionRestoresTheConversation() throws Exception {
    String firstId;
    String handle;
    try (RawLiveClient c = dev(normal)) {
      setUp(c, M25, RESUMABLE);
      String initial = handleFrom(untilHandle(c));
      firstId = latest(normal).sessionId();
      c.send(textTurn("hello"));
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      handle = handleFrom(untilHandle(c));
      assertThat(handle).isNotEqualTo(initial);
    }
    try (RawLiveClient c = dev(normal)) {
      setUp(c, M25, "\"sessionResumption\":{\"handle\":\"" + handle + "\"}");
      c.send(textTurn("again"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
    SessionJournal resumed = latest(normal);
    assertThat(resumed.attribute("resumedFrom")).isEqualTo(firstId);
    assertThat(resumed.attribute("resumedTurns")).isEqualTo("1");
    // Without sessionResumption no handles are sent.
    try (RawLiveClient c = dev(normal)) {
      setUp(c, M25, "");
      c.send(textTurn("hello"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).noneMatch(f -> f.json().has("sessionResumptionUpdate"));
    }
  }

  @Test
  void notResumableWhileAFunctionCallIsOutstanding() throws Exception {
    String tools = "\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\",\"behavior\":\"NON_BLOCKING\"}]}]";
    try (RawLiveClient c = dev(normal)) {
      setUp(c, M25, RESUMABLE + "," + tools);
      untilHandle(c);
      c.send(textTurn("please lookup"));
      String id = c.until(n -> n.has("toolCall"), WAIT_MILLIS).stream()
          .reduce((a, b) -> b).orElseThrow().json().at("/toolCall/functionCalls/0/id").asText();
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      JsonNode update = untilHandle(c).stream().reduce((a, b) -> b).orElseThrow().json()
          .get("sessionResumptionUpdate");
      assertThat(update.get("resumable").asBoolean()).isFalse();
      assertThat(update.has("newHandle")).isFalse();
      c.send("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + id
          + "\",\"name\":\"lookup\",\"response\":{\"output\":1}}]}}");
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      handleFrom(untilHandle(c)); // resumable again once the call is answered
    }
  }

  @Test
  void resumedSessionRemembersThatItsHistoryPhaseIsOver() throws Exception {
    String history = "\"historyConfig\":{\"initialHistoryInClientContent\":true}";
    String content = "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}],"
        + "\"turnComplete\":true}}";
    String handle;
    try (RawLiveClient c = dev(normal)) {
      setUp(c, M31, RESUMABLE + "," + history);
      untilHandle(c);
      c.send(content); // the initial history, accepted
      c.send(textTurn("hello"));
      c.until(LiveRules::turnComplete, WAIT_MILLIS);
      handle = handleFrom(untilHandle(c));
    }
    try (RawLiveClient c = dev(normal)) {
      setUp(c, M31, "\"sessionResumption\":{\"handle\":\"" + handle + "\"}," + history);
      untilHandle(c);
      c.send(content);
      assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1007, "Request contains an invalid argument."));
    }
  }

  @Test
  void resumingWhileTheOldConnectionIsOpenCloses1011() throws Exception {
    try (RawLiveClient old = dev(normal)) {
      setUp(old, M25, RESUMABLE);
      String handle = handleFrom(untilHandle(old));
      try (RawLiveClient c = dev(normal)) {
        c.setup(M25, "\"sessionResumption\":{\"handle\":\"" + handle + "\"}");
        assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1011, "Internal error occurred."));
      }
      old.send(textTurn("still mine"));
      assertThat(old.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
  }

  @Test
  void unknownHandleCloses1008() throws Exception {
    try (RawLiveClient c = dev(normal)) {
      c.setup(M25, "\"sessionResumption\":{\"handle\":\"CgNOPE\"}");
      assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1008, "BidiGenerateContent session not found"));
    }
  }

  @Test
  void nullHandleIsRejectedOnTheDeveloperApiAndAcceptedOnVertex() throws Exception {
    String nullHandle = "\"sessionResumption\":{\"handle\":null}";
    // livekit/agents#5102 (2.5, 1008) and strands-agents/harness-sdk#1999 (3.1).
    for (String model : List.of(M31, M25, "models/gemini-3.8-live")) {
      try (RawLiveClient c = dev(normal)) {
        c.setup(model, nullHandle);
        assertThat(c.awaitClose(WAIT_MILLIS).code()).as(model).isEqualTo(1008);
      }
    }
    try (RawLiveClient c = LiveRules.vertex(normal)) {
      setUp(c, LiveRules.VERTEX_MODEL, nullHandle);
      handleFrom(untilHandle(c)); // a new resumable session
    }
  }

  @Test
  void transparentResumptionIsVertexOnlyAndReportsTheLastConsumedMessage() throws Exception {
    try (RawLiveClient c = dev(normal)) {
      c.setup(M25, "\"sessionResumption\":{\"transparent\":true}");
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("Unknown name \"transparent\"");
    }
    try (RawLiveClient c = LiveRules.vertex(normal)) {
      setUp(c, LiveRules.VERTEX_MODEL, "\"sessionResumption\":{\"transparent\":true}");
      List<Frame> upToFirst = untilHandle(c);
      JsonNode first = upToFirst.get(upToFirst.size() - 1).json();
      c.send(textTurn("hello"));
      List<Frame> upToLater = untilHandle(c); // after the reply's turnComplete
      JsonNode later = upToLater.get(upToLater.size() - 1).json();
      assertThat(first.at("/sessionResumptionUpdate/lastConsumedClientMessageIndex").asText()).isEqualTo("0");
      assertThat(later.at("/sessionResumptionUpdate/lastConsumedClientMessageIndex").asText()).isEqualTo("1");
    }
  }
}
