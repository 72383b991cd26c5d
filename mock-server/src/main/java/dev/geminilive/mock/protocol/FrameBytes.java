package dev.geminilive.mock.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What the frame shortcuts ({@link AudioFrameShortcut}, {@link TextTurnShortcut}) read bytes with. */
final class FrameBytes {
  /** Larger frames are not the common ones the shortcuts read; no need to keep a big array. */
  static final int MAX_SCRATCH_BYTES = 1 << 20;

  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][8192]);

  private FrameBytes() {}

  /**
   * A direct buffer's remaining bytes from index 0 of this thread's scratch array (valid until the
   * next call on this thread), or null when they are more than {@link #MAX_SCRATCH_BYTES}. Copied
   * once, then read as an array: far cheaper per byte than a direct buffer's accessors.
   */
  static byte[] scratchCopy(ByteBuffer buffer) {
    int length = buffer.remaining();
    byte[][] holder = SCRATCH.get();
    if (holder[0].length < length) {
      if (length > MAX_SCRATCH_BYTES) {
        return null;
      }
      holder[0] = new byte[Math.max(length, holder[0].length * 2)];
    }
    byte[] frame = holder[0];
    buffer.get(buffer.position(), frame, 0, length);
    return frame;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether {@code expected} is at {@code b[p..]}, within {@code end}. */
  static boolean at(byte[] b, int p, int end, byte[] expected) {
    return end - p >= expected.length
        && Arrays.equals(b, p, p + expected.length, expected, 0, expected.length);
  }

  /**
   * The index of the closing quote of a string of printable ASCII without escapes starting at
   * {@code p}, or -1: such a string means the same to every JSON reader, and a JSON writer copies
   * it as it is.
   */
  static int plainStringEnd(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      int c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c > 0x7e || c == '\\') { // bytes above 0x7f are negative: below 0x20 here
        return -1;
      }
    }
    return -1;
  }

  /** {@code b[from..to)} as a string, one char per byte (ASCII read as such). */
  static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
