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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's pictures, rendered by headless Chromium: a client that drops every eighth input
 * chunk shows a decoded input lane shorter than the signal the suite fed it, and a client that
 * loses a model audio chunk shows a playback lane shorter than what the mock sent. The report
 * stays one file (no external references). Screenshot: {@code target/report-screenshots/}.
 */
class ReportPicturesInChromiumTest {
  private static final String MODEL = "gemini-3.1-flash-live-preview";

  @Test
  void failingCasesShowWhereTheSignalWasCut(@TempDir Path dir) throws Exception {
    String chromium = HtmlReportInChromiumTest.chromium();
    assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    SuiteResult droppedInput = ConformanceRun.run(() -> new ReferenceClient(Fault.DROP_CHUNK), List.of(MODEL),
        rules("AUDIO-IN-CONTINUITY"), l -> {});
    SuiteResult droppedOutput = ConformanceRun.run(() -> new ReferenceClient(Fault.DROP_OUTPUT_CHUNK), List.of(MODEL),
        rules("AUDIO-OUT-INTEGRITY"), l -> {});
    SuiteResult keepsPlaying = ConformanceRun.run(() -> new ReferenceClient(Fault.IGNORES_INTERRUPTED), List.of(MODEL),
        rules("AUDIO-OUT-INTERRUPTED"), l -> {});
    Reports.write(dir, List.of(droppedInput, droppedOutput, keepsPlaying));
    Path report = dir.resolve("index.html");
    Path artifacts = Files.createDirectories(Path.of("target", "report-screenshots"));
    Files.copy(report, artifacts.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String source = Files.readString(report);
    assertThat(source).doesNotContain("src=\"http", "href=\"http", "<script");

    String dom = render(chromium, dir, report);
    String input = failingCase(dom, "AUDIO-IN-CONTINUITY");
    // The fed tone and the decoded input, bucket by bucket: an eighth of the chunks is missing.
    double fed = drawnWidth(input, "fed");
    double sent = drawnWidth(input, "client");
    assertThat(fed).isPositive();
    assertThat(sent).isLessThan(fed).isGreaterThan(fed / 2);

    String output = failingCase(dom, "AUDIO-OUT-INTEGRITY");
    double model = drawnWidth(output, "model");
    double played = drawnWidth(output, "handed");
    assertThat(played).isPositive().isLessThan(model);
    assertThat(output).contains("data-type=\"turn-complete\"");

    // A client that ignores interrupted: its reported playback runs on past the interruption.
    String interrupted = failingCase(dom, "AUDIO-OUT-INTERRUPTED");
    Matcher svg = Pattern.compile("data-from-ms=\"([0-9.]+)\" data-to-ms=\"([0-9.]+)\" data-plot-x=\"([0-9.]+)\""
        + " data-plot-width=\"([0-9.]+)\"").matcher(interrupted);
    assertThat(svg.find()).isTrue();
    Matcher mark = Pattern.compile("data-type=\"interrupted\" data-lane=\"model\" data-at-ms=\"([0-9.]+)\"")
        .matcher(interrupted);
    assertThat(mark.find()).as("an interrupted mark").isTrue();
    double from = Double.parseDouble(svg.group(1));
    double to = Double.parseDouble(svg.group(2));
    double x = Double.parseDouble(svg.group(3))
        + (Double.parseDouble(mark.group(1)) - from) / (to - from) * Double.parseDouble(svg.group(4));
    assertThat(rightEdge(interrupted, "played")).isGreaterThan(x + 5);

    Path shot = artifacts.resolve("report-pictures.png");
    Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile-shot"), "--window-size=1200,2400",
        "--screenshot=" + shot.toAbsolutePath(), report.toUri().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium-shot.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(shot).isNotEmptyFile();
  }

  private static List<ConformanceRule<?>> rules(String id) {
    return Catalogue.rules().stream().filter(r -> r.id().equals(id)).toList();
  }

  private static String render(String chromium, Path dir, Path report) throws Exception {
    Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", report.toUri().toString())
        .redirectError(dir.resolve("chromium.log").toFile()).start();
    byte[] dom = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(dom, StandardCharsets.UTF_8);
  }

  /** The rendered {@code <details>} of the failing case of {@code rule}, with its picture. */
  private static String failingCase(String dom, String rule) {
    Matcher m = Pattern.compile("<details class=\"case FAIL-case\" id=\"[^\"]*" + rule + "[^\"]*\"[^>]*>(.*?)</details>",
        Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("a failing case for %s in the rendered report", rule).isTrue();
    assertThat(m.group(1)).contains("<svg", "class=\"timeline\"");
    return m.group(1);
  }

  /** The right end of a lane's waveform, in pixels. */
  private static double rightEdge(String c, String lane) {
    Matcher m = Pattern.compile("<g class=\"wave\" data-lane=\"" + lane + "\">.*?<path [^>]*d=\"([^\"]*)\"",
        Pattern.DOTALL).matcher(c);
    assertThat(m.find()).as("a %s waveform", lane).isTrue();
    Matcher h = Pattern.compile("M([-0-9.]+) [-0-9.]+h([0-9.]+)").matcher(m.group(1));
    double edge = 0;
    while (h.find()) {
      edge = Math.max(edge, Double.parseDouble(h.group(1)) + Double.parseDouble(h.group(2)));
    }
    return edge;
  }

  /** How much of the time axis a lane's waveform covers: the sum of its buckets' widths. */
  private static double drawnWidth(String c, String lane) {
    Matcher m = Pattern.compile("<g class=\"wave\" data-lane=\"" + lane + "\">.*?<path [^>]*d=\"([^\"]*)\"",
        Pattern.DOTALL).matcher(c);
    assertThat(m.find()).as("a %s waveform", lane).isTrue();
    Matcher h = Pattern.compile("z?M[-0-9.]+ [-0-9.]+h([0-9.]+)").matcher(m.group(1));
    double width = 0;
    while (h.find()) {
      width += Double.parseDouble(h.group(1));
    }
    return width;
  }
}
