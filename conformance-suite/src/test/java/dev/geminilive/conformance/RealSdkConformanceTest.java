package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.driver.StdioDriver;
import dev.geminilive.conformance.report.Reports;
import dev.geminilive.conformance.report.ResultsMarkdown;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.RuleVerdict;
import dev.geminilive.conformance.runner.ConformanceRun;
import dev.geminilive.conformance.sdk.GoogleGenAiJavaDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures the real SDKs: google-genai Java 2.0.0, {@code @google/genai} 3.1.0 and 3.3.0. Their verdicts are recorded, not asserted: a FAIL is a finding
 * about the SDK. What is asserted is that each was really driven (it connected and surfaced the
 * reply), so a broken driver cannot pass for a measurement. With
 * {@code -Dconformance.resultsDoc=PATH} the matrix is written as docs/conformance-results.md.
 */
class RealSdkConformanceTest {
  static final String COMMAND =
      "mvn -pl conformance-suite -am verify -Dtest=RealSdkConformanceTest -Dsurefire.failIfNoSpecifiedTests=false "
          + "-Dconformance.livekit -Dconformance.resultsDoc=$PWD/docs/conformance-results.md";

  /** What a run alone cannot say about a client: causes read in its sources, with the evidence. */
  static final Map<String, String> NOTES = Map.of("livekit agents-plugin-google 1.9.0",
      "**Why the plugin ends its own session on 3.8 (close 1005) and reconnects** (cause read in the published "
          + "sources, effect observed here): `generateReply()` without instructions queues a `clientContent` with "
          + "an empty `turns` list on the models it gives no placeholder turn "
          + "(`MODELS_WITHOUT_REPLY_PLACEHOLDER = [\"3.1\", \"3.8\"]` in the plugin's "
          + "`dist/realtime/realtime_api.js`). `@google/genai` (2.32.0, what the plugin's `^2.13.0` range resolves "
          + "to) refuses an empty `turns` list in `Session.sendClientContent` before sending anything (`tContents` "
          + "throws \"contents are required\", rethrown as `Failed to parse client content \"turns\"`). The "
          + "plugin's send task catches it, marks the session for a restart and closes the socket without a "
          + "close code (the server sees 1005), then reconnects and replays its chat context, and the reply is "
          + "never produced. Nothing of it reaches the server, so the mock plays no part and the real service "
          + "sees the same. Fixed upstream after 1.9.0 by sending a bare `turnComplete: true` when there are no "
          + "turns: https://github.com/livekit/agents-js/pull/2506 (its reproduction on gemini-3.8-live with "
          + "1.9.0 logs the same error). The 3.8 verdicts that follow from it (`CONN-SESSION-SURVIVES`, the reply "
          + "and turn rules of `TEXT_TURN`, `INTERRUPT`) are findings about plugin 1.9.0.");

  @Test
  void everySdkIsMeasured() throws Exception {
    Path nodeDir = Path.of(System.getProperty("js.driver.dir", "src/test/node"));
    SuiteResult java = ConformanceRun.run(GoogleGenAiJavaDriver::new, Models.defaults(), line -> {});
    SuiteResult js = ConformanceRun.run(() -> new StdioDriver("node genai-js-driver.mjs", nodeDir),
        Models.defaults(), line -> {});
    SuiteResult js33 = ConformanceRun.run(() -> new StdioDriver("GENAI_PACKAGE=genai-330 node genai-js-driver.mjs",
        nodeDir), Models.defaults(), line -> {});
    List<SuiteResult> all = new java.util.ArrayList<>(List.of(java, js, js33));
    // Only with -Dconformance.livekit (the profile installs the plugin's packages).
    String livekit = System.getProperty("livekit.driver.dir");
    if (livekit != null && !livekit.isBlank()) {
      all.add(ConformanceRun.run(() -> new StdioDriver("node livekit-google-driver.mjs", Path.of(livekit)),
          Models.defaults(), line -> {}));
    }
    Reports.write(Path.of("target", "conformance-real-sdks"), all);

    String doc = System.getProperty("conformance.resultsDoc");
    if (doc != null && !doc.isBlank()) {
      // Paths of this checkout (in a driver's stack trace) say nothing about the client.
      String root = Path.of("").toAbsolutePath().getParent() + "/";
      Files.writeString(Path.of(doc), ResultsMarkdown.render(all, COMMAND, NOTES).replace(root, ""),
          StandardCharsets.UTF_8);
    }
    for (SuiteResult r : all) {
      // Really driven: the plain text turn came back whole (the bare SDKs on every model; the
      // LiveKit plugin sends text as clientContent, which 3.1 refuses, and on 3.8 its generateReply
      // fails in the SDK and it restarts its connection (NOTES): its drive is checked on 2.5).
      for (String model : Models.defaults()) {
        if (r.driver().startsWith("livekit") && Models.of(model) != Models.GEMINI_2_5) continue;
        assertThat(r.outcome("AUDIO-OUT-INTEGRITY", model).orElseThrow().verdict())
            .as(r.driver() + " surfaced the reply on " + model).isEqualTo(RuleVerdict.PASS);
      }
    }
  }
}
