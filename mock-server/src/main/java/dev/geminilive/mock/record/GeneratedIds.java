package dev.geminilive.mock.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Ids the upstream generated (tool call ids, resumption handles). A replay generates its own, so
 * the recording names each one as a capture ({@code call1}, {@code handle1}) and writes
 * {@code ${call1}} wherever the recorded value shows up again.
 */
final class GeneratedIds {
  private final Map<String, String> captureOf = new HashMap<>();
  private int calls;
  private int handles;

  String newCall(String recorded) {
    return remember(recorded, "call" + (++calls));
  }

  String newHandle(String recorded) {
    return remember(recorded, "handle" + (++handles));
  }

  private String remember(String recorded, String name) {
    if (recorded != null && !recorded.isEmpty()) {
      captureOf.putIfAbsent(recorded, name);
    }
    return name;
  }

  Map<String, String> captures() {
    return captureOf;
  }

  /** A copy of {@code node} with every string equal to a recorded id replaced by its reference. */
  JsonNode substitute(JsonNode node) {
    if (captureOf.isEmpty() || node == null) {
      return node;
    }
    if (node.isTextual()) {
      String name = captureOf.get(node.asText());
      return name == null ? node : JsonNodeFactory.instance.textNode("${" + name + "}");
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), substitute(e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> copy.add(substitute(e)));
      return copy;
    }
    return node;
  }
}
