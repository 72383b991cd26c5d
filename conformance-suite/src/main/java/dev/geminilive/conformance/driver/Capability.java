package dev.geminilive.conformance.driver;

/**
 * What a driver can make its client do. A rule that needs a capability the driver does not
 * declare is reported UNSUPPORTED, never failed.
 */
public enum Capability {
  /** {@code sendText}: a user text turn. */
  TEXT_INPUT,
  /** {@code sendAudio} and {@code endAudio}: microphone audio at the driver's native rate. */
  AUDIO_INPUT,
  /** {@code activityStart}/{@code activityEnd} with automatic activity detection disabled. */
  MANUAL_ACTIVITY,
  /** Audio, transcriptions, interrupted and turn-complete events from the server. */
  AUDIO_OUTPUT,
  /** Function declarations in the config, toolCall events and {@code respondToTool}. */
  TOOLS,
  /** {@code updateInstructions}, {@code addContext}, {@code requestReply} mid-session. */
  MID_SESSION_UPDATES,
  /** {@code initialHistory} in the connect request. */
  INITIAL_HISTORY,
  /** {@code thinkingLevel}/{@code thinkingBudget} in the connect request. */
  THINKING_CONFIG,
  /** {@code affectiveDialog}/{@code proactiveAudio} in the connect request. */
  AFFECTIVE_DIALOG,
  /** {@code responseModalities} other than AUDIO in the connect request. */
  RESPONSE_MODALITIES,
  /** Close codes and reasons reported in {@code closed}/{@code error} events. */
  CLOSE_REPORTING,
  /** {@code sendVideoFrame}: camera frames the client forwards (or thins out). */
  VIDEO_INPUT,
  /** {@code sessionResumption} in the connect request: the client itself resumes after goAway. */
  SESSION_RESUMPTION,
  /**
   * {@code played} events: the client (or the framework glue the driver represents) owns the
   * audio output and reports how much model audio it has played, so barge-in can be judged.
   */
  PLAYBACK,
}
