package dev.geminilive.mock.cli;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container image's health check: exits 0 when {@code GET <url>} answers 200, 1 otherwise.
 * A class of its own (not a picocli command) so the check starts as little as possible.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:9125/__admin/health";
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(3_000);
      c.setReadTimeout(3_000);
      int status = c.getResponseCode();
      System.exit(status == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println("unhealthy: " + e);
      System.exit(1);
    }
  }
}
