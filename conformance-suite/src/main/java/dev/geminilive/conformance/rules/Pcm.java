package dev.geminilive.conformance.rules;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** PCM16 helpers and the measurements the audio rules make. */
public final class Pcm {
  /** Upward crossings count only after the signal went below this, so noise does not count. */
  private static final int HYSTERESIS = 600;

  private Pcm() {}

  public static byte[] toLittleEndian(short[] s) {
    byte[] b = new byte[s.length * 2];
    for (int i = 0; i < s.length; i++) {
      b[2 * i] = (byte) s[i];
      b[2 * i + 1] = (byte) (s[i] >> 8);
    }
    return b;
  }

  public static short[] littleEndian(byte[] b) {
    short[] s = new short[b.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
    }
    return s;
  }

  public static short[] bigEndian(byte[] b) {
    short[] s = new short[b.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((b[2 * i + 1] & 0xFF) | (b[2 * i] << 8));
    }
    return s;
  }

  public static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  /**
   * Mean absolute step between samples over mean absolute level: small for a smooth signal,
   * near 1.1 for noise. A signal read in the wrong byte order looks like noise.
   */
  public static double roughness(short[] s) {
    double diff = 0;
    double level = 0;
    for (int i = 1; i < s.length; i++) {
      diff += Math.abs(s[i] - s[i - 1]);
      level += Math.abs(s[i]);
    }
    return level == 0 ? Double.NaN : diff / level;
  }

  /** Upward zero crossings with hysteresis: the number of cycles, whatever the sample rate. */
  public static int cycles(short[] s, int from, int to) {
    int count = 0;
    boolean armed = false;
    for (int i = Math.max(0, from); i < Math.min(s.length, to); i++) {
      if (s[i] < -HYSTERESIS) {
        armed = true;
      } else if (armed && s[i] > HYSTERESIS) {
        count++;
        armed = false;
      }
    }
    return count;
  }

  public static int cycles(short[] s) {
    return cycles(s, 0, s.length);
  }

  /** First sample louder than a quiet threshold, or -1. */
  public static int onset(short[] s) {
    for (int i = 0; i < s.length; i++) {
      if (Math.abs(s[i]) > 1000) return i;
    }
    return -1;
  }

  /**
   * The frequency of the signal between {@code fromMs} and {@code toMs} after its onset, reading
   * the samples at {@code rate}.
   */
  public static double frequency(short[] s, int rate, int fromMs, int toMs) {
    int start = onset(s);
    if (start < 0) return 0;
    int from = start + rate * fromMs / 1000;
    int to = Math.min(s.length, start + rate * toMs / 1000);
    if (to <= from) return 0;
    return cycles(s, from, to) / ((to - from) / (double) rate);
  }

  /**
   * The frequency of the last {@code windowMs} of the signal, from the span between its first and
   * last upward crossings (finer than counting crossings in a fixed window).
   */
  public static double endFrequency(short[] s, int rate, int windowMs) {
    int n = rate * windowMs / 1000;
    if (s.length < n || n == 0) return 0;
    int first = -1;
    int last = -1;
    int count = 0;
    boolean armed = false;
    for (int i = s.length - n; i < s.length; i++) {
      if (s[i] < -HYSTERESIS) {
        armed = true;
      } else if (armed && s[i] > HYSTERESIS) {
        if (first < 0) first = i;
        last = i;
        count++;
        armed = false;
      }
    }
    return count < 2 || last == first ? 0 : (count - 1) * (double) rate / (last - first);
  }
}
