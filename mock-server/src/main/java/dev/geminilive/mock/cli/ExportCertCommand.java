package dev.geminilive.mock.cli;

import dev.geminilive.mock.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export-cert}: makes a certificate once, so clients can trust it across restarts. */
@Command(
    name = "export-cert",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a self-signed certificate for localhost/127.0.0.1 and writes mock-cert.pem,",
      "mock-key.pem and mock-truststore.p12 (password 'changeit') into DIR.",
      "Then: serve --tls-cert DIR/mock-cert.pem --tls-key DIR/mock-key.pem, and start the client JVM with",
      "-Djavax.net.ssl.trustStore=DIR/mock-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit."
    })
final class ExportCertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write into (created if missing).")
  Path dir;

  @Option(names = "--host", split = ",", description = "Extra host names or IPs for the certificate.")
  List<String> hosts = List.of();

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dir);
    TlsMaterial material = TlsMaterial.selfSigned(hosts);
    material.writeCertificatePem(dir.resolve("mock-cert.pem"));
    material.writePrivateKeyPem(dir.resolve("mock-key.pem"));
    material.writeTrustStore(dir.resolve("mock-truststore.p12"));
    spec.commandLine().getOut().println("Wrote mock-cert.pem, mock-key.pem and mock-truststore.p12 to " + dir);
    return 0;
  }
}
