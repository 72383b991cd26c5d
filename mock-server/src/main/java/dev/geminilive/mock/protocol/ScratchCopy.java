package dev.geminilive.mock.protocol;

import java.nio.ByteBuffer;

/**
 * A direct buffer's bytes copied once to this thread's scratch array, so that the frame
 * shortcuts read an array (far cheaper per byte than a direct buffer's accessors).
 */
final class ScratchCopy {
  /** Larger frames are not the common ones the shortcuts read; no need to keep a big array. */
  static final int MAX_BYTES = 1 << 20;

  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][8192]);

  private ScratchCopy() {}

  /**
   * The buffer's remaining bytes from index 0 of this thread's scratch array (valid until the next
   * call on this thread), or null when they are more than {@link #MAX_BYTES}.
   */
  static byte[] of(ByteBuffer buffer) {
    int length = buffer.remaining();
    byte[][] holder = SCRATCH.get();
    if (holder[0].length < length) {
      if (length > MAX_BYTES) {
        return null;
      }
      holder[0] = new byte[Math.max(length, holder[0].length * 2)];
    }
    byte[] frame = holder[0];
    buffer.get(buffer.position(), frame, 0, length);
    return frame;
  }
}
