package dev.geminilive.mock.journal;

/**
 * Where the base64 payloads sit in an encoded server frame: for each blob written with its
 * {@code data}, the byte range of the base64 text (between its quotes), the string it came from and
 * its MIME type. Filled by the wire encoder, read by the journal to build the frame's entry from
 * the very bytes that went out. Valid only during the call it is passed to.
 */
public interface WireBlobs {
  /** Blobs with data in the frame. */
  int count();

  /** Index of the first base64 byte of blob {@code i}, from the frame's first byte. */
  int start(int i);

  /** Index of the quote that closes blob {@code i}'s base64. */
  int end(int i);

  /** The payload as a string (for the summary cache), never null. */
  String data(int i);

  /** The blob's MIME type, or null when it has none (then the payload is journalled as sent). */
  String mimeType(int i);

  /** True when a payload was written in a way whose position is not known: journal otherwise. */
  boolean opaque();

  /**
   * A key under which the frame's journal entry may be kept, the same object for every frame with
   * the same bytes (a frame sent from its kept encoding), or null: summarise afresh.
   */
  default Object sameBytesKey() {
    return null;
  }
}
