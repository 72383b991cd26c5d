package dev.geminilive.conformance.rules;

/**
 * One scripted session (or attempt) the suite drives. Several rules judge the same recording,
 * so a full run costs one session per scenario and model, not one per rule.
 */
public enum Scenario {
  /** Text turn; the server answers with a known 24 kHz signal, transcriptions, turnComplete. */
  TEXT_TURN("connect, send a text turn, receive a known audio reply, close"),
  /** Known tone + chirp at the driver's native rate with automatic activity detection, then end of stream. */
  AUDIO_AUTO("connect, send a known signal with automatic activity detection, end the stream, close"),
  /** The same with automatic activity detection disabled: activityStart, audio, activityEnd. */
  AUDIO_MANUAL("connect with activity detection off, activityStart, audio, activityEnd, end of stream, close"),
  /** The server interrupts its own reply and keeps sending stale audio of that turn. */
  INTERRUPT("connect, text turn, the reply is interrupted and stale audio follows, close"),
  /** Two function calls, one cancelled; the application answers both. */
  TOOLS("connect with two functions, text turn, two tool calls and one cancellation, answer both, close"),
  /** Initial history, one turn, then instructions, context and a reply request mid-session. */
  MID_SESSION("connect with initial history, one turn, then update instructions, add context, request a reply, close"),
  /** The application asks for things the model does not support. */
  WRONG_CONFIG("connect asking for the wrong thinking field, affective dialog, proactivity and TEXT output, close"),
  /** A camera gives ten frames in one second. */
  VIDEO("connect, the application's camera gives ten JPEG frames within one second, close"),
  /** A resumption handle, then goAway, then the server ends the connection. */
  GO_AWAY("connect asking for session resumption; the server sends a handle, then goAway, then closes"),
  /** A frame that is not JSON and a message of an unknown kind, then a normal turn. */
  BAD_SERVER_FRAMES("connect; the server sends a non-JSON frame and an unknown message, then a normal text turn"),
  /** The server closes an established session with 1011 and a reason. */
  SERVER_CLOSE("connect, the server closes with 1011 and a reason"),
  /** The server closes before setupComplete (unknown model: 1008). */
  EARLY_CLOSE("connect to a model the server does not know; it closes with 1008 before setupComplete");

  private final String description;

  Scenario(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
