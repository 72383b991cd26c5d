package dev.geminilive.mock.session;

import dev.geminilive.mock.protocol.ClientMessage;

/**
 * Decides what the server says once a session is set up: the default persona, or a scenario.
 * Called on the session's event loop only.
 */
public interface Responder {
  /**
   * Called once setup passed the profile's checks, before {@code setupComplete} goes out. Return
   * false after closing, dropping or holding the session to send no {@code setupComplete}; a
   * scenario uses this to refuse a setup the profile would accept (the profile-override hook).
   */
  default boolean admitSetup(SessionControl control) {
    return true;
  }

  /** After {@code setupComplete} went out. */
  void start(SessionControl control);

  /**
   * Every client message after setup, already validated. {@code audio} is the decoded PCM of a
   * {@code realtimeInput.audio} message and null for any other message.
   */
  void onMessage(ClientMessage message, AudioInput audio, SessionControl control);

  /**
   * A client message the profile tells the server to ignore (e.g. a tool response for an unknown
   * id). The persona ignores it too; a scenario still matches it against its script.
   */
  default void onIgnored(ClientMessage message, SessionControl control) {}

  /**
   * True when this responder sends every {@code sessionResumptionUpdate} itself: the session then
   * issues none of its own after setupComplete and turnComplete, so a client that keeps the latest
   * handle keeps the one the responder chose (a scenario that scripts resumption updates).
   */
  default boolean ownsResumptionUpdates() {
    return false;
  }

  /**
   * A model profile rule ended (or held) the session before or while this responder ran: a
   * scenario records which rule pre-empted which step. Called before the close goes out.
   */
  default void onProfileRule(String rule, String reaction, SessionControl control) {}

  /** The session ended; cancel timers. */
  void stop();
}
