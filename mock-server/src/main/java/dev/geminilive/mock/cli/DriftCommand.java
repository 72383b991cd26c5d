package dev.geminilive.mock.cli;

import dev.geminilive.mock.drift.DriftCheck;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.ProfileException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drift}: checks the model profiles against the real service. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a bounded set of probes (one short session per behaviour the model profiles assert)",
      "against the upstream and against the mock's profile for the same model, and prints a table:",
      "behaviour, what the profile predicts, what the upstream did, agree or not. Says first how",
      "many sessions and about how much audio it will spend. Keeps each probe's exchange as a file.",
      "Exit codes: 0 all agree (or --dry-run), 1 a disagreement, 2 bad options."
    },
    footer = {
      "",
      "Example:",
      "  GEMINI_API_KEY=... gemini-live-mock drift --upstream https://generativelanguage.googleapis.com \\",
      "      --key-env GEMINI_API_KEY --models gemini-3.1-flash-live-preview"
    })
final class DriftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--upstream", required = true, paramLabel = "URL", description = "The real service, e.g. https://generativelanguage.googleapis.com (Developer API).")
  URI upstream;

  @Option(names = "--key-env", paramLabel = "VAR", description = "Environment variable holding the API key (the key itself is never printed or saved). Required unless --dry-run.")
  String keyEnv;

  @Option(names = "--models", split = ",", paramLabel = "MODEL", description = "Models to probe. Default: the first model of each Developer API profile.")
  List<String> models = List.of();

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the exchanges and report.md. Default: drift-<UTC time>.")
  Path out;

  @Option(names = "--dry-run", description = "Print the plan and the cost, send nothing.")
  boolean dryRun;

  @Option(names = "--timeout-ms", defaultValue = "15000", description = "How long a probe waits for an answer. Default: ${DEFAULT-VALUE}.")
  long timeoutMs;

  @Option(names = "--upstream-ca", paramLabel = "PEM", description = "Trust these certificates for a wss upstream instead of the JVM's trust store.")
  Path upstreamCa;

  @Option(names = "--profiles", paramLabel = "DIR", description = "Compare against these profiles too (as serve --profiles).")
  Path profilesDir;

  @Override
  public Integer call() throws Exception {
    String key = null;
    if (!dryRun) {
      if (keyEnv == null) {
        spec.commandLine().getErr().println("--key-env VAR is required (the environment variable that holds the API key).");
        return CommandLines.USAGE;
      }
      key = System.getenv(keyEnv);
      if (key == null || key.isBlank()) {
        spec.commandLine().getErr().println("Environment variable " + keyEnv + " is not set.");
        return CommandLines.USAGE;
      }
    }
    if (upstream.getScheme() == null || upstream.getHost() == null || upstream.getRawQuery() != null) {
      spec.commandLine().getErr().println("--upstream " + upstream + ": give a URL such as https://host, without a query.");
      return CommandLines.USAGE;
    }
    ProfileCatalog profiles;
    try {
      profiles = profilesDir == null ? ProfileCatalog.bundled() : ProfileCatalog.withDirectory(profilesDir);
    } catch (ProfileException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return CommandLines.USAGE;
    }
    Path folder = out != null ? out : Path.of("drift-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
        .withZone(ZoneOffset.UTC).format(Instant.now()));
    return DriftCheck.run(new DriftCheck.Options(upstream, key, models, folder, dryRun, timeoutMs, upstreamCa, profiles),
        spec.commandLine().getOut());
  }
}
