package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code realtimeInput}: exactly one of its fields per message (the SDKs enforce that, and the
 * decoder checks it).
 */
public record RealtimeInput(
    Blob audio,
    Blob video,
    String text,
    JsonNode activityStart,
    JsonNode activityEnd,
    Boolean audioStreamEnd,
    List<Blob> mediaChunks)
    implements ClientMessage {

  @Override
  public String wireKey() {
    return "realtimeInput";
  }

  /** Which field is set: {@code audio}, {@code video}, {@code text}, {@code activityStart}, ... */
  public String field() {
    if (audio != null) return "audio";
    if (video != null) return "video";
    if (text != null) return "text";
    if (activityStart != null) return "activityStart";
    if (activityEnd != null) return "activityEnd";
    if (audioStreamEnd != null) return "audioStreamEnd";
    if (mediaChunks != null) return "mediaChunks";
    return "";
  }

  int fieldCount() {
    int n = 0;
    if (audio != null) n++;
    if (video != null) n++;
    if (text != null) n++;
    if (activityStart != null) n++;
    if (activityEnd != null) n++;
    if (audioStreamEnd != null) n++;
    if (mediaChunks != null) n++;
    return n;
  }

  @Override
  public String kind() {
    return "realtimeInput." + field();
  }
}
