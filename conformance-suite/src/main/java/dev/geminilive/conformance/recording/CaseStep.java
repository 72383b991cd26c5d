package dev.geminilive.conformance.recording;

/**
 * A point a case's script reaches. Rules declare the steps that must have happened before they
 * can be judged; a rule whose steps were not reached is never PASS: it says which step failed
 * and why (a driver call that failed, the server's close code and reason, a timeout).
 */
public enum CaseStep {
  CONNECTED("the client connected (connect returned)"),
  TEXT_SENT("the user's first text turn reached the server"),
  MODEL_TURN_DONE("a model turn completed (the server sent turnComplete)"),
  TEXT_AFTER_MODEL_TURN("a text turn after a model turn reached the server"),
  AUDIO_TURN("an audio turn after a model turn reached the server"),
  TOOL_ANSWERED("a tool call in the middle of the conversation was answered"),
  CONVERSATION_DONE("every turn of the ordinary conversation completed"),
  REPLY_PLAYED("the server played the reply"),
  INTERRUPTED_SENT("the server interrupted its reply"),
  AUDIO_SENT("the microphone audio was handed to the client"),
  AUDIO_ENDED("the end of the microphone stream was handed to the client"),
  TOOL_CALLS_SURFACED("the tool calls and the cancellation were sent"),
  TOOLS_ANSWERED("the application answered the tool calls"),
  UPDATES_DONE("the application made its mid-session calls"),
  VIDEO_SENT("the camera frames were handed to the client"),
  GO_AWAY_SENT("the server sent a resumption handle and goAway"),
  BAD_FRAMES_SENT("the server sent the unreadable frames"),
  SERVER_CLOSED("the server closed the established session");

  private final String description;

  CaseStep(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
