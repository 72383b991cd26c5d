package dev.geminilive.mock.session;

import dev.geminilive.mock.journal.WireBlobs;
import java.nio.ByteBuffer;

/** Sees a server frame's encoded bytes just before they are written (the journal is built from them). */
@FunctionalInterface
public interface WireTap {
  /** {@code wire} holds the frame's JSON; both arguments are valid only during this call. */
  void encoded(ByteBuffer wire, WireBlobs blobs);
}
