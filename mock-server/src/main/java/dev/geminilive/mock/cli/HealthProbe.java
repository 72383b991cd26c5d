package dev.geminilive.mock.cli;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The container image's health check: exits 0 when {@code GET <base>/__admin/health} answers 200,
 * 1 otherwise. A class of its own (not a picocli command) so the check starts as little as possible.
 *
 * <p>Argument: a URL, or {@code @FILE} naming the file {@code serve --url-file} wrote, so the
 * check follows whatever port and scheme the server was given. Over https it trusts any
 * certificate: it only ever asks the server in its own container whether it is up.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    try {
      String url = healthUrl(args.length > 0 ? args[0] : "http://127.0.0.1:9125");
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      if (c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(trustingAnyCertificate().getSocketFactory());
        https.setHostnameVerifier((host, session) -> true);
      }
      c.setConnectTimeout(3_000);
      c.setReadTimeout(3_000);
      int status = c.getResponseCode();
      System.exit(status == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println("unhealthy: " + e);
      System.exit(1);
    }
  }

  /**
   * {@code @FILE} → the base URL in FILE (the default port when there is no such file: the server
   * was started without {@code --url-file}); a base URL or health URL → the health URL.
   */
  static String healthUrl(String arg) throws java.io.IOException {
    String base = arg.trim();
    if (base.startsWith("@")) {
      Path file = Path.of(base.substring(1));
      base = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "http://127.0.0.1:9125";
    }
    if (base.endsWith("/__admin/health")) {
      return base;
    }
    // The server may listen on 0.0.0.0; the probe asks over loopback.
    return base.replaceAll("/+$", "") + "/__admin/health";
  }

  private static SSLContext trustingAnyCertificate() throws java.security.GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return context;
  }
}
