package dev.geminilive.mock.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar gemini-live-mock.jar <command>}: the one entry point of the runnable jar. */
@Command(
    name = "gemini-live-mock",
    mixinStandardHelpOptions = true,
    description = "A mock of the Gemini Live API (BidiGenerateContent) for offline development and tests.",
    subcommands = {ServeCommand.class, RecordCommand.class, DriftCommand.class, ValidateCommand.class, ExportCertCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  gemini-live-mock serve                start on http://127.0.0.1:9125",
      "  gemini-live-mock serve --tls          https/wss (the Java SDK needs it)",
      "  gemini-live-mock serve --stubs mocks  REST stubs: mocks/mappings/*.json",
      "  gemini-live-mock validate scenarios   check scenario files (file:line:column)",
      "  gemini-live-mock record --upstream https://generativelanguage.googleapis.com --out rec",
      "                                        record real sessions as scenarios",
      "  gemini-live-mock drift --upstream URL --key-env GEMINI_API_KEY --dry-run",
      "                                        compare the profiles with the real service",
      "  gemini-live-mock export-cert certs    a certificate to trust",
      "  gemini-live-mock help serve           every option of serve",
      "Exit codes: 0 success; 1 what was checked failed (invalid scenarios, could not listen);",
      "2 bad command line; 3 unexpected error (a bug: please report it).",
      "Environment: GEMINI_LIVE_MOCK_OPTIONS is appended to the options of serve",
      "(e.g. GEMINI_LIVE_MOCK_OPTIONS='--time-scale 0 --tls'); NO_COLOR turns colour off."
    })
public final class MockServerCli {
  /** Extra {@code serve} options from the environment (the container image's way to configure). */
  public static final String OPTIONS_ENV = "GEMINI_LIVE_MOCK_OPTIONS";

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (used by tests; main exits with it). */
  public static int run(String... args) {
    return runWithEnv(System.getenv(OPTIONS_ENV), args);
  }

  /**
   * As {@link #run(String...)}, with {@code envOptions} (the value of {@value #OPTIONS_ENV})
   * appended to a {@code serve} command line, as WireMock's image appends {@code WIREMOCK_OPTIONS}:
   * options given later win, so the variable overrides the image's defaults.
   */
  static int runWithEnv(String envOptions, String... args) {
    return CommandLines.create(new MockServerCli()).execute(withEnvOptions(envOptions, args));
  }

  static String[] withEnvOptions(String envOptions, String... args) {
    if (envOptions == null || envOptions.isBlank() || args.length == 0 || !args[0].equals("serve")) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(envOptions.trim().split("\\s+")));
    return all.toArray(String[]::new);
  }
}
