package dev.geminilive.mock.session;

/**
 * Server-wide knobs that shape every session.
 *
 * @param timeScale multiplies every server-side delay (audio pacing, lifetimes); 0.1 plays ten
 *     times faster, 0 sends everything at once
 * @param defaultSilenceMs silence that ends a spoken turn when setup does not say; the service's
 *     own default is not published
 */
public record SessionSettings(double timeScale, int defaultSilenceMs) {
  public static SessionSettings defaults() {
    return new SessionSettings(1.0, 500);
  }

  public long scaledNanos(long nanos) {
    return (long) (nanos * timeScale);
  }
}
