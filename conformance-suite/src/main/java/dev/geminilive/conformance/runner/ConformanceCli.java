package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.report.Reports;
import dev.geminilive.conformance.report.RulesMarkdown;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Rule;
import dev.geminilive.mock.cli.CommandLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code conformance run --driver ... --models ... --report DIR}; {@code conformance rules}. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = "Runs the Gemini Live client conformance suite against an in-process mock.",
    footer = {"", "Exit codes: 0 every rule passed; 1 a rule failed; 2 bad command line; 3 unexpected error."},
    subcommands = {ConformanceCli.Run.class, ConformanceCli.Rules.class})
public final class ConformanceCli {
  /** Exit code when a required rule failed (or a SHOULD rule, with --fail-on-non-strict). */
  public static final int EXIT_FAILED = 1;

  public static void main(String[] args) {
    // The in-process mock logs every session end; the suite's own progress lines are what matter here.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    // The kit's conventions: version from the build, distinct exit codes (3 = unexpected error), colour on a terminal only.
    return CommandLines.create(new ConformanceCli()).execute(args);
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Runs the catalogue for one or more clients and writes JSON, JUnit XML and HTML reports.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--driver", required = true,
        description = "reference | reference:FAULT | class:<java class> | a command line starting a stdio driver "
            + "(e.g. 'node my-driver.mjs'). Repeat for several clients.")
    List<String> drivers;

    @Option(names = "--models", split = ",", description = "Model ids (default: ${DEFAULT-VALUE}).",
        defaultValue = "gemini-2.5-flash-native-audio-preview-12-2025,gemini-3.1-flash-live-preview")
    List<String> models;

    @Option(names = "--report", description = "Directory for the reports (default: ${DEFAULT-VALUE}).",
        defaultValue = "conformance-report")
    Path report;

    @Option(names = "--rules", split = ",", description = "Only these rule ids, or id prefixes (e.g. AUDIO-IN).")
    List<String> only;

    @Option(names = "--fail-on-non-strict", description = "Exit non-zero on NON-STRICT verdicts too.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
      List<Rule> rules = Catalogue.rules().stream()
          .filter(r -> only == null || only.stream().anyMatch(p -> r.id().startsWith(p))).toList();
      List<SuiteResult> results = new ArrayList<>();
      Path cwd = Path.of("").toAbsolutePath();
      for (String d : drivers) {
        System.out.println("== " + d);
        SuiteResult r = ConformanceRun.run(DriverSpec.parse(d, cwd), models, rules, System.out::println);
        System.out.printf("== %s: %d PASS, %d FAIL, %d NON-STRICT, %d UNSUPPORTED, %d INFORMATIONAL in %.1f s%n",
            r.driver(), r.count(dev.geminilive.conformance.rules.Verdict.PASS),
            r.count(dev.geminilive.conformance.rules.Verdict.FAIL),
            r.count(dev.geminilive.conformance.rules.Verdict.NON_STRICT),
            r.count(dev.geminilive.conformance.rules.Verdict.UNSUPPORTED),
            r.count(dev.geminilive.conformance.rules.Verdict.INFORMATIONAL), r.seconds());
        results.add(r);
      }
      for (Path p : Reports.write(report, results)) System.out.println("wrote " + p);
      return results.stream().anyMatch(r -> r.failed(strict)) ? EXIT_FAILED : 0;
    }
  }

  @Command(name = "rules", mixinStandardHelpOptions = true,
      description = "Prints the rule catalogue as Markdown (docs/conformance-rules.md).")
  static final class Rules implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(RulesMarkdown.render());
      return 0;
    }
  }
}
