package dev.geminilive.mock.cli;

import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import dev.geminilive.mock.transport.ServerLimits;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
      "With no scenario the default persona answers every user turn with a short spoken reply."
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

  @Option(names = "--export-cert", paramLabel = "DIR", description = "Write the certificate as DIR/mock-cert.pem and a PKCS#12 trust store DIR/mock-truststore.p12 (password 'changeit').")
  Path exportDir;

  @Option(names = "--text-frames", description = "Send server messages as text frames (the real service sends binary).")
  boolean textFrames;

  @Option(names = "--require-key", paramLabel = "KEY", description = "Accept only this API key / token; a wrong or missing one is refused as the real service refuses it.")
  String requireKey;

  @Option(names = "--time-scale", defaultValue = "1.0", description = "Multiply server-side delays (audio pacing); 0.1 = ten times faster, 0 = no waiting. Default: ${DEFAULT-VALUE}.")
  double timeScale;

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

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    TlsMaterial material = null;
    if (tlsCert != null || tlsKey != null) {
      if (tlsCert == null || tlsKey == null) {
        spec.commandLine().getErr().println("--tls-cert and --tls-key go together.");
        return 2;
      }
      material = TlsMaterial.fromPem(tlsCert, tlsKey);
    } else if (tls) {
      material = TlsMaterial.selfSigned(List.of());
    }
    if (material != null && exportDir != null) {
      Files.createDirectories(exportDir);
      material.writeCertificatePem(exportDir.resolve("mock-cert.pem"));
      material.writeTrustStore(exportDir.resolve("mock-truststore.p12"));
      out.println("Certificate written to " + exportDir.resolve("mock-cert.pem")
          + " and " + exportDir.resolve("mock-truststore.p12"));
    }
    ServerConfig config = ServerConfig.defaults()
        .withHost(host)
        .withPort(port)
        .withTls(material)
        .withBinaryFrames(!textFrames)
        .withRequiredKey(requireKey)
        .withSession(new SessionSettings(timeScale, SessionSettings.defaults().defaultSilenceMs()))
        .withMaxFrameBytes(maxFrameBytes)
        .withLimits(new ServerLimits(
            maxSessions, handshakeTimeoutMs, setupTimeoutMs, idleTimeoutMs, maxBacklogBytes));
    LiveServer server = LiveServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    long millis = (System.nanoTime() - started) / 1_000_000;
    out.printf("Gemini Live mock listening on %s (started in %d ms)%n", server.baseUrl(), millis);
    out.printf("  base URL for SDKs:  %s%n", server.baseUrl());
    out.printf("  Live endpoint:      %s/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent%n",
        server.baseUrl().replaceFirst("^http", "ws"));
    out.printf("  admin API:          %s/__admin/sessions%n", server.baseUrl());
    out.flush();
    stopped.await();
    return 0;
  }
}
