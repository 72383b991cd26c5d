package dev.geminilive.mock.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reading journalled messages, which keep the client's own key style (camelCase or snake_case). */
final class Json {
  private Json() {}

  /** The value under a path of camelCase keys, accepting snake_case at each step; null if absent. */
  static JsonNode at(JsonNode node, String... camelKeys) {
    JsonNode n = node;
    for (String k : camelKeys) {
      if (n == null || !n.isObject()) {
        return null;
      }
      JsonNode next = n.get(k);
      if (next == null) {
        next = n.get(snake(k));
      }
      n = next;
    }
    return n;
  }

  static Iterable<JsonNode> each(JsonNode array) {
    return array != null && array.isArray() ? array : List.of();
  }

  static void visitObjects(JsonNode node, Consumer<JsonNode> visitor) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      visitor.accept(node);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        visitObjects(it.next().getValue(), visitor);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        visitObjects(child, visitor);
      }
    }
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
