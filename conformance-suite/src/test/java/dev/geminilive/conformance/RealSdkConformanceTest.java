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
      Files.writeString(Path.of(doc), ResultsMarkdown.render(all, COMMAND), StandardCharsets.UTF_8);
    }
    for (SuiteResult r : all) {
      // Really driven: the plain text turn came back whole (the bare SDKs on every model; the
      // LiveKit plugin sends text as clientContent, which 3.1 refuses, and on 3.8 it restarts its
      // connection after the first clientContent: its drive is checked on 2.5).
      for (String model : Models.defaults()) {
        if (r.driver().startsWith("livekit") && Models.of(model) != Models.GEMINI_2_5) continue;
        assertThat(r.outcome("AUDIO-OUT-INTEGRITY", model).orElseThrow().verdict())
            .as(r.driver() + " surfaced the reply on " + model).isEqualTo(RuleVerdict.PASS);
      }
    }
  }
}
