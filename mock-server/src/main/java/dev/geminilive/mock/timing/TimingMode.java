package dev.geminilive.mock.timing;

import java.util.Locale;

/**
 * Whether replies take as long as the real service's ({@code docs/timing.md}).
 *
 * <ul>
 *   <li>{@link #FAST}: no added delays; reply audio is paced at real time (times the time scale),
 *       as before timing profiles existed. What tests get by default.
 *   <li>{@link #REALISTIC}: the family's timing profile: end-of-speech silence, time to first audio,
 *       chunk size and delivery speed, transcription lag, the {@code turnComplete} gap. What
 *       {@code serve} does by default.
 * </ul>
 */
public enum TimingMode {
  FAST,
  REALISTIC;

  /** {@code fast} or {@code realistic}, any case. */
  public static TimingMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("timing must be 'fast' or 'realistic', not '" + text + "'", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
