package dev.geminilive.mock.session;

import dev.geminilive.mock.protocol.ServerMessage;
import java.util.concurrent.Future;

/**
 * What a session needs from the connection under it. Implemented by the transport; every call
 * happens on the connection's own event loop, so a session needs no locks.
 */
public interface SessionTransport {
  void send(ServerMessage message);

  /** Sends a close frame, then ends the connection when the client answers or a timeout passes. */
  void close(int code, String reason);

  /** Ends the TCP connection with a reset and no close frame (a network fault). */
  void abort();

  /** Runs {@code task} on the connection's event loop after {@code delayNanos}. */
  Future<?> schedule(Runnable task, long delayNanos);
}
