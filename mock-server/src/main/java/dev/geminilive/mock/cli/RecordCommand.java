package dev.geminilive.mock.cli;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.MockStartException;
import dev.geminilive.mock.record.RecorderOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code record}: a recording proxy in front of the real service. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Listens like serve, but passes every Live session on to the upstream (the real service)",
      "with the client's own API key or token, passes the upstream's answers back unchanged, and",
      "writes each session as a scenario file (plus WAV clips) into --out. Replay them with",
      "serve --scenarios DIR. Keys and tokens are never written to a recording or a log.",
      "Stops on Ctrl-C; sessions still open are written, marked incomplete.",
      "Exit codes: 0 stopped, 1 could not start, 2 bad options."
    },
    footer = {
      "",
      "Example:",
      "  gemini-live-mock record --upstream https://generativelanguage.googleapis.com --out recordings",
      "  # then give the SDK the base URL http://127.0.0.1:9125 and your real API key"
    })
final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--upstream", required = true, paramLabel = "URL", description = "The real service (or another mock): https://host, wss://host:port, http://host:port.")
  String upstream;

  @Option(names = "--vertex-upstream", paramLabel = "URL", description = "Where Vertex AI sessions go (e.g. https://us-central1-aiplatform.googleapis.com). Default: --upstream.")
  String vertexUpstream;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the recordings (created if missing).")
  Path out;

  @Option(names = "--upstream-ca", paramLabel = "PEM", description = "Trust these certificates for a wss upstream instead of the JVM's trust store (e.g. another mock's export-cert).")
  Path upstreamCa;

  @Option(names = "--connect-timeout-ms", defaultValue = "10000", description = "Time to open the upstream; then the client is closed with 1011. Default: ${DEFAULT-VALUE}.")
  long connectTimeoutMs;

  @Option(names = "--stall-timeout-ms", defaultValue = "30000", description = "Silence from the upstream after a client message that needs an answer; then the client is closed with 1011; 0 waits forever. Default: ${DEFAULT-VALUE}.")
  long stallTimeoutMs;

  @Option(names = "--port", defaultValue = "9125", description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--tls", description = "Listen with wss/https and a self-signed certificate (the Java SDK needs wss).")
  boolean tls;

  @Option(names = "--tls-cert", description = "PEM certificate to serve (implies --tls).")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert.")
  Path tlsKey;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RecorderOptions options;
    try {
      options = RecordOptionsReader.read(upstream, vertexUpstream, this.out, upstreamCa, connectTimeoutMs, stallTimeoutMs);
    } catch (RecordOptionsReader.BadOption e) {
      spec.commandLine().getErr().println(e.getMessage());
      return CommandLines.USAGE;
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      spec.commandLine().getErr().println("--tls-cert and --tls-key go together.");
      return CommandLines.USAGE;
    }
    // Only Live sessions matter here: no scenarios, no REST stubs, every upgrade goes upstream.
    GeminiLiveMockOptions mockOptions = GeminiLiveMockOptions.options().host(host).port(port).rest(false)
        .record(options);
    if (tlsCert != null) {
      mockOptions.tlsPem(tlsCert, tlsKey);
    } else if (tls) {
      mockOptions.tls(true);
    }
    GeminiLiveMockServer server;
    try {
      server = GeminiLiveMockServer.start(mockOptions);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return CommandLines.USAGE;
    } catch (MockStartException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return CommandLines.CHECK_FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(); // writes the sessions still open, marked incomplete
      stopped.countDown();
    }, "shutdown"));
    out.printf("Gemini Live recorder listening on %s%n", server.baseUrl());
    out.printf("  base URL for SDKs:  %s (use your real API key or token)%n", server.baseUrl());
    out.printf("  upstream:           %s%s%n", options.upstream(),
        options.vertexUpstream() == null ? "" : " (Vertex AI: " + options.vertexUpstream() + ")");
    out.printf("  recordings:         %s (one scenario per session; replay with serve --scenarios %s)%n",
        options.out(), options.out());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      server.stop();
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
