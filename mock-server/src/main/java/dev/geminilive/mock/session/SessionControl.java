package dev.geminilive.mock.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.network.NetworkConditions;
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

  /**
   * Records a finding: something the client did that the server tolerated but a conformance
   * report should show (see {@code docs/model-profiles.md}).
   */
  default void finding(String rule, String detail) {
    note("finding", rule + ": " + detail);
  }

  /** Function call ids the server issued that are neither answered for good nor cancelled. */
  default java.util.Set<String> outstandingCallIds() {
    return java.util.Set.of();
  }

  /**
   * The responder gave up these function calls without a {@code toolCallCancellation} (as 3.8
   * does after a barge-in); a late response to them is then a response nobody waits for.
   */
  default void dropCalls(java.util.List<String> ids) {}

  /** Writes an event with structured detail (e.g. a scenario's near-miss report). */
  default void note(String kind, String text, JsonNode detail) {
    note(kind, text + " " + detail);
  }

  /** Sets a fact shown in session listings, such as the scenario a session runs. */
  default void attribute(String name, String value) {}

  /**
   * A resumption handle for this session's conversation, registered so that a later setup can
   * resume with it: {@code requested} when given (a scenario's chosen handle), else a fresh one.
   */
  default String resumptionHandle(String requested) {
    return requested;
  }

  /** A paced message went out {@code latenessNanos} after it was due (for the pacing metric). */
  default void paced(long latenessNanos) {}

  /**
   * From now on, this session's server frames cross a network with these conditions (latency,
   * jitter, bandwidth, bunching, a stall); {@link NetworkConditions#NONE} restores a perfect one.
   */
  default void network(NetworkConditions conditions, String source) {}
}
