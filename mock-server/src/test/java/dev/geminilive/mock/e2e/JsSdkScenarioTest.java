package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bundled scenarios driven by the real {@code @google/genai} JS SDK (through
 * {@code src/test/node/live-probe.mjs}), selected the two ways an SDK user can without touching
 * the SDK: a path in the base URL, and the API key.
 */
class JsSdkScenarioTest {
  static final ObjectMapper JSON = new ObjectMapper();
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

  static List<JsonNode> probe(String... args) throws Exception {
    String dir = System.getProperty("js.probe.dir", "src/test/node");
    List<String> command = new ArrayList<>(List.of("node", "live-probe.mjs", "--timeout-ms", "20000"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(Path.of(dir).toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  static JsonNode summary(List<JsonNode> lines) {
    return lines.stream().filter(l -> l.path("event").asText().equals("summary")).findFirst().orElseThrow();
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
  void basicAudioTurnSelectedByTheBaseUrlPath() throws Exception {
    JsonNode summary = summary(probe("--base-url", server.baseUrl() + "/basic-audio-turn",
        "--action", "audio-turn", "--chunk-interval-ms", "0"));
    assertThat(summary.path("setupComplete").asBoolean()).isTrue();
    assertThat(summary.path("turnCompletes").asInt()).isEqualTo(1);
    assertThat(summary.path("audioBytes").asInt()).isEqualTo(24_000 * 2 * 1200 / 1000);
    SessionJournal journal = latest("basic-audio-turn");
    assertThat(journal.path()).contains("/basic-audio-turn/ws/").contains("key=REDACTED");
    assertThat(journal.entries()).extracting(JournalEntry::kind).doesNotContain("scenario-mismatch");
  }

  @Test
  void aServerFaultSelectedByTheApiKey() throws Exception {
    JsonNode summary = summary(probe("--base-url", server.baseUrl(), "--api-key", "scenario:fault-internal-error",
        "--action", "text-turn"));
    assertThat(summary.path("setupComplete").asBoolean()).isTrue();
    assertThat(summary.path("closeCode").asInt()).isEqualTo(1011);
    assertThat(summary.path("closeReason").asText()).isEqualTo("Internal error occurred.");
    assertThat(latest("fault-internal-error").attribute("scenarioSelectedBy")).isEqualTo("API key");
  }
}
