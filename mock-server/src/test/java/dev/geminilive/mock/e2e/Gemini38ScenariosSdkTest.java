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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled 3.8 scenarios (scenarios/gemini-3.8/, a subfolder) driven by the real @google/genai SDK. */
class Gemini38ScenariosSdkTest {
  static ScenarioLibrary library;
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    library = ScenarioServer.library(Path.of("..", "scenarios"));
    server = ScenarioServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.2, 300)), library);
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  static JsSdkProbe.Result plan(String scenario, String model, String config, String plan) throws Exception {
    return JsSdkProbe.runScript("plan-probe.mjs", "--base-url", server.baseUrl() + "/" + scenario,
        "--model", model, "--config", config, "--plan", plan, "--timeout-ms", "20000");
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

  @Test
  void theVoiceTurnOn38SendsTheTranscriptionUnaskedAsTheProfileSays() throws Exception {
    JsSdkProbe.Result r = plan("3.8-voice-turn", "gemini-3.8-live", "{}",
        "[{\"audio\":{\"ms\":600}},{\"audio\":{\"ms\":800,\"silent\":true}},{\"waitFor\":\"turnComplete\"},{\"close\":true}]");
    assertThat(r.all("message")).anySatisfy(m ->
        assertThat(m.path("outputTranscription").asText()).isEqualTo("Hello from Gemini 3.8."));
    assertThat(latest("3.8-voice-turn").entries()).extracting(JournalEntry::kind).doesNotContain("scenario-mismatch");
  }

  @Test
  void extendedThinkingReportsInteractionStatusAcrossAnAsyncCall() throws Exception {
    JsSdkProbe.Result r = plan("3.8-extended-thinking-async", "gemini-3.8-live-extended-thinking",
        "{\"thinkingConfig\":{\"thinkingLevel\":\"LOW\"},\"tools\":[{\"functionDeclarations\":[{\"name\":\"plan_route\"}]}]}",
        "[{\"text\":\"route to the airport\"},{\"waitFor\":\"toolCall\"},{\"waitFor\":\"turnComplete\"},"
            + "{\"toolResponse\":{\"minutes\":25}},{\"waitFor\":\"turnComplete\"},{\"close\":true}]");
    List<String> statuses = r.all("message").stream().filter(m -> m.has("interactionStatus"))
        .map(m -> m.path("interactionStatus").asText()).toList();
    assertThat(statuses).containsExactly("IN_PROGRESS", "IDLE");
    assertThat(latest("3.8-extended-thinking-async").entries()).extracting(JournalEntry::kind)
        .contains("scenario-end").doesNotContain("scenario-mismatch");
  }

  @Test
  void aThinkingConfigOn38IsClosedByTheProfileBeforeTheScript() throws Exception {
    JsSdkProbe.Result r = plan("3.8-voice-turn", "gemini-3.8-live", "{\"thinkingConfig\":{\"thinkingLevel\":\"LOW\"}}",
        "[{\"waitFor\":\"close\"}]");
    JsonNode close = r.first("close").orElseThrow();
    assertThat(close.path("code").asInt()).isEqualTo(1007);
    assertThat(close.path("reason").asText()).isEqualTo("Thinking level is not supported for this model");
    assertThat(latest("3.8-voice-turn").attribute("scenarioPreemptedBy")).isEqualTo("setup.thinking.onViolation");
  }
}
