package dev.geminilive.mock.cli;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.MockStartException;
import dev.geminilive.mock.profile.ProfileException;
import dev.geminilive.mock.record.RecorderOptions;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.security.AdminSecurity;
import dev.geminilive.mock.timing.TimingMode;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.ServerLimits;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the mock until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the mock and prints the base URL to give an SDK (httpOptions.baseUrl).",
      "With no scenario the default persona answers every user turn with a short",
      "spoken reply. Each session is logged in one line when it ends.",
      "The same port also serves REST:",
      "  POST /{v1,v1beta,v1alpha}/auth_tokens",
      "                             ephemeral tokens for ...BidiGenerateContentConstrained",
      "  POST /token                OAuth2 tokens for Vertex AI service-account key files",
      "  anything else              your WireMock stubs (--stubs DIR)",
      "Stops on Ctrl-C.",
      "Exit codes: 0 stopped, 1 could not start (e.g. port in use), 2 bad options, 3 unexpected error.",
      "Options in $GEMINI_LIVE_MOCK_OPTIONS are appended (the last of a repeated option wins)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "9125", description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE} (loopback only).")
  String host;

  @Option(names = "--tls", description = "Serve wss/https with a self-signed certificate made at start (needed by the google-genai Java SDK, which always uses wss).")
  boolean tls;

  @Option(names = "--tls-cert", description = "PEM certificate to serve instead of a self-signed one (implies --tls).")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-host", paramLabel = "NAME", description = "Also make the self-signed certificate valid for this host name or address (repeatable); localhost, 127.0.0.1 and ::1 always are.")
  List<String> tlsHosts = new ArrayList<>();

  @Option(names = "--export-cert", paramLabel = "DIR", description = "Write the certificate as DIR/mock-cert.pem and a PKCS#12 trust store DIR/mock-truststore.p12 (password 'changeit').")
  Path exportDir;

  @Option(names = "--url-file", paramLabel = "FILE", description = "Once listening, write the base URL to FILE (for scripts using --port 0, and the container's health check).")
  Path urlFile;

  @Option(names = "--text-frames", description = "Send server messages as text frames (the real service sends binary).")
  boolean textFrames;

  @Option(names = "--require-key", paramLabel = "KEY", description = "Accept only this API key / token; a wrong or missing one is refused as the real service refuses it.")
  String requireKey;

  @Option(names = "--scenarios", paramLabel = "DIR", description = "Scenario folder: a session picks one by URL prefix (<base>/<id>/ws/...), API key value, or POST /__admin/scenarios/{id}/queue. Changed files are reloaded for new sessions. Default: $GEMINI_LIVE_MOCK_SCENARIOS, else ./scenarios when it exists.")
  Path scenarios;

  @Option(names = "--no-scenarios", description = "Serve only the default persona.")
  boolean noScenarios;

  @Option(names = "--reload-ms", defaultValue = "1000", description = "How often the scenario folder is checked for changes. Default: ${DEFAULT-VALUE}.")
  long reloadMillis;

  @Option(names = "--stubs", paramLabel = "DIR", description = "WireMock folder (DIR/mappings/*.json, DIR/__files/) answering every non-Live HTTP request on the same port.")
  Path stubsDir;

  @Option(names = "--time-scale", defaultValue = "1.0", description = "Multiply server-side delays (audio pacing, connection lifetime, session limits, goAway); 0.01 turns a 10-minute lifetime into 6 s; 0 = no waiting and no lifetime limits. Default: ${DEFAULT-VALUE}.")
  double timeScale;

  @Option(names = "--timing", defaultValue = "realistic", paramLabel = "fast|realistic", description = "realistic: replies take as long as the model family's timing profile says (time to first audio, chunk cadence, transcription lag, end-of-speech silence; docs/timing.md); fast: no added delays (what CI wants). Default: ${DEFAULT-VALUE}.")
  String timingMode;

  @Option(names = "--timing-seed", paramLabel = "N", description = "Seed of the realistic timing draws; the same seed and order of sessions give the same schedule. Default: a new seed each start, shown in each session's journal.")
  Long timingSeed;

  @Option(names = "--profiles", paramLabel = "DIR", description = "Also load model-family profiles from DIR/*.yaml (searched before the bundled ones; same family name replaces a bundled one). See docs/model-profiles.md.")
  Path profilesDir;

  @Option(names = "--max-frame-bytes", defaultValue = "16777216", description = "Largest client message, after reassembly of fragments; a bigger one is closed with 1009. Default: ${DEFAULT-VALUE}.")
  int maxFrameBytes;

  @Option(names = "--max-sessions", defaultValue = "10000", description = "Live sessions at once; one more is closed with 1013. Default: ${DEFAULT-VALUE}.")
  int maxSessions;

  @Option(names = "--handshake-timeout-ms", defaultValue = "10000", description = "Time to send a complete HTTP request after connecting; then HTTP 408. Default: ${DEFAULT-VALUE}.")
  long handshakeTimeoutMs;

  @Option(names = "--setup-timeout-ms", defaultValue = "30000", description = "Time to send setup after the upgrade; then close 1008. Default: ${DEFAULT-VALUE}.")
  long setupTimeoutMs;

  @Option(names = "--idle-timeout-ms", defaultValue = "600000", description = "Time without a frame from the client; then close 1008; 0 disables. Default: ${DEFAULT-VALUE}.")
  long idleTimeoutMs;

  @Option(names = "--max-backlog-bytes", defaultValue = "1048576", description = "Bytes queued for a client that does not read before its session is closed with 1008. Default: ${DEFAULT-VALUE}.")
  int maxBacklogBytes;

  @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Every /__admin/ route except /__admin/health then requires 'Authorization: Bearer TOKEN' (or basic auth with TOKEN as the password). Prefer $" + AdminSecurity.TOKEN_ENV + " or --admin-token-file: a command line is visible to every user of the machine.")
  String adminToken;

  @Option(names = "--admin-token-file", paramLabel = "FILE", description = "Read the admin token from FILE (e.g. a Docker secret); surrounding whitespace is ignored.")
  Path adminTokenFile;

  @Option(names = "--no-admin", description = "Turn the admin API off: every /__admin/ route except /__admin/health answers 404.")
  boolean noAdmin;

  @Option(names = "--admin-require-tls", description = "Serve the admin API over TLS only; refuses to start without --tls.")
  boolean adminRequireTls;

  @Option(names = "--admin-open-to-network", description = "Without an admin token, answer admin requests from other machines too (by default, a mock bound to a network address answers them from this machine only).")
  boolean adminOpenToNetwork;

  @Option(names = "--record-upstream", paramLabel = "URL", description = "Record mode: pass every Live session on to this upstream (the real service) with the client's own credential and write each as a scenario into --record-out (see the record command). REST and admin stay local.")
  String recordUpstream;

  @Option(names = "--record-out", paramLabel = "DIR", description = "Folder for recordings (with --record-upstream).")
  Path recordOut;

  @Option(names = "--record-vertex-upstream", paramLabel = "URL", description = "Where recorded Vertex AI sessions go. Default: --record-upstream.")
  String recordVertexUpstream;

  @Option(names = "--record-upstream-ca", paramLabel = "PEM", description = "Trust these certificates for a wss upstream instead of the JVM's trust store.")
  Path recordUpstreamCa;

  @picocli.CommandLine.Mixin
  NetworkOptions network = new NetworkOptions();

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if ((tlsCert == null) != (tlsKey == null)) {
      err.println("--tls-cert and --tls-key go together.");
      return CommandLines.USAGE;
    }
    RecorderOptions recording = null;
    if (recordUpstream != null || recordOut != null) {
      if (recordUpstream == null || recordOut == null) {
        err.println("--record-upstream and --record-out go together.");
        return CommandLines.USAGE;
      }
      try {
        recording = RecordOptionsReader.read(recordUpstream, recordVertexUpstream, recordOut, recordUpstreamCa,
            10_000, 30_000);
      } catch (RecordOptionsReader.BadOption e) {
        err.println(e.getMessage());
        return CommandLines.USAGE;
      }
    }
    GeminiLiveMockServer server;
    try {
      GeminiLiveMockOptions options = options().record(recording);
      if (exportDir != null && options.tlsEnabled()) {
        // Written before listening, so whoever waits for the server finds the certificate in place.
        TlsMaterial material = options.tlsMaterial().orElseGet(() -> tlsCert != null
            ? readPem() : TlsMaterial.selfSigned(options.tlsHostnames()));
        options.tls(material);
        Files.createDirectories(exportDir);
        material.writeCertificatePem(exportDir.resolve("mock-cert.pem"));
        material.writeTrustStore(exportDir.resolve("mock-truststore.p12"));
        out.println("Certificate written to " + exportDir.resolve("mock-cert.pem")
            + " and " + exportDir.resolve("mock-truststore.p12"));
      }
      server = new GeminiLiveMockServer(options);
      server.start();
    } catch (IllegalArgumentException | ProfileException e) {
      err.println(e.getMessage());
      return CommandLines.USAGE;
    } catch (MockStartException e) {
      err.println(e.getMessage());
      return CommandLines.CHECK_FAILED;
    }
    if (urlFile != null) {
      writeUrlFile(server.baseUrl(), err);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "shutdown"));
    long millis = (System.nanoTime() - started) / 1_000_000;
    printBanner(out, server, millis);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Embedded use (tests): an interrupt stops this server; the process may go on.
      server.stop();
      Thread.currentThread().interrupt();
    }
    return CommandLines.OK;
  }

  /** The command line as front-door options; checks that need the file system wait for start. */
  GeminiLiveMockOptions options() {
    GeminiLiveMockOptions options = GeminiLiveMockOptions.options()
        .host(host)
        .port(port)
        .textFrames(textFrames)
        .requiredKey(requireKey)
        .timeScale(timeScale)
        .timing(TimingMode.parse(timingMode))
        .maxFrameBytes(maxFrameBytes)
        .limits(new ServerLimits(maxSessions, handshakeTimeoutMs, setupTimeoutMs, idleTimeoutMs, maxBacklogBytes))
        .profilesDir(profilesDir)
        .stubs(stubsDir)
        .scenarios(noScenarios ? null : scenarioFolder())
        .scenarioReloadMillis(reloadMillis)
        .admin(adminSecurity())
        .network(network.conditions());
    if (tlsCert != null) {
      options.tlsPem(tlsCert, tlsKey);
    } else if (tls) {
      options.tls(true);
    }
    options.tlsHostnames(tlsHosts.toArray(String[]::new));
    if (timingSeed != null) {
      options.timingSeed(timingSeed);
    }
    return options;
  }

  /** Where the admin token came from, for the banner (never the token itself). */
  private String tokenSource;

  /**
   * The admin settings; the token from --admin-token, else --admin-token-file, else the
   * environment. An error message names the problem, never the token.
   */
  private AdminSecurity adminSecurity() {
    String token = adminToken;
    tokenSource = "--admin-token";
    if (token == null && adminTokenFile != null) {
      try {
        token = Files.readString(adminTokenFile).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--admin-token-file " + adminTokenFile + ": cannot read it ("
            + e.getClass().getSimpleName() + ")", e);
      }
      tokenSource = "--admin-token-file";
    }
    if (token == null) {
      String env = System.getenv(AdminSecurity.TOKEN_ENV);
      token = env == null || env.isBlank() ? null : env.strip();
      tokenSource = "$" + AdminSecurity.TOKEN_ENV;
    }
    try {
      return new AdminSecurity(!noAdmin, token, adminRequireTls, adminOpenToNetwork);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Admin token from " + tokenSource + ": " + e.getMessage());
    }
  }

  /**
   * Writes the base URL for probes and scripts. A file system that cannot take it (a read-only
   * root without a /tmp volume) costs only the probe its exact URL, so the server keeps running.
   */
  private void writeUrlFile(String baseUrl, PrintWriter err) {
    try {
      Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
      Files.writeString(tmp, baseUrl + "\n");
      // Readers never see a half-written file.
      Files.move(tmp, urlFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      err.println("warning: cannot write --url-file " + urlFile + ": " + e);
      err.flush();
    }
  }

  private TlsMaterial readPem() {
    try {
      return TlsMaterial.fromPem(tlsCert, tlsKey);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read --tls-cert " + tlsCert + " / --tls-key " + tlsKey + ": "
          + e.getMessage(), e);
    }
  }

  private void printBanner(PrintWriter out, GeminiLiveMockServer server, long millis) {
    out.printf("Gemini Live mock listening on %s (started in %d ms)%n", server.baseUrl(), millis);
    out.printf("  base URL for SDKs:  %s%n", server.baseUrl());
    out.printf("  Live endpoint:      %s/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent%n",
        server.baseUrl().replaceFirst("^http", "ws"));
    printAdmin(out, server.baseUrl(), server.config().admin(), tokenSource, server.tlsMaterial().isPresent());
    if (server.config().admin().enabled()) {
      out.printf("  dashboard:          %s%n", server.dashboardUrl());
    }
    var session = server.config().session();
    out.printf("  timing:             %s, seed %d%s%n", session.timing().label(), session.timingSeed(),
        session.realistic() ? " (per-family delays, docs/timing.md; --timing fast for none)" : " (no added delays)");
    out.printf("  model families:     %s%n", String.join(", ",
        server.profiles().profiles().stream().map(p -> p.family()).toList()));
    if (server.scenarioLibrary().filter(ScenarioLibrary::hasFolder).isPresent()) {
      ScenarioLibrary library = server.scenarioLibrary().get();
      ScenarioLibrary.Snapshot snap = library.snapshot();
      out.printf("  scenarios:          %d from %s (select with %s/<id>); %d problem(s)%n",
          snap.scenarios().size(), library.root(), server.baseUrl(),
          snap.problems().stream().filter(ScenarioProblem::error).count());
      for (ScenarioProblem p : snap.problems()) {
        out.println("    " + p);
      }
    } else {
      out.println("  scenarios:          none yet (default persona; add some with POST /__admin/scenarios)");
    }
    server.recorder().ifPresent(r -> out.printf(
        "  RECORDING:          every Live session goes to %s; scenarios written to %s%n",
        r.options().upstream(), r.options().out()));
    if (!server.options().network().none()) {
      out.printf("  network:            %s (every new session; change with /__admin/network)%n",
          server.options().network().describe());
    }
    out.printf("  REST stubs:         %s%n", stubsDir == null ? "none (--stubs DIR to add)" : stubsDir.resolve("mappings"));
    out.flush();
  }

  /** Says who can reach the admin API; loudly when anyone on the network can. */
  private void printAdmin(PrintWriter out, String baseUrl, AdminSecurity admin, String tokenSource, boolean tls) {
    if (!admin.enabled()) {
      out.println("  admin API:          off (--no-admin); " + baseUrl + "/__admin/health still answers");
      return;
    }
    boolean loopback = isLoopback(host);
    if (admin.token() != null) {
      out.printf("  admin API:          %s/__admin/sessions (token from %s required:"
          + " 'Authorization: Bearer <token>')%n", baseUrl, tokenSource);
      if (!loopback && !tls) {
        spec.commandLine().getErr().println("WARNING: the admin token crosses the network in clear text;"
            + " add --tls (and --admin-require-tls) on a shared network.");
      }
    } else if (loopback) {
      out.printf("  admin API:          %s/__admin/sessions (no token; this machine only)%n", baseUrl);
    } else if (admin.openToNetwork()) {
      out.printf("  admin API:          %s/__admin/sessions (no token, OPEN TO THE NETWORK)%n", baseUrl);
      spec.commandLine().getErr().println("WARNING: --admin-open-to-network with no admin token: anyone who can"
          + " reach " + host + ":" + port + " can read every session's journal and change REST stubs."
          + " Set " + AdminSecurity.TOKEN_ENV + " instead.");
    } else {
      out.printf("  admin API:          %s/__admin/sessions (no token: answers clients on this machine only;"
          + " set %s to use it over the network)%n", baseUrl, AdminSecurity.TOKEN_ENV);
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private Path scenarioFolder() {
    if (scenarios != null) {
      return scenarios;
    }
    String env = System.getenv("GEMINI_LIVE_MOCK_SCENARIOS");
    if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
      return Path.of(env);
    }
    Path local = Path.of("scenarios");
    return Files.isDirectory(local) ? local : null;
  }
}
