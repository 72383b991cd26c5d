package dev.geminilive.mock.cli;

import dev.geminilive.mock.record.RecorderOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

/** Checks the recording options given on a command line and builds {@link RecorderOptions}. */
final class RecordOptionsReader {
  private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");

  private RecordOptionsReader() {}

  /** Thrown with a message for the user; the command exits 2. */
  static final class BadOption extends Exception {
    BadOption(String message) {
      super(message);
    }
  }

  static RecorderOptions read(String upstream, String vertexUpstream, Path out, Path trustPem,
      long connectTimeoutMs, long stallTimeoutMs) throws BadOption {
    RecorderOptions options = RecorderOptions.of(uri(upstream, "--upstream"), out)
        .withConnectTimeoutMillis(connectTimeoutMs)
        .withStallMillis(stallTimeoutMs);
    if (vertexUpstream != null) {
      options = options.withVertexUpstream(uri(vertexUpstream, "--vertex-upstream"));
    }
    if (trustPem != null) {
      if (!java.nio.file.Files.isRegularFile(trustPem)) {
        throw new BadOption("--upstream-ca " + trustPem + ": no such file.");
      }
      options = options.withTrustPem(trustPem);
    }
    if (connectTimeoutMs <= 0 || stallTimeoutMs < 0) {
      throw new BadOption("timeouts must be positive (0 turns the stall timeout off).");
    }
    return options;
  }

  private static URI uri(String text, String option) throws BadOption {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
        throw new BadOption(option + " " + text + ": give a URL such as https://host or wss://host:port.");
      }
      if (uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
        // A key in the URL would end up in recordings; the client's own credential is passed on.
        throw new BadOption(option + ": no query or user info; the client's own credential is passed to the upstream.");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new BadOption(option + " " + text + ": " + e.getMessage());
    }
  }
}
