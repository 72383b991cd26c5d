package dev.geminilive.conformance.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** TOOLS: two tool calls, one cancelled, and the function responses the client sent for them. */
public final class ToolsRecording extends CaseRecording {
  /** One functionResponses entry and the toolResponse frame that carried it. */
  public record SentResponse(JsonNode response, Frame frame) {}

  public ToolsRecording(RawRecording raw) {
    super(raw);
  }

  /** Every function response the client sent, in order. */
  public List<SentResponse> functionResponses() {
    List<SentResponse> out = new ArrayList<>();
    for (Frame f : clientFrames("toolResponse")) {
      JsonNode list = Json.field(f.payload("toolResponse"), "functionResponses");
      if (list != null) {
        for (JsonNode fr : list) out.add(new SentResponse(fr, f));
      }
    }
    return out;
  }
}
