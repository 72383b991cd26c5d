package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.conformance.runner.ConformanceCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows docs/driver-protocol.md as a new user would: takes its minimal example driver verbatim,
 * runs it with the documented command, and checks the verdicts it earns.
 */
class DocsExampleDriverTest {
  @Test
  void theDocumentedMinimalDriverRuns(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of(System.getProperty("docs.dir", "../docs"), "driver-protocol.md"));
    String block = doc.substring(doc.indexOf("<!-- example-driver:start -->"), doc.indexOf("<!-- example-driver:end -->"));
    String script = block.substring(block.indexOf("```js") + 5, block.lastIndexOf("```"));
    Path driver = dir.resolve("minimal-driver.mjs");
    Files.writeString(driver, script);
    Path report = dir.resolve("report");

    int exit = ConformanceCli.execute("run", "--driver", "node --experimental-websocket " + driver,
        "--report", report.toString());

    JsonNode run = new ObjectMapper().readTree(report.resolve("conformance.json").toFile()).get(0);
    // The layer the driver declares is shown with its name.
    assertThat(run.path("driver").asText()).isEqualTo("minimal-example (bare client)");
    assertThat(verdict(run, "SETUP-MODEL-NAME", "gemini-3.1-flash-live-preview")).isEqualTo("PASS");
    assertThat(verdict(run, "AUDIO-OUT-INTEGRITY", "gemini-3.1-flash-live-preview")).isEqualTo("PASS");
    assertThat(verdict(run, "ERR-CLOSE-SURFACED", "gemini-2.5-flash-native-audio-preview-12-2025")).isEqualTo("PASS");
    assertThat(verdict(run, "CONN-CLOSE-BEFORE-SETUP", "gemini-2.5-flash-native-audio-preview-12-2025")).isEqualTo("PASS");
    assertThat(verdict(run, "AUDIO-IN-RATE", "gemini-3.1-flash-live-preview")).isEqualTo("UNSUPPORTED");
    // It surfaces interrupted; it has no audio output of its own, so barge-in playback is not its to judge.
    assertThat(verdict(run, "AUDIO-OUT-INTERRUPTED", "gemini-3.1-flash-live-preview")).isEqualTo("PASS");
    assertThat(verdict(run, "AUDIO-OUT-BARGE-IN", "gemini-3.1-flash-live-preview")).isEqualTo("UNSUPPORTED");
    // Text as realtimeInput.text: an ordinary conversation holds on 3.1 and 3.8.
    assertThat(verdict(run, "GATE-31-USER-TEXT", "gemini-3.1-flash-live-preview")).isEqualTo("PASS");
    assertThat(verdict(run, "CONN-SESSION-SURVIVES", "gemini-3.1-flash-live-preview")).isEqualTo("PASS");
    assertThat(verdict(run, "CONN-SESSION-SURVIVES", "gemini-3.8-live")).isEqualTo("PASS");
    assertThat(exit).isEqualTo(ConformanceCli.EXIT_OK);
  }

  static String verdict(JsonNode run, String rule, String model) {
    for (JsonNode c : run.path("results")) {
      if (c.path("rule").asText().equals(rule) && c.path("model").asText().equals(model)) {
        return c.path("verdict").asText();
      }
    }
    return "(missing)";
  }
}
