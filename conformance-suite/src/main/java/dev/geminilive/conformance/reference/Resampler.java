package dev.geminilive.conformance.reference;

/** Linear-interpolation resampling of PCM16 mono; fine for speech-band signals well below Nyquist. */
final class Resampler {
  private Resampler() {}

  static short[] resample(short[] in, int from, int to) {
    if (from == to || in.length == 0) return in;
    int n = (int) ((long) in.length * to / from);
    short[] out = new short[n];
    double step = (double) from / to;
    for (int i = 0; i < n; i++) {
      double x = i * step;
      int j = (int) x;
      double frac = x - j;
      int a = in[Math.min(j, in.length - 1)];
      int b = in[Math.min(j + 1, in.length - 1)];
      out[i] = (short) Math.round(a + (b - a) * frac);
    }
    return out;
  }
}
