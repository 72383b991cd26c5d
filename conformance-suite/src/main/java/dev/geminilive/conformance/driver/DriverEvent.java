package dev.geminilive.conformance.driver;

import java.util.List;
import java.util.Map;

/**
 * What a client surfaced to its application, reported by the driver. The same events travel as
 * JSON lines in the stdio protocol ({@code docs/driver-protocol.md}).
 */
public sealed interface DriverEvent {
  /** The JSON-lines name of the event. */
  String type();

  /** The connection is ready (the client saw {@code setupComplete}). */
  record Connected() implements DriverEvent {
    public String type() { return "connected"; }
  }

  /** Model audio as the client hands it to the application: PCM16LE mono at {@code sampleRate}. */
  record Audio(byte[] pcm, int sampleRate) implements DriverEvent {
    public String type() { return "audio"; }
  }

  /**
   * Playback progress: {@code bytes} of model audio (PCM16 at the rate it arrived with) the
   * client's audio output has played since connect, cumulative. Sent while playing and when
   * playback stops or is flushed.
   */
  record Played(long bytes) implements DriverEvent {
    public String type() { return "played"; }
  }

  record Text(String text) implements DriverEvent {
    public String type() { return "text"; }
  }

  record InputTranscript(String text) implements DriverEvent {
    public String type() { return "inputTranscript"; }
  }

  record OutputTranscript(String text) implements DriverEvent {
    public String type() { return "outputTranscript"; }
  }

  record ToolCall(String id, String name, Map<String, Object> args) implements DriverEvent {
    public String type() { return "toolCall"; }
  }

  record ToolCancel(List<String> ids) implements DriverEvent {
    public String type() { return "toolCancel"; }
  }

  record Interrupted() implements DriverEvent {
    public String type() { return "interrupted"; }
  }

  record TurnComplete() implements DriverEvent {
    public String type() { return "turnComplete"; }
  }

  /** The client declined or changed something the application asked for, and said so. */
  record Warning(String message) implements DriverEvent {
    public String type() { return "warning"; }
  }

  /** An error reached the application; code and reason are null when the client gave none. */
  record Error(Integer code, String reason, String message) implements DriverEvent {
    public String type() { return "error"; }
  }

  /** The connection closed; code and reason as the client reported them (null when not given). */
  record Closed(Integer code, String reason) implements DriverEvent {
    public String type() { return "closed"; }
  }
}
