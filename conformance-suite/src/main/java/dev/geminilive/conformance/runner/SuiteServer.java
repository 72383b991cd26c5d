package dev.geminilive.conformance.runner;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The mock, in-process on an ephemeral port, with the suite's responder in every session and
 * time scaled down. With TLS, the JVM is made to trust its certificate (one certificate per JVM:
 * the default SSL context reads the trust store once).
 */
public final class SuiteServer implements AutoCloseable {
  private static TlsMaterial tls;
  private static Path trustStore;

  private final GeminiLiveMockServer server;
  private final BlockingQueue<SuiteSession> sessions = new LinkedBlockingQueue<>();

  private SuiteServer(boolean useTls) {
    // No REST companions: the suite judges Live sessions only, and WireMock would cost a second per run.
    GeminiLiveMockOptions options = GeminiLiveMockOptions.options()
        .timeScale(0.05)
        // The suite's own responders script every reply; no family delays on top (fast timing).
        .timing(dev.geminilive.mock.timing.TimingMode.FAST)
        .defaultSilenceMs(500)
        .rest(false)
        .responders(control -> new SuiteSession(sessions));
    if (useTls) {
      options.tls(jvmTrustedTls());
    }
    server = GeminiLiveMockServer.start(options);
  }

  public static SuiteServer start(boolean useTls) throws InterruptedException {
    return new SuiteServer(useTls);
  }

  /** A self-signed certificate the JVM's default trust store points at, made once per JVM. */
  public static synchronized TlsMaterial jvmTrustedTls() {
    if (tls == null) {
      tls = TlsMaterial.selfSigned(List.of());
      try {
        trustStore = Files.createTempFile("conformance-truststore", ".p12");
        trustStore.toFile().deleteOnExit();
        tls.writeTrustStore(trustStore);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
      System.setProperty("javax.net.ssl.trustStorePassword", TlsMaterial.TRUST_STORE_PASSWORD);
    }
    return tls;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public List<SessionJournal> journalSessions() {
    return server.journal().sessions();
  }

  /** The next session whose setup was accepted, or null after {@code millis}. */
  public SuiteSession nextSession(long millis) throws InterruptedException {
    return sessions.poll(millis, TimeUnit.MILLISECONDS);
  }

  public void forgetSessions() {
    sessions.clear();
  }

  @Override
  public void close() {
    server.close();
  }
}
