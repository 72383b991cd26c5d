package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.driver.StdioDriver;
import dev.geminilive.conformance.report.Reports;
import dev.geminilive.conformance.report.ResultsMarkdown;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Models;
import dev.geminilive.conformance.rules.Verdict;
import dev.geminilive.conformance.runner.ConformanceRun;
import dev.geminilive.conformance.sdk.GoogleGenAiJavaDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures the two real SDKs. Their verdicts are recorded, not asserted: a FAIL is a finding
 * about the SDK. What is asserted is that each was really driven (it connected and surfaced the
 * reply), so a broken driver cannot pass for a measurement. With
 * {@code -Dconformance.resultsDoc=PATH} the matrix is written as docs/conformance-results.md.
 */
class RealSdkConformanceTest {
  static final String COMMAND =
      "mvn -pl conformance-suite -am verify -Dtest=RealSdkConformanceTest -Dsurefire.failIfNoSpecifiedTests=false "
          + "-Dconformance.resultsDoc=$PWD/docs/conformance-results.md";

  @Test
  void bothSdksAreMeasured() throws Exception {
    Path nodeDir = Path.of(System.getProperty("js.driver.dir", "src/test/node"));
    SuiteResult java = ConformanceRun.run(GoogleGenAiJavaDriver::new, Models.defaults(), line -> {});
    SuiteResult js = ConformanceRun.run(() -> new StdioDriver("node genai-js-driver.mjs", nodeDir),
        Models.defaults(), line -> {});
    List<SuiteResult> both = List.of(java, js);
    Reports.write(Path.of("target", "conformance-real-sdks"), both);

    for (SuiteResult r : both) {
      // Really driven: the plain text turn came back whole on both models.
      for (String model : Models.defaults()) {
        assertThat(r.outcome("AUDIO-OUT-INTEGRITY", model).orElseThrow().verdict())
            .as(r.driver() + " surfaced the reply on " + model).isEqualTo(Verdict.PASS);
      }
    }
    String doc = System.getProperty("conformance.resultsDoc");
    if (doc != null && !doc.isBlank()) {
      Files.writeString(Path.of(doc), ResultsMarkdown.render(both, COMMAND), StandardCharsets.UTF_8);
    }
  }
}
