package dev.geminilive.mock.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Turns a recorded client message into an {@code expect} step with the matchers a person would
 * write: the fields that say what the client meant (the model, the modalities, the tool names,
 * the words of a turn, the ids of tool results), not the whole message byte for byte. The message
 * itself is kept as the step's {@code example}, which the validator checks against the matchers.
 */
final class ClientExpectations {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Longer texts are matched by their start, so a maintainer can reword the tail. */
  private static final int LONG_TEXT = 120;

  private ClientExpectations() {}

  /**
   * @param tree the message as the scenario engine sees it (typed, camelCase), e.g.
   *     {@code {"setup": {...}}}
   * @param generated recorded server-generated ids and the capture that stands for each
   */
  static ObjectNode expect(String kind, JsonNode tree, GeneratedIds generated) {
    Map<String, String> ids = generated.captures();
    ObjectNode expect = NODES.objectNode();
    expect.put("type", kind);
    ObjectNode match = NODES.objectNode();
    switch (kind) {
      case "setup" -> setup(tree.path("setup"), match);
      case "clientContent" -> clientContent(tree.path("clientContent"), match);
      case "realtimeInput.text" -> text(match, "realtimeInput.text", tree.path("realtimeInput").path("text"));
      case "toolResponse" -> toolResponse(tree.path("toolResponse"), match, ids);
      default -> {
        // activity signals, audioStreamEnd, contextUpdate, media: the type says it all
      }
    }
    if (!match.isEmpty()) {
      expect.set("match", match);
    }
    if (tree != null && (!kind.startsWith("realtimeInput.") || kind.equals("realtimeInput.text"))) {
      expect.set("example", generated.substitute(tree));
    }
    return expect;
  }

  private static void setup(JsonNode setup, ObjectNode match) {
    put(match, "setup.model", setup.path("model"));
    JsonNode modalities = setup.path("generationConfig").path("responseModalities");
    for (int i = 0; i < modalities.size(); i++) {
      put(match, "setup.generationConfig.responseModalities[" + i + "]", modalities.get(i));
    }
    JsonNode tools = setup.path("tools");
    for (int t = 0; t < tools.size(); t++) {
      JsonNode declarations = tools.get(t).path("functionDeclarations");
      for (int d = 0; d < declarations.size(); d++) {
        put(match, "setup.tools[" + t + "].functionDeclarations[" + d + "].name", declarations.get(d).path("name"));
      }
    }
    for (String flag : new String[] {"inputAudioTranscription", "outputAudioTranscription", "sessionResumption"}) {
      if (setup.has(flag)) {
        match.set("setup." + flag, NODES.objectNode().put("present", true));
      }
    }
  }

  private static void clientContent(JsonNode content, ObjectNode match) {
    JsonNode turns = content.path("turns");
    for (int t = 0; t < turns.size(); t++) {
      JsonNode turn = turns.get(t);
      put(match, "clientContent.turns[" + t + "].role", turn.path("role"));
      JsonNode parts = turn.path("parts");
      for (int p = 0; p < parts.size(); p++) {
        text(match, "clientContent.turns[" + t + "].parts[" + p + "].text", parts.get(p).path("text"));
      }
    }
    put(match, "clientContent.turnComplete", content.path("turnComplete"));
  }

  private static void toolResponse(JsonNode response, ObjectNode match, Map<String, String> ids) {
    JsonNode responses = response.path("functionResponses");
    for (int i = 0; i < responses.size(); i++) {
      JsonNode r = responses.get(i);
      JsonNode id = r.path("id");
      if (id.isTextual() && ids.containsKey(id.asText())) {
        match.put("toolResponse.functionResponses[" + i + "].id", "${" + ids.get(id.asText()) + "}");
      } else {
        put(match, "toolResponse.functionResponses[" + i + "].id", id);
      }
      put(match, "toolResponse.functionResponses[" + i + "].name", r.path("name"));
    }
  }

  private static void text(ObjectNode match, String path, JsonNode text) {
    if (!text.isTextual()) {
      return;
    }
    String s = text.asText();
    if (s.length() <= LONG_TEXT) {
      match.put(path, s);
    } else {
      match.set(path, NODES.objectNode().put("regex", "^" + java.util.regex.Pattern.quote(s.substring(0, LONG_TEXT))));
    }
  }

  private static void put(ObjectNode match, String path, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      match.set(path, value);
    }
  }
}
