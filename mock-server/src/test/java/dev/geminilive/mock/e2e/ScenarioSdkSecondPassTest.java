package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.JsSdkProbe;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a QA engineer hit with scenario files, reproduced with the real {@code @google/genai} SDK
 * (through {@code src/test/node/plan-probe.mjs}): a client that keeps the latest resumption
 * handle, a client that forgot to ask for transcription, goAway with nothing after it, a voice
 * client whose microphone is always on, a barge-in judged by speech rather than bytes, and a
 * profile rule that pre-empts a script.
 */
class ScenarioSdkSecondPassTest {
  static final String MODEL_25 = "gemini-2.5-flash-native-audio-preview-12-2025";
  @TempDir static Path dir;
  static ScenarioLibrary library;
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dir.resolve("resume.yaml"), """
        id: resume
        title: Scripted resumption handles across two connections
        connections:
          - steps:
              - expect: {type: setup, match: {setup.sessionResumption: {present: true}}}
              - resumptionUpdate: {capture: handle}
              - expect: {type: text}
              - say: {text: first, pace: fast}
              - expectNothing: {ms: 300}
              - close: {code: 1000, reason: bye}
          - steps:
              - expect: {type: setup, match: {setup.sessionResumption.handle: "${handle}"}}
              - expect: {type: text}
              - say: {text: "resumed with ${handle}", pace: fast}
        """);
    Files.writeString(dir.resolve("transcript.yaml"), """
        id: transcript
        title: A say with a transcript
        steps:
          - expect: {type: text}
          - say: {audio: {tone: {ms: 120}}, transcript: "spoken words", inputTranscript: "heard words", pace: fast}
        """);
    Files.writeString(dir.resolve("goaway.yaml"), """
        id: goaway
        title: goAway with nothing after it
        steps:
          - expect: {type: text}
          - say: {text: ok, pace: fast}
          - goAway: {timeLeft: "1s"}
        """);
    Files.writeString(dir.resolve("mic-tool.yaml"), """
        id: mic-tool
        title: A tool call answered while the microphone streams
        steps:
          - expect: {type: text}
          - toolCall: {calls: [{name: lookup, capture: call}]}
          - expect: {type: toolResponse, match: {"toolResponse.functionResponses[0].id": "${call}"}}
          - say: {text: done, pace: fast}
        """);
    Files.writeString(dir.resolve("mic-strict.yaml"), """
        id: mic-strict
        title: Stray audio is a mismatch when asked
        defaults: {ambientAudio: false}
        steps:
          - expect: {type: text}
          - toolCall: {calls: [{name: lookup}]}
          - expect: {type: toolResponse}
        """);
    Files.writeString(dir.resolve("speech-barge.yaml"), """
        id: speech-barge
        title: Barge-in when the user starts speaking, not on microphone silence
        steps:
          - expect: {type: text}
          - say: {audio: {tone: {ms: 8000}}, background: true}
          - expect: {type: audio, audio: {speech: started}}
          - interrupt: {}
        """);
    Files.writeString(dir.resolve("budget-31.yaml"), """
        id: budget-31
        title: A script step the 3.1 profile pre-empts
        model: gemini-3.1-flash-live-preview
        steps:
          - expect: {type: text}
          - say: {text: never, pace: fast}
        """);
    Files.writeString(dir.resolve("model-25.yaml"), """
        id: model-25
        title: A scenario for 2.5 only
        model: gemini-2.5-flash-native-audio-preview-12-2025
        steps:
          - expect: {type: text}
        """);
    library = ScenarioServer.library(dir);
    assertThat(library.snapshot().problems()).isEmpty();
    // Real time (scale 1): the barge-in needs the long say still playing; goAway's 1 s is 1 s.
    server = ScenarioServer.start(ServerConfig.defaults().withSession(new SessionSettings(1.0, 300)), library);
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  static JsSdkProbe.Result plan(String scenario, String config, String plan) throws Exception {
    return plan(scenario, MODEL_25, config, plan);
  }

  static JsSdkProbe.Result plan(String scenario, String model, String config, String plan) throws Exception {
    return JsSdkProbe.runScript("plan-probe.mjs", "--base-url", server.baseUrl() + "/" + scenario,
        "--model", model, "--config", config, "--plan", plan, "--timeout-ms", "20000");
  }

  static List<JsonNode> messages(JsSdkProbe.Result r, String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : r.all("message")) {
      for (JsonNode k : e.path("kinds")) {
        if (k.asText().equals(kind)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  static SessionJournal latest(String scenario) {
    List<SessionJournal> all = server.journal().sessions();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (scenario.equals(all.get(i).attribute("scenario"))) {
        return all.get(i);
      }
    }
    throw new AssertionError("no session ran " + scenario);
  }

  /** Items 1 and 10: the script's handle is the only one, and captures cross connections. */
  @Test
  void aScriptThatSendsResumptionUpdatesOwnsThemAndTheSecondConnectionResumesWithTheCapturedHandle()
      throws Exception {
    JsSdkProbe.Result r = plan("resume", "{\"sessionResumption\":{}}",
        "[{\"text\":\"hi\"},{\"waitFor\":\"turnComplete\"},{\"waitFor\":\"close\"},{\"reconnect\":true},"
            + "{\"waitFor\":\"setupComplete\"},{\"text\":\"again\"},{\"waitFor\":\"turnComplete\"}]");
    List<JsonNode> updates = messages(r, "resumptionUpdate");
    assertThat(updates).as("only the scripted update, none after setupComplete or turnComplete").hasSize(1);
    String handle = updates.get(0).path("newHandle").asText();
    assertThat(r.first("resuming").orElseThrow().path("handle").asText()).isEqualTo(handle);
    assertThat(r.all("close")).noneSatisfy(c -> assertThat(c.path("code").asInt()).isEqualTo(1008));
    SessionJournal second = latest("resume");
    assertThat(second.attribute("scenarioConnection")).isEqualTo("2");
    assertThat(second.entries()).anySatisfy(e -> assertThat(e.json() == null ? "" : e.json().toString())
        .contains("resumed with " + handle));
  }

  /** Item 3: no outputAudioTranscription in setup, no transcription; asked for, it comes. */
  @Test
  void transcriptsFollowTheSetupAsOnTheRealService() throws Exception {
    String turn = "[{\"text\":\"hi\"},{\"waitFor\":\"turnComplete\"},{\"close\":true}]";
    JsSdkProbe.Result without = plan("transcript", "{}", turn);
    assertThat(messages(without, "turnComplete")).hasSize(1);
    assertThat(messages(without, "outputTranscription")).isEmpty();
    assertThat(messages(without, "inputTranscription")).isEmpty();
    assertThat(latest("transcript").entries()).extracting(JournalEntry::note)
        .anySatisfy(n -> assertThat(n).contains("transcript the setup did not ask for"));

    JsSdkProbe.Result with = plan("transcript", "{\"outputAudioTranscription\":{},\"inputAudioTranscription\":{}}", turn);
    assertThat(messages(with, "outputTranscription")).singleElement()
        .satisfies(m -> assertThat(m.path("outputTranscription").asText()).isEqualTo("spoken words"));
    assertThat(messages(with, "inputTranscription")).singleElement()
        .satisfies(m -> assertThat(m.path("inputTranscription").asText()).isEqualTo("heard words"));
  }

  /** Item 4: goAway with nothing after it ends the connection when timeLeft runs out. */
  @Test
  void goAwayEndsTheConnectionWhenTheTimeIsUp() throws Exception {
    JsSdkProbe.Result r = plan("goaway", "{}", "[{\"text\":\"hi\"},{\"waitFor\":\"goAway\"},{\"waitFor\":\"close\"}]");
    assertThat(messages(r, "goAway")).singleElement()
        .satisfies(m -> assertThat(m.path("timeLeft").asText()).isEqualTo("1s"));
    JsonNode close = r.first("close").orElseThrow();
    assertThat(close.path("code").asInt()).isEqualTo(1011);
    assertThat(close.path("reason").asText()).isEqualTo("Deadline expired before operation could complete.");
    SessionJournal journal = latest("goaway");
    JournalEntry goAway = journal.entries().stream().filter(e -> e.kind().equals("goAway")).findFirst().orElseThrow();
    assertThat(journal.closeCode()).isEqualTo(1011);
    // The close came after the goAway, not before: one second of (scaled) time in between.
    JournalEntry closed = journal.entries().stream().filter(e -> e.kind().equals("server-close")).findFirst().orElseThrow();
    assertThat(closed.seq()).isGreaterThan(goAway.seq());
  }

  /** Item 7: microphone audio while the script waits for a toolResponse passes by default. */
  @Test
  void ambientMicrophoneAudioDoesNotBreakAToolExpectation() throws Exception {
    String flow = "[{\"text\":\"look it up\"},{\"waitFor\":\"toolCall\"},{\"audio\":{\"ms\":400,\"silent\":true}},"
        + "{\"toolResponse\":{\"ok\":true}},{\"waitFor\":\"turnComplete\"},{\"close\":true}]";
    JsSdkProbe.Result r = plan("mic-tool", "{}", flow);
    assertThat(messages(r, "turnComplete")).hasSize(1);
    assertThat(latest("mic-tool").entries()).extracting(JournalEntry::kind).doesNotContain("scenario-mismatch");

    JsSdkProbe.Result strict = plan("mic-strict", "{}", flow.replace(",{\"waitFor\":\"turnComplete\"},{\"close\":true}", ",{\"waitFor\":\"close\"}"));
    JsonNode close = strict.first("close").orElseThrow();
    assertThat(close.path("code").asInt()).isEqualTo(1008);
    assertThat(close.path("reason").asText()).startsWith("expected toolResponse, got realtimeInput.audio");
  }

  /** Item 8: silence from an open microphone is not the user speaking; a tone is. */
  @Test
  void speechStartedIgnoresMicrophoneSilenceAndFiresOnSpeech() throws Exception {
    JsSdkProbe.Result r = plan("speech-barge", "{}",
        "[{\"text\":\"tell me\"},{\"waitFor\":\"modelTurn\"},{\"audio\":{\"ms\":800,\"silent\":true}},"
            + "{\"audio\":{\"ms\":300}},{\"waitFor\":\"interrupted\"},{\"close\":true}]");
    assertThat(messages(r, "interrupted")).hasSize(1);
    SessionJournal journal = latest("speech-barge");
    long audioBeforeInterrupt = 0;
    for (JournalEntry e : journal.entries()) {
      if (e.fromServer() && e.json() != null && e.json().at("/serverContent/interrupted").asBoolean()) {
        break;
      }
      if (e.fromClient() && e.kind().equals("realtimeInput.audio")) {
        audioBeforeInterrupt++;
      }
    }
    // 8 chunks of silence passed without an interruption; it came with the speech after them.
    assertThat(audioBeforeInterrupt).isGreaterThan(8);
  }

  /** Item 2: the journal says which profile rule ended a scripted session, at which step. */
  @Test
  void aProfileRuleThatPreEmptsTheScriptIsNamedInTheJournal() throws Exception {
    JsSdkProbe.Result r = JsSdkProbe.run("--base-url", server.baseUrl() + "/budget-31",
        "--model", "gemini-3.1-flash-live-preview", "--thinking-budget", "1024", "--action", "text-turn",
        "--timeout-ms", "20000");
    assertThat(r.summary().path("closeCode").asInt()).isEqualTo(1007);
    SessionJournal journal = latest("budget-31");
    assertThat(journal.attribute("scenarioPreemptedBy")).isEqualTo("setup.thinking.onViolation");
    Awaitility.await().until(() -> journal.entries().stream().anyMatch(e -> e.kind().equals("scenario-preempted")));
    assertThat(journal.entries()).filteredOn(e -> e.kind().equals("scenario-preempted")).singleElement()
        .satisfies(e -> assertThat(e.note()).contains("setup.thinking.onViolation").contains("step 1"));
  }

  /** Items 11 and 12: a wrong model is reported with the line of the scenario's model, decisive part first. */
  @Test
  void aWrongModelNamesTheLineOfTheScenariosModel() throws Exception {
    JsSdkProbe.Result r = plan("model-25", "gemini-3.1-flash-live-preview", "{}", "[{\"waitFor\":\"close\"}]");
    JsonNode close = r.first("close").orElseThrow();
    assertThat(close.path("code").asInt()).isEqualTo(1008);
    assertThat(close.path("reason").asText()).isEqualTo("expected gemini-2.5-flash-native-audio-preview-12-2025,"
        + " got models/gemini-3.1-flash-live-preview at setup.model (line 3)");
    JournalEntry report = latest("model-25").entries().stream()
        .filter(e -> e.kind().equals("scenario-mismatch")).findFirst().orElseThrow();
    assertThat(report.json().path("line").asInt()).isEqualTo(3);
    assertThat(report.json().path("column").asInt()).isEqualTo(8);
  }
}
