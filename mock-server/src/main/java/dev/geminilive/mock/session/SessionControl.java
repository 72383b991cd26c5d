package dev.geminilive.mock.session;

import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.Setup;
import java.util.concurrent.Future;

/** What a {@link Responder} may do with the session it answers for. */
public interface SessionControl {
  Setup setup();

  ModelProfile profile();

  ConnectionInfo connection();

  SessionSettings settings();

  void send(ServerMessage message);

  /**
   * Sends a text frame exactly as given, even if it is not JSON or not a known message: for
   * testing that clients survive malformed server output. Journaled as {@code raw}.
   */
  default void sendRaw(String text) {
    throw new UnsupportedOperationException("raw frames are not supported here");
  }

  /** Runs {@code task} after {@code delayNanos} of wall-clock time (callers apply the time scale). */
  Future<?> schedule(Runnable task, long delayNanos);

  void close(int code, String reason);

  /** Drops the connection without a close frame. */
  void abort();

  /** Writes a server-side event into the session's journal. */
  void note(String kind, String text);
}
