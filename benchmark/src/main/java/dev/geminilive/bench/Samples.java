package dev.geminilive.bench;

import java.util.Arrays;

/** A growable list of long samples (latencies in microseconds) and its percentiles. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  /** {"n":..,"p50":..,"p90":..,"p99":..,"max":..} in milliseconds with 0.01 ms resolution. */
  String toJson() {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return "{\"n\":" + size + ",\"p50\":" + ms(pct(sorted, 50)) + ",\"p90\":" + ms(pct(sorted, 90))
        + ",\"p99\":" + ms(pct(sorted, 99)) + ",\"max\":" + ms(size == 0 ? 0 : sorted[size - 1]) + "}";
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static String ms(long micros) {
    return String.format(java.util.Locale.ROOT, "%.2f", micros / 1000.0);
  }
}
