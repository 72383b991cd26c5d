package dev.geminilive.mock.transport;

/**
 * Optional partners of the Live endpoint on the same port.
 *
 * @param http serves non-Live HTTP requests (and admin routes the mock does not own); null for a
 *     JSON 404
 * @param tokens checks ephemeral tokens on the Constrained endpoint; null accepts any non-empty one
 */
public record Companions(HttpCompanion http, TokenGate tokens) {
  public static Companions none() {
    return new Companions(null, null);
  }
}
