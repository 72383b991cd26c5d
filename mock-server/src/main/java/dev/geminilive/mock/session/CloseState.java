package dev.geminilive.mock.session;

/**
 * How a session's connection ends, in one place. The session moves it (it decides every close);
 * the transport only reads it, to tell "our close frame waits for an answer" from "the client hung
 * up". It moves once, from {@link Phase#OPEN} to one of the others: the connection ends soon after
 * each of them, so nothing follows. Confined to the connection's event loop, so no locks.
 */
public final class CloseState {
  /** Who ended the session, and how. */
  public enum Phase {
    OPEN,
    /** We sent a close frame; the client's answer (or the close timeout) ends the connection. */
    CLOSE_SENT,
    /** The client ended it: its close frame came first, or the connection went away without one. */
    CLIENT_CLOSED,
    /** We reset the connection without a close frame (a simulated network fault). */
    ABORTED
  }

  private Phase phase = Phase.OPEN;

  public Phase phase() {
    return phase;
  }

  public boolean isOpen() {
    return phase == Phase.OPEN;
  }

  /** True while our close frame is out: later data frames are dropped, the client's close ends it. */
  public boolean closeSent() {
    return phase == Phase.CLOSE_SENT;
  }

  /** Moves from OPEN to {@code next}; false (and no move) if the session had already ended. */
  boolean end(Phase next) {
    if (phase != Phase.OPEN || next == Phase.OPEN) {
      return false;
    }
    phase = next;
    return true;
  }
}
