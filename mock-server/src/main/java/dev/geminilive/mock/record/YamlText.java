package dev.geminilive.mock.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as block-style YAML that a person can read and edit: objects and lists as
 * indented blocks, short ones and every scalar in JSON notation (which YAML reads as it is, so
 * no string can be misread as a number, a boolean or a comment).
 */
final class YamlText {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  /** Containers whose JSON is at most this long stay on one line. */
  private static final int INLINE_WIDTH = 72;

  private final StringBuilder out = new StringBuilder();

  /** A comment line at the current position (before the next key or item). */
  YamlText comment(String text, int indent) {
    for (String line : text.split("\n", -1)) {
      out.append(" ".repeat(indent)).append("# ").append(line).append('\n');
    }
    return this;
  }

  /** Writes the fields of {@code object} at {@code indent}. */
  YamlText object(JsonNode object, int indent) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      field(e.getKey(), e.getValue(), indent);
    }
    return this;
  }

  /** One {@code key: value} line (or block). */
  YamlText field(String key, JsonNode value, int indent) {
    out.append(" ".repeat(indent)).append(key(key)).append(':');
    value(value, indent);
    return this;
  }

  /** A list item ({@code - }) holding {@code value}. */
  YamlText item(JsonNode value, int indent) {
    out.append(" ".repeat(indent)).append('-');
    if (value.isObject() && !value.isEmpty()) {
      // The first field shares the dash's line; the rest line up under it.
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      Map.Entry<String, JsonNode> first = it.next();
      out.append(' ').append(key(first.getKey())).append(':');
      value(first.getValue(), indent + 2);
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        field(e.getKey(), e.getValue(), indent + 2);
      }
    } else {
      value(value, indent);
    }
    return this;
  }

  private void value(JsonNode value, int indent) {
    if (!value.isContainerNode() || inline(value)) {
      out.append(' ').append(json(value)).append('\n');
    } else if (value.isObject()) {
      out.append('\n');
      object(value, indent + 2);
    } else {
      out.append('\n');
      for (JsonNode element : value) {
        item(element, indent + 2);
      }
    }
  }

  private static boolean inline(JsonNode container) {
    return container.isEmpty() || json(container).length() <= INLINE_WIDTH;
  }

  private static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() ? key : json(JSON.getNodeFactory().textNode(key));
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
