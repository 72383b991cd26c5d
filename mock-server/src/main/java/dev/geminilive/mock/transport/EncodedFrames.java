package dev.geminilive.mock.transport;

import dev.geminilive.mock.cache.IdentityCache;
import dev.geminilive.mock.journal.WireBlobs;
import dev.geminilive.mock.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * The wire bytes of server messages that are sent again and again, by identity: the persona's
 * audio chunks are the same immutable messages in every reply of every session, and encoding each
 * one (Jackson walking the record, 6,400 bytes of base64 copied in) was the largest cost of a
 * reply after the socket writes. A message is kept the second time it is seen, so one-off
 * messages cost no copy, and only with payloads whose positions are known (the journal builds its
 * entry from those bytes). Small and bounded ({@link IdentityCache}).
 *
 * <p>A kept encoding lives in direct memory and goes out as a read-only view of it, as a static
 * reply would: copying it into a pooled buffer for every send (allocation plus 6 KB of copy per
 * audio chunk) was most of what a reply still cost after the socket write. The memory is the
 * JDK's, freed by the garbage collector when the entry is evicted and no frame holds a view.
 */
final class EncodedFrames {
  private static final int MAX_BYTES = 64 * 1024;
  private static final IdentityCache<ServerMessage, Entry> CACHE = new IdentityCache<>(256);

  /** A message seen once ({@code wire} null) or its encoding and the places of its payloads. */
  record Entry(ByteBuf wire, WireBlobs blobs) {
    /** A view of the kept encoding to write (its own indexes; releasing it frees nothing). */
    ByteBuf frame() {
      return wire.duplicate();
    }
  }

  /** The entry of a message seen once: its next send encodes it and keeps the encoding. */
  private static final Entry SIGHTED = new Entry(null, null);

  private EncodedFrames() {}

  /**
   * The entry of {@code message}: with its wire bytes when its encoding is kept, without when it was seen
   * once before (encode it and {@link #keep} it); null the first time (the sighting is noted).
   */
  static Entry lookup(ServerMessage message) {
    Entry e = CACHE.get(message);
    if (e == null) {
      CACHE.put(message, SIGHTED);
    }
    return e;
  }

  /** Keeps the encoding of a message seen before (when its payloads' places are known). */
  static void keep(ServerMessage message, ByteBuf encoded, BlobWriter.Marks marks) {
    int n = encoded.readableBytes();
    if (n > MAX_BYTES || marks.opaque()) {
      return;
    }
    if (CACHE.get(message) != null) {
      ByteBuffer kept = ByteBuffer.allocateDirect(n);
      encoded.getBytes(encoded.readerIndex(), kept);
      kept.flip();
      // Unreleasable: every frame written is a duplicate that the encoder releases after the write.
      CACHE.put(message, new Entry(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(kept)), marks.keptCopy()));
    }
  }
}
