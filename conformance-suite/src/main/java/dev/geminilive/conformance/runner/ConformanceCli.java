package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.report.Reports;
import dev.geminilive.conformance.report.RulesMarkdown;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.ConformanceRule;
import dev.geminilive.conformance.rules.RuleVerdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code conformance run --driver ... --models ... --report DIR}; {@code conformance rules}.
 * Exit codes for CI gates: {@value #EXIT_OK} every MUST rule passed, {@value #EXIT_FAILED} a rule
 * FAILed (or a MUST was not reached), {@value #EXIT_USAGE} a usage error (an unknown option, rule
 * or model), {@value #EXIT_CRASHED} the suite or a driver crashed.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, versionProvider = ConformanceCli.Version.class,
    description = "Runs the Gemini Live client conformance suite against an in-process mock.",
    subcommands = {ConformanceCli.Run.class, ConformanceCli.Rules.class})
public final class ConformanceCli {
  public static final int EXIT_OK = 0;
  /** A required rule failed or was not reached (or a SHOULD rule, with --fail-on-non-strict). */
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_CRASHED = 3;

  public static void main(String[] args) {
    // The in-process mock logs every session end; the suite's own progress lines are what matter here.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), args);
  }

  /** As {@link #execute(String...)}, with the progress and summary lines written to {@code out}. */
  public static int execute(PrintWriter out, String... args) {
    return new CommandLine(new ConformanceCli()).setOut(out)
        .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_CRASHED)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("conformance: the suite or the driver crashed: " + e);
          return EXIT_CRASHED;
        })
        .execute(args);
  }

  /** The suite's version, from the jar's manifest (the build's version), or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ConformanceCli.class.getPackage().getImplementationVersion();
      return new String[] {"gemini-live-conformance " + (v == null ? "development" : v),
          Catalogue.rules().size() + " rules; default models " + String.join(", ", Models.defaults())};
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Runs the catalogue for one or more clients and writes JSON, JUnit XML and HTML reports. "
          + "Exit 0: every MUST rule passed; 1: a rule failed; 2: usage error; 3: the suite or a driver crashed.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--driver", required = true,
        description = "reference | reference:FAULT | class:<java class> | a command line starting a stdio driver "
            + "(e.g. 'node my-driver.mjs'). Repeat for several clients.")
    List<String> drivers;

    @Option(names = "--models", split = ",", description = "Model ids (default: ${DEFAULT-VALUE}).",
        defaultValue = "gemini-2.5-flash-native-audio-preview-12-2025,gemini-3.1-flash-live-preview,gemini-3.8-live")
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
      PrintWriter out = spec.commandLine().getOut();
      List<ConformanceRule<?>> rules = new ArrayList<>(Catalogue.rules());
      if (only != null) {
        for (String p : only) {
          if (Catalogue.rules().stream().noneMatch(r -> r.id().startsWith(p))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rules: no rule id is or starts with '"
                + p + "' (see `conformance rules`)");
          }
        }
        rules = rules.stream().filter(r -> only.stream().anyMatch(p -> r.id().startsWith(p))).toList();
      }
      for (String m : models) {
        if (!Models.known(m)) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--models: '" + m
              + "' is not a model of a family the suite knows (" + Models.describeFamilies() + ")");
        }
      }
      List<SuiteResult> results = new ArrayList<>();
      Path cwd = Path.of("").toAbsolutePath();
      for (String d : drivers) {
        DriverFactory factory;
        try {
          factory = DriverSpec.parse(d, cwd);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--driver: " + e.getMessage());
        }
        out.println("== " + d);
        out.flush();
        SuiteResult r = ConformanceRun.run(factory, models, rules, line -> {
          out.println(line);
          out.flush();
        });
        out.printf(Locale.ROOT, "== %s: %d PASS, %d FAIL, %d NON-STRICT, %d NOT-REACHED, %d UNSUPPORTED, "
                + "%d INFORMATIONAL in %.1f s%n",
            r.driver(), r.count(RuleVerdict.PASS), r.count(RuleVerdict.FAIL), r.count(RuleVerdict.NON_STRICT),
            r.count(RuleVerdict.NOT_REACHED), r.count(RuleVerdict.UNSUPPORTED), r.count(RuleVerdict.INFORMATIONAL), r.seconds());
        results.add(r);
      }
      for (Path p : Reports.write(report, results)) out.println("wrote " + p);
      out.flush();
      return results.stream().anyMatch(r -> r.failed(strict)) ? EXIT_FAILED : EXIT_OK;
    }
  }

  @Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Prints the rule catalogue as Markdown (docs/conformance-rules.md).")
  static final class Rules implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(RulesMarkdown.render());
      return 0;
    }
  }
}
