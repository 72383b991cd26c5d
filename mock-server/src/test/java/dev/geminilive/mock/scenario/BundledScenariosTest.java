package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled library under {@code scenarios/}: every file validates, and every scenario runs end
 * to end over a real WebSocket with a client that follows it; one that deviates gets a mismatch
 * report.
 */
class BundledScenariosTest {
  static final Path BUNDLED = Path.of("..", "scenarios");
  static ScenarioLibrary library;
  static LiveServer server;
  static String ws;

  @BeforeAll
  static void start() throws Exception {
    library = ScenarioServer.library(BUNDLED);
    server = ScenarioServer.start(ServerConfig.defaults()
        .withSession(new SessionSettings(0.2, 300)).withCloseTimeoutMillis(500), library);
    ws = server.baseUrl().replaceFirst("^http", "ws");
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  static Stream<String> bundledIds() {
    return ScenarioServer.library(BUNDLED).snapshot().scenarios().keySet().stream();
  }

  @Test
  void everyBundledScenarioPassesValidate() {
    ScenarioValidator.Result result = ScenarioValidator.bundled().validate(BUNDLED, null, null);
    assertThat(result.problems()).isEmpty();
    assertThat(result.files()).isGreaterThanOrEqualTo(15);
    assertThat(result.validScenarios()).isEqualTo(result.files());
  }

  @Test
  void theLibraryCoversWhatTheIssueLists() {
    assertThat(library.snapshot().scenarios().keySet()).contains(
        "basic-audio-turn", "text-turn-half-cascade", "transcription", "barge-in",
        "tool-call-blocking-3.1", "tool-call-non-blocking-2.5", "tool-call-cancelled-by-interruption",
        "initial-history-then-1007-3.1", "thinking-budget-rejected-3.1", "goaway-then-resume",
        "fault-internal-error", "fault-drop", "fault-stall", "vertex-session-id", "barge-in-live-microphone",
        "3.8-voice-turn", "3.8-non-blocking-tool", "3.8-client-content-mid-session", "3.8-barge-in-reissues-call",
        "3.8-extended-thinking-async");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledIds")
  void runsEndToEndWithAClientThatFollowsIt(String id) throws Exception {
    Scenario scenario = library.snapshot().get(id).orElseThrow();
    ScenarioFollower.Outcome outcome = ScenarioFollower.follow(scenario, ws, "k-" + id);
    SessionJournal journal = journalOf(id);
    assertThat(journal.entries()).extracting(JournalEntry::kind).doesNotContain("scenario-mismatch");
    assertThat(journal.attribute("scenario")).isEqualTo(id);
    List<Step> steps = scenario.connections().get(scenario.connections().size() - 1).steps();
    Step last = steps.get(steps.size() - 1);
    if (last instanceof Step.Close || last instanceof Step.Drop
        || (last instanceof Step.GoAway g && g.endConnection())) {
      assertThat(outcome.close()).isNotNull();
    } else if (last instanceof Step.Stall) {
      assertThat(outcome.close()).isNull();
      assertThat(journal.entries()).extracting(JournalEntry::kind).contains("scenario-stall");
    } else {
      Awaitility.await().until(() -> journal.entries().stream().anyMatch(e -> e.kind().equals("scenario-end")));
    }
  }

  @Test
  void theVertexScenarioSendsTheSessionIdAndCandidatesTokens() throws Exception {
    ScenarioFollower.Outcome outcome =
        ScenarioFollower.follow(library.snapshot().get("vertex-session-id").orElseThrow(), ws, "k");
    String sessionId = outcome.captures().get("sessionId");
    assertThat(sessionId).isNotBlank();
    assertThat(outcome.received()).anySatisfy(f ->
        assertThat(f.path("serverContent").path("outputTranscription").path("text").asText())
            .isEqualTo("This is session " + sessionId + "."));
    assertThat(outcome.received()).anySatisfy(f ->
        assertThat(f.path("usageMetadata").path("candidatesTokenCount").asInt()).isEqualTo(8));
  }

  @Test
  void aClientThatDeviatesGetsAMismatchReportInTheJournalAndAdminApi() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + "/tool-call-blocking-3.1" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup("models/gemini-3.1-flash-live-preview",
          "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\"}]}]");
      c.until(f -> f.has("setupComplete"), 5000);
      c.send("{\"realtimeInput\":{\"text\":\"weather in Rome?\"}}");
      JsonNode call = c.until(f -> f.has("toolCall"), 5000).get(0).json();
      String id = call.at("/toolCall/functionCalls/0/id").asText();
      assertThat(id).isNotBlank();
      c.send("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"wrong-id\",\"name\":\"get_weather\",\"response\":{}}]}}");
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.code()).isEqualTo(1008);
      // The decisive part first, then where; within the 123 bytes a close reason may have.
      assertThat(close.reason()).startsWith("expected equals \"" + id + "\", got \"wrong-id\"")
          .containsPattern("\\(.*step 4, line \\d+\\)$");
    }
    SessionJournal journal = journalOf("tool-call-blocking-3.1");
    JournalEntry report = journal.entries().stream()
        .filter(e -> e.kind().equals("scenario-mismatch")).findFirst().orElseThrow();
    assertThat(report.json().path("step").asInt()).isEqualTo(4);
    assertThat(report.json().path("expected").path("expect").path("type").asText()).isEqualTo("toolResponse");
    assertThat(report.json().at("/actual/toolResponse/functionResponses/0/id").asText()).isEqualTo("wrong-id");
    assertThat(report.json().path("differences").get(0).asText()).contains("wrong-id").contains("call-");

    HttpResponse<String> admin = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/sessions/" + journal.sessionId())).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = new ObjectMapper().readTree(admin.body());
    assertThat(body.at("/attributes/scenarioMismatch").asText()).startsWith("step 4 (scenarios/tool-call-blocking-3.1.yaml:");
    assertThat(body.path("entries").findValues("differences")).isNotEmpty();
  }

  @Test
  void audioThatIsTooShortBeforeActivityEndIsAMismatch() throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(ws + "/transcription" + RawLiveClient.DEV_PATH + "?key=k")) {
      c.setup("models/gemini-2.5-flash-native-audio-preview-12-2025",
          "\"inputAudioTranscription\":{},\"outputAudioTranscription\":{},"
              + "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}");
      c.until(f -> f.has("setupComplete"), 5000);
      c.send(Signals.audioMessage(Signals.tone(300, 16000, 100, 8000), 16000));
      c.send("{\"realtimeInput\":{\"activityEnd\":{}}}");
      RawLiveClient.Close close = c.awaitClose(5000);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).contains("at least 500 ms of audio").contains("got 100 ms");
    }
  }

  /** The newest journal of a session that ran {@code scenarioId}. */
  static SessionJournal journalOf(String scenarioId) {
    return latest(server, scenarioId);
  }

  static SessionJournal latest(LiveServer server, String scenarioId) {
    List<SessionJournal> all = server.journal().sessions();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (scenarioId.equals(all.get(i).attribute("scenario"))) {
        return all.get(i);
      }
    }
    throw new AssertionError("no session ran " + scenarioId);
  }
}
