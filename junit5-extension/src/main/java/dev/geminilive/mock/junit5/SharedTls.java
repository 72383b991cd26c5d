package dev.geminilive.mock.junit5;

import dev.geminilive.mock.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One self-signed certificate per JVM for every mock the extension starts. JVM-wide trust
 * (system properties, default SSL contexts) is often read once and cached, so a certificate that
 * changed per test class would be trusted by some clients and not others.
 */
final class SharedTls {
  private static TlsMaterial material;
  private static Path trustStore;
  private static boolean installed;

  private SharedTls() {}

  static synchronized TlsMaterial material() {
    if (material == null) {
      material = TlsMaterial.selfSigned(List.of());
    }
    return material;
  }

  /** PKCS#12 store with the JDK's CAs plus the mock's certificate, password {@code changeit}. */
  static synchronized Path trustStore() {
    if (trustStore == null) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (Files.isReadable(cacerts)) {
          KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
          try (InputStream in = Files.newInputStream(cacerts)) {
            jdk.load(in, null);
          }
          for (String alias : Collections.list(jdk.aliases())) {
            if (jdk.isCertificateEntry(alias)) {
              store.setCertificateEntry(alias, jdk.getCertificate(alias));
            }
          }
        }
        store.setCertificateEntry("gemini-live-mock", material().certificate());
        Path file = Files.createTempFile("gemini-live-mock-truststore", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
          store.store(out, TlsMaterial.TRUST_STORE_PASSWORD.toCharArray());
        }
        trustStore = file;
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("cannot write the mock's trust store: " + e.getMessage(), e);
      }
    }
    return trustStore;
  }

  /**
   * Makes {@link #trustStore()} the JVM's trust: the {@code javax.net.ssl.trustStore} properties
   * (read by clients that build their own trust managers, e.g. OkHttp in the google-genai SDK) and
   * the default SSL context and {@code HttpsURLConnection} factory (used by google-auth-library's
   * token requests), which the JDK creates once and caches, so setting the properties alone is too
   * late if anything in the JVM made an HTTPS client before. Stays for the JVM's life.
   */
  static synchronized void installJvmWide() {
    if (!installed) {
      System.setProperty("javax.net.ssl.trustStore", trustStore().toString());
      System.setProperty("javax.net.ssl.trustStorePassword", TlsMaterial.TRUST_STORE_PASSWORD);
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore())) {
          store.load(in, TlsMaterial.TRUST_STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLContext.setDefault(context);
        HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("cannot install the mock's trust store: " + e.getMessage(), e);
      }
      installed = true;
    }
  }
}
