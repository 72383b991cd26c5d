package dev.geminilive.mock.protocol;

/**
 * One message from client to server. On the wire it is a JSON object with exactly one of these
 * keys: {@code setup}, {@code clientContent}, {@code realtimeInput}, {@code toolResponse},
 * {@code contextUpdate} (each also accepted in snake_case).
 */
public sealed interface ClientMessage
    permits Setup, ClientContent, RealtimeInput, ToolResponse, ContextUpdate {

  /** The camelCase wire key of this message, e.g. {@code realtimeInput}. */
  String wireKey();

  /** A short, stable name for journals and scenario matching, e.g. {@code realtimeInput.audio}. */
  default String kind() {
    return wireKey();
  }
}
