package dev.geminilive.mock.audio;

/** Small helpers over 16-bit little-endian mono PCM. */
public final class Pcm16 {
  private Pcm16() {}

  public static int sampleCount(byte[] pcm) {
    return pcm.length / 2;
  }

  static int sample(byte[] pcm, int index) {
    return (short) ((pcm[2 * index] & 0xFF) | (pcm[2 * index + 1] << 8));
  }

  /** Root mean square of samples [from, to), in sample units (0..32768). */
  public static double rms(byte[] pcm, int from, int to) {
    if (to <= from) {
      return 0;
    }
    long sum = 0; // 32768^2 * 2^31 samples still fits: integer sums are exact and cheaper
    for (int i = from; i < to; i++) {
      int s = sample(pcm, i);
      sum += (long) s * s;
    }
    return Math.sqrt((double) sum / (to - from));
  }

  public static double rms(byte[] pcm) {
    return rms(pcm, 0, sampleCount(pcm));
  }

  /** Milliseconds of audio in {@code bytes} bytes at {@code rate}. */
  public static double durationMillis(long bytes, int rate) {
    return rate <= 0 ? 0 : bytes / 2.0 * 1000.0 / rate;
  }
}
