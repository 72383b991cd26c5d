package dev.geminilive.mock.cli;

import dev.geminilive.mock.BuildInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The conventions every command line of the kit follows, in one place: the version comes from the
 * build, {@code --help} and {@code --version} work on every command, exit codes are distinct,
 * colour only on a terminal.
 */
public final class CommandLines {
  /** Everything went as asked (the server stopped normally, the files are valid, the client passed). */
  public static final int OK = 0;
  /** What was checked failed: invalid scenario files, a failed conformance rule, a server that could not listen. */
  public static final int CHECK_FAILED = 1;
  /** The command line is wrong: unknown option, bad value, missing folder. */
  public static final int USAGE = 2;
  /** An unexpected error, i.e. a bug: the stack trace is printed. */
  public static final int CRASH = 3;

  private CommandLines() {}

  /** A picocli command line for {@code command} (and its subcommands) with the kit's conventions. */
  public static CommandLine create(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setOverwrittenOptionsAllowed(true); // the last --port wins: the image's fixed options come first
    // Invalid input exits with picocli's default 2 (USAGE); exceptions go through the handler below.
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println(commandLine.getCommandName() + ": unexpected error (exit " + CRASH + "); please report it:");
      e.printStackTrace(err);
      err.flush();
      return CRASH;
    });
    cli.setColorScheme(Help.defaultColorScheme(colour()));
    versionEverywhere(cli);
    return cli;
  }

  /** Colour only for a person at a terminal; {@code NO_COLOR} (any value) turns it off. */
  static Ansi colour() {
    String noColor = System.getenv("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return Ansi.OFF;
    }
    return System.console() != null && !"dumb".equals(System.getenv("TERM")) ? Ansi.ON : Ansi.OFF;
  }

  private static void versionEverywhere(CommandLine cli) {
    CommandSpec spec = cli.getCommandSpec();
    if (spec.versionProvider() == null && spec.version().length == 0) {
      spec.versionProvider(new Version(cli.getCommandSpec().root().name()));
    }
    cli.setColorScheme(Help.defaultColorScheme(colour()));
    for (CommandLine sub : cli.getSubcommands().values()) {
      versionEverywhere(sub);
    }
  }

  /** {@code <tool> <version>} from the jar's build stamp, on the root and on every subcommand. */
  private record Version(String tool) implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {tool + " " + BuildInfo.version()};
    }
  }
}
