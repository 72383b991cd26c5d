package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.geminilive.conformance.reference.Fault;
import dev.geminilive.conformance.reference.ReferenceClient;
import dev.geminilive.conformance.report.Reports;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.ConformanceRule;
import dev.geminilive.conformance.runner.ConformanceRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium and reads the DOM it rendered: the matrix, and a
 * failing case's diff. CI installs Chromium ({@code .ci/run}); without it the test is skipped
 * visibly.
 */
class HtmlReportInChromiumTest {
  @Test
  void reportShowsTheMatrixAndAFailingDiff(@TempDir Path dir) throws Exception {
    String chromium = chromium();
    assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    List<ConformanceRule<?>> rules = Catalogue.rules().stream().filter(r -> r.id().startsWith("AUDIO-IN-R")
        || r.id().startsWith("AUDIO-IN-B")).toList();
    SuiteResult good = ConformanceRun.run(ReferenceClient::new, List.of("gemini-3.1-flash-live-preview"), rules, l -> {});
    SuiteResult bad = ConformanceRun.run(() -> new ReferenceClient(Fault.MISLABELED_RATE),
        List.of("gemini-3.1-flash-live-preview"), rules, l -> {});
    Reports.write(dir, List.of(good, bad));

    Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        "--dump-dom", dir.resolve("index.html").toUri().toString())
        .redirectError(dir.resolve("chromium.log").toFile()).start();
    byte[] dom = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String html = new String(dom, StandardCharsets.UTF_8);

    assertThat(html).as("rendered DOM (chromium log: %s)", Files.readString(dir.resolve("chromium.log")))
        .contains("<table id=\"matrix\">");
    // The matrix: both clients as columns, the rate rule passing for one and failing for the other.
    assertThat(html).contains("reference-client<br>gemini-3.1-flash-live-preview")
        .contains("reference-client+MISLABELED_RATE<br>gemini-3.1-flash-live-preview")
        .containsPattern("<td class=\"rule\"[^>]*>AUDIO-IN-RATE</td><td>MUST</td><td class=\"PASS\">.*?"
            + "</td><td class=\"FAIL\"><a href=\"#reference-client_MISLABELED_RATE-AUDIO-IN-RATE-gemini-3.1-flash-live-preview\">FAIL</a>");
    // The failing case, open, with its expected/actual diff.
    assertThat(html).containsPattern("<details class=\"case FAIL-case\" id=\"reference-client_MISLABELED_RATE-AUDIO-IN-RATE"
        + "-gemini-3.1-flash-live-preview\" open=\"\">")
        .contains("- expected: a 1000 Hz tone at the declared rate")
        .containsPattern("\\+ actual: +\\d+ Hz read at the declared 24000 Hz");
  }

  static String chromium() throws IOException, InterruptedException {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + name).start();
      String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0 && !path.isEmpty()) return path;
    }
    return null;
  }
}
