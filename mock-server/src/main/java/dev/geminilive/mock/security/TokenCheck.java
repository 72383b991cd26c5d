package dev.geminilive.mock.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks the admin token a request presents in its {@code Authorization} header, either as
 * {@code Bearer <token>} or as HTTP basic auth with any user name and the token as the password
 * (what a browser's login prompt and {@code curl -u admin:TOKEN} send). A token anywhere else
 * (query string, other headers) is not looked at: it would end up in logs and histories.
 *
 * <p>Both sides are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, which takes the same time wherever they differ; hashing first
 * also hides the token's length.
 */
final class TokenCheck {
  private final byte[] expected;

  TokenCheck(String token) {
    this.expected = sha256(token.getBytes(StandardCharsets.UTF_8));
  }

  /** True when exactly one Authorization header carries the token. */
  boolean accepts(List<String> authorization) {
    if (authorization == null || authorization.size() != 1) {
      return false;
    }
    byte[] presented = presented(authorization.get(0).trim());
    // A missing credential is still compared, against nothing, so that it costs what a wrong one does.
    return MessageDigest.isEqual(expected, sha256(presented == null ? new byte[0] : presented)) && presented != null;
  }

  private static byte[] presented(String header) {
    int space = header.indexOf(' ');
    if (space <= 0) {
      return null;
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String value = header.substring(space + 1).trim();
    if (scheme.equals("bearer")) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    if (scheme.equals("basic")) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        return null;
      }
      for (int i = 0; i < decoded.length; i++) {
        if (decoded[i] == ':') {
          byte[] password = new byte[decoded.length - i - 1];
          System.arraycopy(decoded, i + 1, password, 0, password.length);
          return password;
        }
      }
    }
    return null;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
