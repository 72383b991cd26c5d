package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.tls.TlsMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/sdk-environment.md tells Python users: export the mock's certificate, point
 * {@code SSL_CERT_FILE} at it, and a client that builds its TLS context the way python-genai does
 * (stdlib {@code ssl.create_default_context(cafile=SSL_CERT_FILE)}, wss always) gets a session.
 * python-genai itself cannot be installed here; the probe uses the standard library only.
 */
class PythonTlsTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";

  @Test
  void pythonsTlsStackTrustsTheExportedCertificateThroughSslCertFile(@TempDir Path dir) throws Exception {
    assumeTrue(python() != null, "python3 is not installed");
    TlsMaterial material = TlsMaterial.selfSigned(List.of());
    Path pem = dir.resolve("mock-cert.pem");
    material.writeCertificatePem(pem);
    try (GeminiLiveMockServer mock = GeminiLiveMockServer.start(
        GeminiLiveMockOptions.options().tls(material).rest(false))) {
      assertThat(run(mock.baseUrl(), pem)).contains("setupComplete");
      // Without the certificate in SSL_CERT_FILE the same client refuses the mock.
      Path other = dir.resolve("other.pem");
      TlsMaterial.selfSigned(List.of()).writeCertificatePem(other);
      assertThat(run(mock.baseUrl(), other)).contains("CERTIFICATE_VERIFY_FAILED");
    }
  }

  private static String run(String baseUrl, Path certFile) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(python(), Path.of("src/test/python/tls_live_probe.py").toString(),
        baseUrl, MODEL).redirectErrorStream(true);
    pb.environment().put("SSL_CERT_FILE", certFile.toString());
    pb.environment().remove("SSL_CERT_DIR");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static String python() {
    for (String candidate : new String[] {"python3", "python"}) {
      try {
        Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (Exception e) {
        // try the next name
      }
    }
    return null;
  }
}
