package dev.geminilive.mock.transport;

/**
 * Optional partners of the Live endpoint on the same port.
 *
 * @param http serves non-Live HTTP requests (and admin routes the mock does not own); null for a
 *     JSON 404
 * @param tokens checks ephemeral tokens on the Constrained endpoint; null accepts any non-empty one
 * @param tunnel takes every Live upgrade instead of the mock's sessions (recording); null for none
 */
public record Companions(HttpCompanion http, TokenGate tokens, LiveTunnel tunnel) {
  public Companions(HttpCompanion http, TokenGate tokens) {
    this(http, tokens, null);
  }

  public static Companions none() {
    return new Companions(null, null, null);
  }

  /** The same companions with Live upgrades handed to {@code t}. */
  public Companions withTunnel(LiveTunnel t) {
    return new Companions(http, tokens, t);
  }
}
