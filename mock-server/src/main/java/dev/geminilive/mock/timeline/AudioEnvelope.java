package dev.geminilive.mock.timeline;

import java.util.Arrays;

/**
 * The loudness of one audio stream over time, in fixed buckets: each bucket holds the highest RMS
 * level (0..32767) heard in it. This is what a waveform is drawn from, so a page never needs the
 * audio itself: a 15-minute stream at 50 ms buckets is 18,000 numbers.
 */
public final class AudioEnvelope {
  /** Bucket width the journal summariser keeps; pictures downsample from it. */
  public static final int BASE_BUCKET_MS = 50;

  private final double bucketMs;
  private int[] levels = new int[64];
  private int size;
  private double audioMs;
  private double offsetMs;

  public AudioEnvelope(double bucketMs) {
    if (!(bucketMs > 0)) {
      throw new IllegalArgumentException("bucket width must be positive");
    }
    this.bucketMs = bucketMs;
  }

  /** An envelope measured from PCM16LE mono samples placed at {@code startMs}. */
  public static AudioEnvelope fromPcm(byte[] pcm, int sampleRate, double startMs, double bucketMs) {
    AudioEnvelope e = new AudioEnvelope(bucketMs);
    if (pcm == null || sampleRate <= 0) {
      return e;
    }
    int samples = pcm.length / 2;
    int perBucket = Math.max(1, (int) Math.round(sampleRate * bucketMs / 1000.0));
    for (int from = 0; from < samples; from += perBucket) {
      int to = Math.min(samples, from + perBucket);
      long sum = 0;
      for (int i = from; i < to; i++) {
        int v = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
        sum += (long) v * v;
      }
      double at = startMs + from * 1000.0 / sampleRate;
      e.add(at, (to - from) * 1000.0 / sampleRate, (int) Math.round(Math.sqrt((double) sum / (to - from))));
    }
    return e;
  }

  /** Audio of {@code durationMs} at level {@code rms}, starting at {@code startMs}. */
  public void add(double startMs, double durationMs, int rms) {
    if (startMs < offsetMs || durationMs < 0) {
      return;
    }
    int first = (int) ((startMs - offsetMs) / bucketMs);
    int last = (int) ((startMs - offsetMs + Math.max(durationMs, 0.001) - 0.001) / bucketMs);
    ensure(last + 1);
    int level = Math.max(1, Math.min(32767, rms)); // 1 marks "audio here", even if silent
    for (int b = first; b <= last; b++) {
      levels[b] = Math.max(levels[b], level);
    }
    size = Math.max(size, last + 1);
    audioMs += durationMs;
  }

  private void ensure(int n) {
    if (n > levels.length) {
      levels = Arrays.copyOf(levels, Math.max(n, levels.length * 2));
    }
  }

  public double bucketMs() {
    return bucketMs;
  }

  /** How far the stream reaches, in ms from the start of the time axis. */
  public double endMs() {
    return offsetMs + size * bucketMs;
  }

  /** Total audio added, in ms (more than {@link #endMs()} when chunks overlapped). */
  public double audioMs() {
    return audioMs;
  }

  /** Where the first audio lies on the time axis, or NaN when there is none. */
  public double firstAudioMs() {
    for (int i = 0; i < size; i++) {
      if (levels[i] != 0) {
        return offsetMs + i * bucketMs;
      }
    }
    return Double.NaN;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The levels, one per bucket of {@link #bucketMs()}. */
  public int[] levels() {
    return Arrays.copyOf(levels, size);
  }

  /** Where bucket 0 starts on the time axis (non-zero for a window of a longer stream). */
  public double offsetMs() {
    return offsetMs;
  }

  /**
   * The levels over {@code [fromMs, toMs)} in at most {@code maxBuckets} buckets (each the highest
   * of the buckets it covers), so a picture of any length has a bounded size.
   */
  public AudioEnvelope window(double fromMs, double toMs, int maxBuckets) {
    int first = Math.max(0, (int) Math.floor((fromMs - offsetMs) / bucketMs));
    int end = Math.max(first, (int) Math.ceil((toMs - offsetMs) / bucketMs));
    int factor = Math.max(1, (int) Math.ceil((end - first) / (double) Math.max(1, maxBuckets)));
    AudioEnvelope out = new AudioEnvelope(bucketMs * factor);
    out.offsetMs = offsetMs + first * bucketMs;
    out.ensure((end - first) / factor + 1);
    for (int b = first; b < Math.min(end, size); b++) {
      int o = (b - first) / factor;
      out.levels[o] = Math.max(out.levels[o], levels[b]);
      out.size = Math.max(out.size, o + 1);
    }
    out.audioMs = audioMs;
    return out;
  }
}
