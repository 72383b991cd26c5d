package dev.geminilive.mock.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may use the admin API ({@code /__admin/...}: journals, scenarios, WireMock's admin routes,
 * the dashboard). See docs/security.md.
 *
 * @param enabled false answers every admin route except {@code /__admin/health} with 404
 *     ({@code --no-admin})
 * @param token the admin token every admin route requires; null for none
 * @param requireTls refuse to start unless the port serves TLS, and refuse admin requests that
 *     did not arrive over TLS
 * @param openToNetwork without a token, also answer peers that are not on this machine (off by
 *     default: a mock bound to a network address answers admin requests from loopback only)
 */
public record AdminSecurity(boolean enabled, String token, boolean requireTls, boolean openToNetwork) {
  /** Where {@code serve} (and the container) read the admin token from. */
  public static final String TOKEN_ENV = "GEMINI_LIVE_MOCK_ADMIN_TOKEN";

  private static final SecureRandom RANDOM = new SecureRandom();

  public AdminSecurity {
    if (token != null) {
      checkToken(token);
    }
  }

  /** The admin API on, no token, loopback peers only when bound to a network address. */
  public static AdminSecurity defaults() {
    return new AdminSecurity(true, null, false, false);
  }

  /** The admin API on, guarded by {@code token}. */
  public static AdminSecurity withToken(String token) {
    return new AdminSecurity(true, token, false, false);
  }

  public AdminSecurity token(String t) {
    return new AdminSecurity(enabled, t, requireTls, openToNetwork);
  }

  public AdminSecurity enabled(boolean e) {
    return new AdminSecurity(e, token, requireTls, openToNetwork);
  }

  public AdminSecurity requireTls(boolean r) {
    return new AdminSecurity(enabled, token, r, openToNetwork);
  }

  public AdminSecurity openToNetwork(boolean o) {
    return new AdminSecurity(enabled, token, requireTls, o);
  }

  /** A fresh random token: 32 bytes from a {@link SecureRandom}, base64url without padding. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A token must fit in a header as sent: printable ASCII without spaces. The message never
   * repeats the token.
   */
  private static void checkToken(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the admin token is empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException("the admin token may hold printable ASCII characters only,"
            + " no spaces (character " + (i + 1) + " is not)");
      }
    }
  }

  /** Never prints the token: this record ends up in logs and assertion messages. */
  @Override
  public String toString() {
    return "AdminSecurity[enabled=" + enabled + ", token=" + (token == null ? "none" : "set")
        + ", requireTls=" + requireTls + ", openToNetwork=" + openToNetwork + "]";
  }
}
