package dev.geminilive.mock.testing;

import dev.geminilive.mock.tls.TlsMaterial;
import java.nio.file.Path;

/**
 * Points this JVM's {@code javax.net.ssl.trustStore*} properties at the mock's trust store for the
 * tests of one class, and puts back what was there before: the google-genai Java SDK always uses
 * {@code wss}, and other test classes in the same JVM must not inherit our store.
 */
public final class TrustStoreProperties {
  private static final String STORE = "javax.net.ssl.trustStore";
  private static final String PASSWORD = "javax.net.ssl.trustStorePassword";

  private final String savedStore;
  private final String savedPassword;

  private TrustStoreProperties(String savedStore, String savedPassword) {
    this.savedStore = savedStore;
    this.savedPassword = savedPassword;
  }

  /** Installs {@code store} (a PKCS#12 file written by {@link TlsMaterial}) and remembers the old values. */
  public static TrustStoreProperties install(Path store) {
    TrustStoreProperties saved = new TrustStoreProperties(System.getProperty(STORE), System.getProperty(PASSWORD));
    System.setProperty(STORE, store.toString());
    System.setProperty(PASSWORD, TlsMaterial.TRUST_STORE_PASSWORD);
    return saved;
  }

  public void restore() {
    put(STORE, savedStore);
    put(PASSWORD, savedPassword);
  }

  private static void put(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
