package dev.geminilive.mock.scenario;

import java.util.Map;
import java.util.Set;

/** The client message types a scenario can expect, and the short aliases QA may write. */
public final class MessageType {
  public static final Set<String> CANONICAL = Set.of(
      "setup", "clientContent", "toolResponse", "contextUpdate",
      "realtimeInput.audio", "realtimeInput.video", "realtimeInput.text",
      "realtimeInput.activityStart", "realtimeInput.activityEnd",
      "realtimeInput.audioStreamEnd", "realtimeInput.mediaChunks");

  private static final Map<String, String> ALIASES = Map.of(
      "audio", "realtimeInput.audio",
      "video", "realtimeInput.video",
      "text", "realtimeInput.text",
      "activityStart", "realtimeInput.activityStart",
      "activityEnd", "realtimeInput.activityEnd",
      "audioStreamEnd", "realtimeInput.audioStreamEnd",
      "mediaChunks", "realtimeInput.mediaChunks");

  private MessageType() {}

  /** The canonical name, or null when {@code name} is no type. */
  public static String canonical(String name) {
    if (name == null) {
      return null;
    }
    if (CANONICAL.contains(name)) {
      return name;
    }
    return ALIASES.get(name);
  }
}
