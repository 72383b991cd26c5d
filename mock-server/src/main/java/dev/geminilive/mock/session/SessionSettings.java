package dev.geminilive.mock.session;

import dev.geminilive.mock.timing.TimingMode;
import dev.geminilive.mock.timing.TimingSampler;

/**
 * Server-wide knobs that shape every session.
 *
 * @param timeScale multiplies every server-side delay (audio pacing, lifetimes); 0.1 plays ten
 *     times faster, 0 sends everything at once
 * @param defaultSilenceMs silence that ends a spoken turn when setup does not say (and, in
 *     realistic timing, the family's profile has no figure); the service's own default is not
 *     published
 * @param timing {@code FAST} (no added delays) or {@code REALISTIC} (the family's timing profile)
 * @param timingSeed seeds each session's timing draws (mixed with the session id), so that a seed
 *     gives the same schedule again
 */
public record SessionSettings(double timeScale, int defaultSilenceMs, TimingMode timing, long timingSeed) {
  public SessionSettings {
    timing = timing == null ? TimingMode.FAST : timing;
  }

  /** Fast timing, seed 0: what tests and the library front door get unless they ask. */
  public SessionSettings(double timeScale, int defaultSilenceMs) {
    this(timeScale, defaultSilenceMs, TimingMode.FAST, 0);
  }

  public static SessionSettings defaults() {
    return new SessionSettings(1.0, 500);
  }

  public long scaledNanos(long nanos) {
    return (long) (nanos * timeScale);
  }

  public boolean realistic() {
    return timing == TimingMode.REALISTIC;
  }

  /** A fresh sampler for the session {@code sessionId}. */
  public TimingSampler sampler(String sessionId) {
    return TimingSampler.forSession(timingSeed, sessionId == null ? "" : sessionId);
  }
}
