package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.timing.ReplyPlan;
import dev.geminilive.mock.timing.TimingMode;
import dev.geminilive.mock.timing.TimingSampler;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code say}'s timing keys over a real WebSocket: the scripted first-audio delay holds back the
 * reply (a lower bound only: a busy machine can make it later, never earlier), parts keep their
 * order, and realistic timing draws the family's figure from the seed.
 */
class ScenarioTimingTest {
  static final String MODEL = "models/gemini-3.8-live";

  static final String SCENARIO = """
      id: slow
      title: A reply that takes its time
      model: gemini-3.8-live
      steps:
        - expect: {type: text}
        - say:
            inputTranscript: "hello?"
            text: "thinking..."
            audio: {tone: {hz: 300, ms: 200}}
            transcript: "Well."
            chunkMs: 40
            firstAudioMs: 400
            cadenceMs: 5
        - expect: {type: text}
        - say: {text: "again", pace: fast}
      """;

  @TempDir Path dir;

  LiveServer start(SessionSettings settings) throws Exception {
    Files.writeString(dir.resolve("slow.yaml"), SCENARIO);
    ScenarioLibrary library = ScenarioServer.library(dir);
    assertThat(library.snapshot().problems()).isEmpty();
    return ScenarioServer.start(ServerConfig.defaults().withSession(settings), library);
  }

  @Test
  void aScriptedFirstAudioDelayIsHonouredInOrderEvenInFastTiming() throws Exception {
    try (LiveServer server = start(new SessionSettings(1.0, 300));
        RawLiveClient c = RawLiveClient.connect(server.baseUrl().replaceFirst("^http", "ws")
            + "/slow" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup(MODEL, "\"inputAudioTranscription\":{}");
      c.until(f -> f.has("setupComplete"), 5000);
      long sent = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      List<Frame> first = c.until(f -> f.at("/serverContent/modelTurn").isObject(), 10_000);
      long firstReply = System.nanoTime();
      List<Frame> rest = c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 10_000);
      assertThat(firstReply - sent).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
      // The input transcription comes first, before the wait; the text part opens the reply.
      assertThat(first.get(0).json().at("/serverContent/inputTranscription/text").asText()).isEqualTo("hello?");
      assertThat(first.get(first.size() - 1).json().at("/serverContent/modelTurn/parts/0/text").asText())
          .isEqualTo("thinking...");
      List<String> kinds = rest.stream().map(f -> kind(f)).toList();
      assertThat(kinds).containsSubsequence("audio", "generationComplete", "turnComplete");
      assertThat(kinds.indexOf("generationComplete")).isGreaterThan(kinds.lastIndexOf("audio"));
      // The next say has no timing keys: fast timing adds nothing to it.
      c.send("{\"realtimeInput\":{\"text\":\"again\"}}");
      c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 10_000);
      SessionJournal journal = server.journal().latest().orElseThrow();
      assertThat(notes(journal)).singleElement().asString().contains("first audio after 400.0 ms")
          .contains("40 ms chunks every 5.0 ms");
    }
  }

  @Test
  void realisticTimingDrawsTheFamilysFirstAudioFromTheSeed() throws Exception {
    Files.writeString(dir.resolve("plain.yaml"), """
        id: plain
        title: No timing keys
        model: gemini-3.8-live
        steps:
          - expect: {type: text}
          - say: {text: "hi there", audio: {tone: {ms: 120}}}
        """);
    try (LiveServer server = start(new SessionSettings(0.5, 300, TimingMode.REALISTIC, 42));
        RawLiveClient c = RawLiveClient.connect(server.baseUrl().replaceFirst("^http", "ws")
            + "/plain" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup(MODEL, "");
      c.until(f -> f.has("setupComplete"), 5000);
      long sent = System.nanoTime();
      c.send("{\"realtimeInput\":{\"text\":\"hi\"}}");
      c.until(f -> f.at("/serverContent/modelTurn").isObject(), 10_000);
      long firstReply = System.nanoTime();
      c.until(f -> f.at("/serverContent/turnComplete").asBoolean(), 10_000);
      SessionJournal journal = server.journal().latest().orElseThrow();
      // The same seed and session id give the same draw: recompute it outside the engine.
      ReplyPlan expected = ReplyPlan.realistic(
          ProfileCatalog.bundled().family("gemini-3.8-live").orElseThrow().timing(),
          TimingSampler.forSession(42, journal.sessionId()), ReplyPlan.Trigger.USER_TURN);
      assertThat(expected.firstAudioNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
      assertThat(notes(journal)).singleElement().asString()
          .contains(String.format(java.util.Locale.ROOT, "first audio after %.1f ms", expected.firstAudioNanos() / 1e6));
      // Time scale 0.5 halves it; it still holds the reply back at least that long.
      assertThat(firstReply - sent).isGreaterThanOrEqualTo(expected.firstAudioNanos() / 2);
    }
  }

  @Test
  void badTimingValuesAreReportedAtTheirLine() {
    List<String> problems = ScenarioValidator.bundled().validateText(dir, "t.yaml", """
        id: t
        title: t
        steps:
          - expect: {type: text}
          - say:
              text: x
              firstAudioMs: -5
              cadenceMs: soon
        """).problems().stream().map(ScenarioProblem::toString).toList();
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("t.yaml:7:21: steps[1].say.firstAudioMs");
    assertThat(problems.get(1)).startsWith("t.yaml:8:18: steps[1].say.cadenceMs");
  }

  static List<String> notes(SessionJournal journal) {
    return journal.entries().stream().filter(e -> e.kind().equals("timing")).map(JournalEntry::note)
        .filter(n -> n.startsWith("say at line")).toList();
  }

  static String kind(Frame f) {
    var c = f.json().path("serverContent");
    if (c.path("turnComplete").asBoolean()) {
      return "turnComplete";
    }
    if (c.path("generationComplete").asBoolean()) {
      return "generationComplete";
    }
    if (c.at("/modelTurn/parts/0/inlineData").isObject()) {
      return "audio";
    }
    return c.has("outputTranscription") ? "transcript" : "other";
  }
}
