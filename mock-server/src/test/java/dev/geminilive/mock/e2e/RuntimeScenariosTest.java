package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.build.InvalidScenarioException;
import dev.geminilive.mock.scenario.build.ScenarioBuilder;
import dev.geminilive.mock.testing.JsSdkProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenarios that are no file: built in Java, or added through the admin API, on a mock started
 * without a scenarios folder, and run by the real {@code @google/genai} SDK.
 */
class RuntimeScenariosTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static GeminiLiveMockServer mock;

  @BeforeAll
  static void start() {
    mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options().rest(false).timeScale(0.2));
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  static JsSdkProbe.Result run(String scenario, String plan) throws Exception {
    return JsSdkProbe.runScript("plan-probe.mjs", "--base-url", mock.baseUrlFor(scenario),
        "--config", "{\"outputAudioTranscription\":{}}", "--plan", plan, "--timeout-ms", "20000");
  }

  static SessionJournal latest(String scenario) {
    List<SessionJournal> all = mock.journal().sessions();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (scenario.equals(all.get(i).attribute("scenario"))) {
        return all.get(i);
      }
    }
    throw new AssertionError("no session ran " + scenario);
  }

  static HttpResponse<String> admin(String method, String route, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/" + route))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aScenarioBuiltInJavaRunsOnTheSameEngineWithTheSameJournal() throws Exception {
    Scenario tool = ScenarioBuilder.scenario("java-tool")
        .title("Built in Java")
        .model("gemini-2.5-flash-native-audio-preview-12-2025")
        .expectText(e -> e.regex("realtimeInput.text", "(?i)order"))
        .toolCall("find_order", Map.of("order", "A-17"), "call")
        .expect("toolResponse", e -> e.match("toolResponse.functionResponses[0].id", "${call}"))
        .say(s -> s.tone(300, 200).transcript("It has shipped.").fast())
        .build();
    mock.scenarioLibrary().orElseThrow().put(tool);
    JsSdkProbe.Result r = run("java-tool", "[{\"text\":\"where is my order?\"},{\"waitFor\":\"toolCall\"},"
        + "{\"toolResponse\":{\"status\":\"shipped\"}},{\"waitFor\":\"turnComplete\"},{\"close\":true}]");
    assertThat(r.all("message")).anySatisfy(m ->
        assertThat(m.path("outputTranscription").asText()).isEqualTo("It has shipped."));
    SessionJournal journal = latest("java-tool");
    assertThat(journal.entries()).extracting(JournalEntry::note)
        .anySatisfy(n -> assertThat(n).contains("running java-tool from java-tool (built in Java).json"));
    assertThat(journal.entries()).extracting(JournalEntry::kind).contains("scenario-end").doesNotContain("scenario-mismatch");

    // A client that departs from it gets the same mismatch report as with a file.
    JsSdkProbe.Result wrong = run("java-tool", "[{\"text\":\"hello\"},{\"waitFor\":\"close\"}]");
    assertThat(wrong.first("close").orElseThrow().path("reason").asText())
        .startsWith("expected matches /(?i)order/, got \"hello\" at realtimeInput.text");
    assertThat(latest("java-tool").entries()).extracting(JournalEntry::kind).contains("scenario-mismatch");
  }

  @Test
  void aBrokenBuiltScenarioListsEveryProblemAsAFileWould() {
    ScenarioBuilder broken = ScenarioBuilder.scenario("broken")
        .model("gemini-9-nonexistent")
        .expect("audio", e -> e.between("realtimeInput.audio.data.rms", 1000, 30000))
        .say("${neverCaptured}");
    assertThatThrownBy(broken::build)
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("no model profile serves \"gemini-9-nonexistent\"")
        .hasMessageContaining("realtimeInput.audio.data is text; it has no field \"rms\"")
        .hasMessageContaining("capture ${neverCaptured} is never defined")
        .satisfies(e -> assertThat(((InvalidScenarioException) e).problems()).hasSize(3));
  }

  @Test
  void theAdminApiAddsReplacesAndRemovesScenariosFromYamlOrJson() throws Exception {
    HttpResponse<String> added = admin("POST", "scenarios", """
        id: from-admin
        title: Added over HTTP
        steps:
          - expect: {type: text}
          - say: {text: first version, transcript: first version, pace: fast}
        """);
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(added.body()).path("replaced").asBoolean()).isFalse();
    String plan = "[{\"text\":\"hi\"},{\"waitFor\":\"turnComplete\"},{\"close\":true}]";
    assertThat(run("from-admin", plan).all("message")).anySatisfy(m ->
        assertThat(m.path("outputTranscription").asText()).isEqualTo("first version"));

    HttpResponse<String> replaced = admin("PUT", "scenarios/from-admin", """
        {"id": "from-admin", "title": "Replaced over HTTP",
         "steps": [{"expect": {"type": "text"}},
                   {"say": {"text": "second version", "transcript": "second version", "pace": "fast"}}]}
        """);
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(replaced.body()).path("replaced").asBoolean()).isTrue();
    assertThat(run("from-admin", plan).all("message")).anySatisfy(m ->
        assertThat(m.path("outputTranscription").asText()).isEqualTo("second version"));
    JsonNode listing = JSON.readTree(admin("GET", "scenarios", null).body());
    assertThat(listing.path("scenarios").findValuesAsText("id")).contains("from-admin");

    HttpResponse<String> bad = admin("POST", "scenarios", "id: bad\ntitle: broken\nsteps:\n  - speak: {text: hi}\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).at("/error/problems/0").asText())
        .startsWith("admin:scenario.yaml:4:5: unknown step \"speak\"");

    assertThat(admin("DELETE", "scenarios/from-admin", null).statusCode()).isEqualTo(200);
    assertThat(admin("DELETE", "scenarios/from-admin", null).statusCode()).isEqualTo(404);
  }
}
