package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code toolResponse}: results of the function calls the server asked for. */
public record ToolResponse(List<FunctionResponse> functionResponses) implements ClientMessage {

  @Override
  public String wireKey() {
    return "toolResponse";
  }

  public record FunctionResponse(
      String id, String name, JsonNode response, Boolean willContinue, String scheduling) {}
}
