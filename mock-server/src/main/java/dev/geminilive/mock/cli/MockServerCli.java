package dev.geminilive.mock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar gemini-live-mock.jar <command>}: the one entry point of the runnable jar. */
@Command(
    name = "gemini-live-mock",
    mixinStandardHelpOptions = true,
    version = "gemini-live-mock 0.1.0",
    description = "A mock of the Gemini Live API (BidiGenerateContent) for offline development and tests.",
    subcommands = {ServeCommand.class, ValidateCommand.class, ExportCertCommand.class, CommandLine.HelpCommand.class})
public final class MockServerCli {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (used by tests; main exits with it). */
  public static int run(String... args) {
    return new CommandLine(new MockServerCli()).execute(args);
  }
}
