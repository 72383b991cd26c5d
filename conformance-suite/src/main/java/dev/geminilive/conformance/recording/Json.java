package dev.geminilive.conformance.recording;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads client JSON the way the service does: every field in camelCase or snake_case. */
public final class Json {
  private Json() {}

  public static JsonNode field(JsonNode node, String camel) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(camel);
    if (v == null) {
      v = node.get(snake(camel));
    }
    return v == null || v.isNull() ? null : v;
  }

  /** Follows a path of camelCase names, each matched in either spelling. */
  public static JsonNode at(JsonNode node, String... camelPath) {
    JsonNode n = node;
    for (String p : camelPath) {
      n = field(n, p);
      if (n == null) return null;
    }
    return n;
  }

  public static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
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
