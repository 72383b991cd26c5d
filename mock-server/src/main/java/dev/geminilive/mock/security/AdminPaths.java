package dev.geminilive.mock.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Which request targets count as admin routes. Routing downstream (our router, WireMock) differs
 * in how it treats case, percent-encoding and dot segments, so the guard decides on a
 * deliberately wide reading: a target is an admin target when its path, decoded repeatedly,
 * with backslashes as slashes, dot segments resolved and case ignored, names {@code __admin}
 * anywhere. Protecting too much costs nothing (no real Google path contains {@code __admin});
 * protecting too little would open a bypass.
 */
public final class AdminPaths {
  /** The one route that stays open, for health checks; matched exactly, as sent. */
  public static final String HEALTH = "/__admin/health";

  private static final int MAX_DECODE_ROUNDS = 4;

  private AdminPaths() {}

  /** True when {@code target} (the request line's target, as sent) reaches an admin route. */
  public static boolean isAdmin(String target) {
    return normalise(target).contains("__admin");
  }

  /** True only for {@code /__admin/health} as sent (a query is ignored); nothing else is open. */
  public static boolean isHealth(String method, String target) {
    if (!method.equals("GET")) {
      return false;
    }
    String path = rawPath(target);
    return path.equals(HEALTH) || path.equals(HEALTH + "/");
  }

  /** The path of a target, as sent: before {@code ?} or {@code #}. */
  static String rawPath(String target) {
    int end = target.length();
    int q = target.indexOf('?');
    if (q >= 0) {
      end = q;
    }
    int h = target.indexOf('#');
    if (h >= 0 && h < end) {
      end = h;
    }
    return target.substring(0, end);
  }

  /** The widest reading of a target's path (see the class comment); lower case. */
  public static String normalise(String target) {
    // The whole target, query included: an absolute-form target ("http://h/__admin/...") or a
    // path hidden behind an encoded '?' must not slip through.
    String s = target;
    for (int round = 0; round < MAX_DECODE_ROUNDS && s.indexOf('%') >= 0; round++) {
      String decoded = percentDecode(s);
      if (decoded.equals(s)) {
        break;
      }
      s = decoded;
    }
    s = s.replace('\\', '/').toLowerCase(Locale.ROOT);
    return resolveDots(s);
  }

  /** Lenient percent-decoding: a malformed escape stays as it is (nothing is refused here). */
  private static String percentDecode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** Collapses empty and {@code .} segments and resolves {@code ..} (never above the root). */
  private static String resolveDots(String path) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }
}
