package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;

/**
 * Summaries of payloads read from encoded bytes: plain standard base64 decoded straight from the
 * frame into one reused buffer per thread, so a summary costs no allocation beyond its own few
 * fields. Anything but plain, well-padded base64 is left to {@link java.util.Base64} (null).
 */
final class WireAudio {
  private static final int[] VALUE = new int[128];
  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][4096]);

  static {
    java.util.Arrays.fill(VALUE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUE[alphabet.charAt(i)] = i;
    }
  }

  private WireAudio() {}

  /** The summary of the base64 in {@code b[from, to)}, or null when it is not plain base64. */
  static ObjectNode summary(ByteBuffer b, int from, int to, String mimeType) {
    byte[][] holder = SCRATCH.get();
    int max = (to - from) / 4 * 3;
    if (holder[0].length < max) {
      holder[0] = new byte[Math.max(max, holder[0].length * 2)];
    }
    int n = decode(b, from, to, holder[0]);
    return n < 0 ? null : BlobSummarizer.summaryOf(holder[0], n, mimeType);
  }

  /**
   * Decodes standard base64 with padding (length a multiple of 4) into {@code out}; returns the
   * byte count, or -1 for anything else.
   */
  static int decode(ByteBuffer b, int from, int to, byte[] out) {
    int length = to - from;
    if (length % 4 != 0) {
      return -1;
    }
    int w = 0;
    for (int i = from; i < to; i += 4) {
      int c0 = value(b.get(i));
      int c1 = value(b.get(i + 1));
      int c2 = b.get(i + 2);
      int c3 = b.get(i + 3);
      if (c0 < 0 || c1 < 0) {
        return -1;
      }
      if (i + 4 == to && c3 == '=') {
        out[w++] = (byte) (c0 << 2 | c1 >> 4);
        if (c2 == '=') {
          return w;
        }
        int v2 = value((byte) c2);
        if (v2 < 0) {
          return -1;
        }
        out[w++] = (byte) (c1 << 4 | v2 >> 2);
        return w;
      }
      int v2 = value((byte) c2);
      int v3 = value((byte) c3);
      if (v2 < 0 || v3 < 0) {
        return -1;
      }
      int bits = c0 << 18 | c1 << 12 | v2 << 6 | v3;
      out[w++] = (byte) (bits >> 16);
      out[w++] = (byte) (bits >> 8);
      out[w++] = (byte) bits;
    }
    return w;
  }

  private static int value(byte c) {
    return c < 0 ? -1 : VALUE[c];
  }
}
