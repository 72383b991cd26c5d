package dev.geminilive.mock.session;

import com.fasterxml.jackson.databind.JsonNode;
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

  /** Runs {@code task} after {@code delayNanos} of wall-clock time (callers apply the time scale). */
  Future<?> schedule(Runnable task, long delayNanos);

  void close(int code, String reason);

  /** Drops the connection without a close frame. */
  void abort();

  /** Writes a server-side event into the session's journal. */
  void note(String kind, String text);

  /** Writes an event with structured detail (e.g. a scenario's near-miss report). */
  default void note(String kind, String text, JsonNode detail) {
    note(kind, text + " " + detail);
  }

  /** Sets a fact shown in session listings, such as the scenario a session runs. */
  default void attribute(String name, String value) {}
}
