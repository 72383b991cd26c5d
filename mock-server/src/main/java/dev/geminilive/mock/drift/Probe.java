package dev.geminilive.mock.drift;

import java.util.List;

/**
 * One behaviour a model profile asserts, as a short session: a setup (with the fields under test)
 * and a few client actions. Its outcome on the upstream is compared with its outcome on the mock.
 *
 * @param id short name, also the exchange's file name
 * @param behaviour what the profiles assert, for the table
 * @param setupFields extra JSON fields of {@code setup} (without braces), may be empty
 * @param actions what the client does after {@code setupComplete}
 * @param audioMillis microphone audio the probe sends, for the cost estimate
 */
record Probe(String id, String behaviour, String setupFields, List<Action> actions, int audioMillis) {

  /** A client action. */
  sealed interface Action {}

  /** Send a client message as written. */
  record Send(String json) implements Action {}

  /** Wait for the end of the model's turn (turnComplete), a close, or the probe timeout. */
  record AwaitTurn() implements Action {}

  /** Collect whatever comes for {@code ms} (messages that follow a turn, e.g. resumption updates). */
  record Listen(int ms) implements Action {}

  /** Counts the model turns the probe waits for, for the cost estimate. */
  int turns() {
    return (int) actions.stream().filter(a -> a instanceof AwaitTurn).count();
  }
}
