package dev.geminilive.mock.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in profiles: {@code 1500ms}, {@code 50s}, {@code 15m}, {@code 2h}. */
public final class DurationText {
  private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private DurationText() {}

  /** Null for null or blank; throws {@link IllegalArgumentException} for anything else unparsable. */
  public static Duration parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 1500ms, 50s, 15m or 2h");
    }
    double value = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2)) {
      case "ms" -> value;
      case "s" -> value * 1_000;
      case "m" -> value * 60_000;
      default -> value * 3_600_000;
    };
    return Duration.ofNanos((long) (millis * 1_000_000));
  }

  /** A protobuf Duration string as the service writes it in {@code goAway.timeLeft}: {@code 50s}, {@code 0.5s}. */
  public static String protobuf(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return (nanos / 1_000_000_000L) + "s";
    }
    String s = String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    s = s.replaceAll("0+$", "");
    return s + "s";
  }
}
