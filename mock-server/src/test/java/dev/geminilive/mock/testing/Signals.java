package dev.geminilive.mock.testing;

import java.util.Base64;

/** Test audio: tones and silence as 16-bit little-endian mono PCM. */
public final class Signals {
  private Signals() {}

  public static byte[] tone(double hz, int rate, int millis, int amplitude) {
    int n = rate * millis / 1000;
    byte[] out = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      int s = (int) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * amplitude);
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return out;
  }

  public static byte[] silence(int rate, int millis) {
    return new byte[rate * millis / 1000 * 2];
  }

  /** A {@code realtimeInput.audio} message. */
  public static String audioMessage(byte[] pcm, int rate) {
    return "{\"realtimeInput\":{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(pcm)
        + "\",\"mimeType\":\"audio/pcm;rate=" + rate + "\"}}}";
  }

  /** Splits {@code pcm} into chunks of {@code millis} at {@code rate}. */
  public static java.util.List<byte[]> chunks(byte[] pcm, int rate, int millis) {
    int size = rate * millis / 1000 * 2;
    java.util.List<byte[]> out = new java.util.ArrayList<>();
    for (int off = 0; off < pcm.length; off += size) {
      out.add(java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + size)));
    }
    return out;
  }
}
