package dev.geminilive.mock.security;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides, from a request's head alone, whether it may reach the admin API. Independent of
 * Netty: the transport asks it once per request, before the body is read.
 */
public final class AdminGuard {
  /** The outcome for one request. */
  public enum Verdict {
    /** Not an admin route: none of the guard's business. */
    NOT_ADMIN,
    /** An admin route the caller may use. */
    ALLOW,
    /** Missing or wrong token: 401, and nothing else said. */
    UNAUTHORIZED,
    /** The admin API is off ({@code --no-admin}): 404, as if it did not exist. */
    DISABLED,
    /** {@code --admin-require-tls} and the request came in plain text. */
    TLS_REQUIRED,
    /** No token is set and the peer is not on this machine. */
    LOOPBACK_ONLY,
    /** A browser request made by a page of another origin (cross-site request forgery). */
    CROSS_ORIGIN
  }

  /** What the guard reads from a request's head. */
  public record Request(String method, String target, List<String> authorization, String origin,
      String host, String fetchSite, String fetchMode, InetAddress peer, boolean overTls) {}

  private final AdminSecurity security;
  private final TokenCheck token;

  public AdminGuard(AdminSecurity security) {
    this.security = security;
    this.token = security.token() == null ? null : new TokenCheck(security.token());
  }

  public AdminSecurity security() {
    return security;
  }

  public Verdict check(Request r) {
    if (!AdminPaths.isAdmin(r.target())) {
      return Verdict.NOT_ADMIN;
    }
    if (AdminPaths.isHealth(r.method(), r.target())) {
      return Verdict.ALLOW;
    }
    if (!security.enabled()) {
      return Verdict.DISABLED;
    }
    if (security.requireTls() && !r.overTls()) {
      return Verdict.TLS_REQUIRED;
    }
    if (crossOrigin(r)) {
      return Verdict.CROSS_ORIGIN;
    }
    if (token != null) {
      return token.accepts(r.authorization()) ? Verdict.ALLOW : Verdict.UNAUTHORIZED;
    }
    if (security.openToNetwork() || r.peer() == null || r.peer().isLoopbackAddress()) {
      return Verdict.ALLOW;
    }
    return Verdict.LOOPBACK_ONLY;
  }

  /**
   * True when a header value is the admin token (as Bearer or basic auth). The transport drops
   * such a header from requests that are not admin calls (REST stubs), so that the token never
   * lands in WireMock's request journal, whatever a client sends it with.
   */
  public boolean isAdminCredential(String authorization) {
    return token != null && authorization != null && token.accepts(List.of(authorization));
  }

  /**
   * A page on another site may make the browser send simple requests (a form POST) here, with
   * any basic-auth credentials it has cached for this origin. Browsers say where a request comes
   * from ({@code Origin}, {@code Sec-Fetch-Site}); a request from elsewhere is refused. Tools
   * (curl, SDKs, the JUnit extension) send neither header.
   */
  private static boolean crossOrigin(Request r) {
    // Following a link to the dashboard from elsewhere only shows the user a page; the browser
    // gives the linking site no access to it.
    boolean navigation = r.method().equals("GET") && "navigate".equalsIgnoreCase(r.fetchMode());
    if (r.fetchSite() != null) {
      // The browser's own word (pages cannot set this header); unlike comparing Origin with Host,
      // it stays right behind a proxy that rewrites Host.
      String site = r.fetchSite().trim().toLowerCase(Locale.ROOT);
      return !site.equals("same-origin") && !site.equals("none") && !navigation;
    }
    // Browsers without Sec-Fetch-*: the page's origin must be the host asked.
    if (r.origin() == null) {
      return false;
    }
    if (r.host() == null) {
      return true;
    }
    try {
      URI origin = URI.create(r.origin().trim());
      if (origin.getHost() == null) {
        return true; // "null": a sandboxed page or a file
      }
      String authority = origin.getRawAuthority();
      return !authority.equalsIgnoreCase(r.host().trim()) && !withDefaultPort(origin).equalsIgnoreCase(r.host().trim());
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static String withDefaultPort(URI origin) {
    int port = origin.getPort() >= 0 ? origin.getPort() : "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
    return origin.getRawAuthority().replaceFirst(":\\d+$", "") + ":" + port;
  }
}
