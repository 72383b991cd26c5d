package dev.geminilive.mock.e2e;

import static dev.geminilive.mock.testing.RawLiveClient.DEV_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsAndCliTest {
  @Test
  void exportedCertificateServesWssToAClientThatTrustsIt(@TempDir Path dir) throws Exception {
    assertThat(MockServerCli.run("export-cert", dir.toString())).isZero();
    assertThat(Files.readString(dir.resolve("mock-cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(dir.resolve("mock-truststore.p12").toFile())) {
      store.load(in, TlsMaterial.TRUST_STORE_PASSWORD.toCharArray());
    }
    assertThat(store.size()).isEqualTo(1);

    TlsMaterial material = TlsMaterial.fromPem(dir.resolve("mock-cert.pem"), dir.resolve("mock-key.pem"));
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withTls(material))) {
      assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
      String wss = server.baseUrl().replaceFirst("^https", "wss") + DEV_PATH;
      try (RawLiveClient c = RawLiveClient.connect(wss, Map.of("x-goog-api-key", "k"), material.clientContext())) {
        c.setup("models/gemini-2.5-flash-native-audio-preview-12-2025", "");
        assertThat(c.next(3000).json().has("setupComplete")).isTrue();
      }
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withTls(TlsMaterial.selfSigned(List.of())))) {
      String wss = server.baseUrl().replaceFirst("^https", "wss") + DEV_PATH + "?key=k";
      TlsMaterial other = TlsMaterial.selfSigned(List.of());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> RawLiveClient.connect(wss, Map.of(), other.clientContext()))
          .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void helpNamesEveryCommand() {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cmd = new picocli.CommandLine(new MockServerCli());
    cmd.setOut(new java.io.PrintWriter(out));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString()).contains("serve").contains("export-cert");
  }
}
