package dev.geminilive.conformance.cases;

import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.session.SessionControl;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The server's side of one of a case's sessions, as a script drives it. */
public interface CaseSession {
  /** Runs {@code action} on the session's connection (sends, closes, schedules). */
  void run(Consumer<SessionControl> action);

  boolean ended();

  /** How many client messages the server has received so far. */
  int receivedCount();

  /** How many client messages matching {@code which} the server received from the {@code from}-th on. */
  long receivedSince(int from, Predicate<ClientMessage> which);
}
