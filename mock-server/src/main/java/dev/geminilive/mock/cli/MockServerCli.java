package dev.geminilive.mock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar gemini-live-mock.jar <command>}: the one entry point of the runnable jar. */
@Command(
    name = "gemini-live-mock",
    mixinStandardHelpOptions = true,
    version = "gemini-live-mock 0.1.0",
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
      "Exit codes: 0 success, 1 failure, 2 bad command line."
    })
public final class MockServerCli {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (used by tests; main exits with it). */
  public static int run(String... args) {
    return new CommandLine(new MockServerCli()).execute(args);
  }
}
