package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.WireBlobs;
import dev.geminilive.mock.protocol.ServerMessage;

/**
 * The wire bytes of server messages that are sent again and again, by identity: the persona's
 * audio chunks are the same immutable messages in every reply of every session, and encoding each
 * one (Jackson walking the record, 6,400 bytes of base64 copied in) was the largest cost of a
 * reply after the socket writes. A message is kept the second time it is seen, so one-off
 * messages cost no copy, and only with payloads whose positions are known (the journal builds its
 * entry from those bytes). Small and bounded: two slots per identity hash, racy reads of immutable
 * entries (at worst a miss).
 */
final class EncodedFrames {
  private static final int SLOTS = 256;
  private static final int MAX_BYTES = 64 * 1024;
  private static final Entry[] CACHE = new Entry[SLOTS];

  /** A message seen once ({@code bytes} null) or its encoding and the places of its payloads. */
  record Entry(ServerMessage message, byte[] bytes, WireBlobs blobs) {}

  private EncodedFrames() {}

  /**
   * The entry of {@code message}: with bytes when its encoding is kept, without when it was seen
   * once before (encode it and {@link #keep} it); null the first time (the sighting is noted).
   */
  static Entry lookup(ServerMessage message) {
    int slot = System.identityHashCode(message) & (SLOTS - 1);
    Entry e = CACHE[slot];
    if (e != null && e.message() == message) {
      return e;
    }
    Entry o = CACHE[slot ^ 1];
    if (o != null && o.message() == message) {
      return o;
    }
    CACHE[e == null || o != null ? slot : slot ^ 1] = new Entry(message, null, null);
    return null;
  }

  /** Keeps the encoding of a message seen before (when its payloads' places are known). */
  static void keep(ServerMessage message, byte[] bytes, BlobWriter.Marks marks) {
    if (bytes.length > MAX_BYTES || marks.opaque()) {
      return;
    }
    int slot = System.identityHashCode(message) & (SLOTS - 1);
    if (CACHE[slot] == null || CACHE[slot].message() != message) {
      slot ^= 1;
    }
    Entry seen = CACHE[slot];
    if (seen != null && seen.message() == message) {
      CACHE[slot] = new Entry(message, bytes, marks.keptCopy());
    }
  }
}
