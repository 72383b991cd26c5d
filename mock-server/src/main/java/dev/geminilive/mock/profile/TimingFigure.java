package dev.geminilive.mock.profile;

/**
 * One timing figure of a family as a distribution, in milliseconds: a median and a spread, clamped
 * to {@code [minMs, maxMs]}. {@code lognormal} (the default) suits latencies, which have a long
 * right tail ({@code spread} is the log-space standard deviation, 0.3 ≈ ±30 %); {@code normal} suits
 * offsets that may be negative ({@code spread} is the standard deviation in ms).
 *
 * @param medianMs the typical value
 * @param spread how far samples wander; 0 makes the figure a constant
 * @param minMs lowest value sampled (default: 0 for lognormal, unbounded for normal)
 * @param maxMs highest value sampled (default: unbounded)
 * @param distribution {@code lognormal} or {@code normal}
 * @param source the public source of the figure, or why it is a guess
 * @param evidence {@code observed} (someone measured the real service) or {@code inferred}
 */
public record TimingFigure(
    Double medianMs,
    Double spread,
    Double minMs,
    Double maxMs,
    String distribution,
    String source,
    String evidence) {

  public TimingFigure {
    medianMs = medianMs == null ? 0.0 : medianMs;
    spread = spread == null ? 0.0 : spread;
    distribution = distribution == null ? "lognormal" : distribution;
  }

  public static TimingFigure constant(double ms) {
    return new TimingFigure(ms, 0.0, null, null, null, null, null);
  }

  public boolean lognormal() {
    return "lognormal".equals(distribution);
  }

  /** The figure for a standard normal draw {@code z}, clamped. */
  public double at(double z) {
    double v = lognormal()
        ? (medianMs <= 0 ? 0 : medianMs * Math.exp(spread * z))
        : medianMs + spread * z;
    double lo = minMs != null ? minMs : (lognormal() ? 0 : Double.NEGATIVE_INFINITY);
    double hi = maxMs != null ? maxMs : Double.POSITIVE_INFINITY;
    return Math.max(lo, Math.min(hi, v));
  }

  /** "1180 ms ±30 % (400–3000)" for tables and journals. */
  public String describe() {
    StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "%.0f ms", medianMs));
    if (spread > 0) {
      s.append(lognormal()
          ? String.format(java.util.Locale.ROOT, " ×e^(±%.2f)", spread)
          : String.format(java.util.Locale.ROOT, " ±%.0f ms", spread));
    }
    if (minMs != null || maxMs != null) {
      s.append(String.format(java.util.Locale.ROOT, " [%s–%s]",
          minMs == null ? "" : String.format(java.util.Locale.ROOT, "%.0f", minMs),
          maxMs == null ? "" : String.format(java.util.Locale.ROOT, "%.0f", maxMs)));
    }
    return s.toString();
  }
}
