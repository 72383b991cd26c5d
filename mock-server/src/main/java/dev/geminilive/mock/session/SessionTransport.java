package dev.geminilive.mock.session;

import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.protocol.ServerMessage;
import java.util.concurrent.Future;

/**
 * What a session needs from the connection under it. Implemented by the transport; every call
 * happens on the connection's own event loop, so a session needs no locks.
 */
public interface SessionTransport {
  void send(ServerMessage message);

  /**
   * Encodes and sends {@code message}, handing the encoded bytes to {@code tap} before they are
   * written, so that the caller journals the frame without encoding it again. Returns false, having
   * done nothing, when this transport cannot (then the caller journals and calls {@link #send}).
   */
  default boolean send(ServerMessage message, WireTap tap) {
    return false;
  }

  /** Sends a close frame, then ends the connection when the client answers or a timeout passes. */
  void close(int code, String reason);

  /** Ends the TCP connection with a reset and no close frame (a network fault). */
  void abort();

  /**
   * Sends {@code text} as one text frame, as-is: for testing how clients cope with server output
   * that is not a valid message (not JSON, unknown keys). Transports without it refuse.
   */
  default void sendRaw(String text) {
    throw new UnsupportedOperationException("this transport cannot send raw frames");
  }

  /**
   * A paced message was handed over {@code latenessNanos} after it was due on its own clock; the
   * transport may count it (the server's pacing metric).
   */
  default void paced(long latenessNanos) {}

  /** Runs {@code task} on the connection's event loop after {@code delayNanos}. */
  Future<?> schedule(Runnable task, long delayNanos);

  /**
   * From now on, server frames cross a network with these conditions ({@code source} says who
   * asked, for the journal). Transports without a network ignore it.
   */
  default void network(NetworkConditions conditions, String source) {}
}
