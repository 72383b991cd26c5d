package dev.geminilive.mock.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The small JSON-path dialect scenarios use to point into a message: {@code $.a.b[0].c}, with
 * {@code [*]} for "any element". The leading {@code $.} is optional. Enough for matching fields
 * without pulling in a query language QA would have to learn.
 */
public final class JsonPath {
  private static final Object ANY = new Object();

  private final String text;
  private final List<Object> segments;

  private JsonPath(String text, List<Object> segments) {
    this.text = text;
    this.segments = segments;
  }

  /** Parses a path; throws {@link IllegalArgumentException} with a message for people. */
  public static JsonPath parse(String text) {
    String s = text.trim();
    if (s.startsWith("$")) {
      s = s.substring(1);
      if (s.startsWith(".")) {
        s = s.substring(1);
      }
    }
    List<Object> segments = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '[') {
        int close = s.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' in path \"" + text + "\"");
        }
        String inside = s.substring(i + 1, close).trim();
        if (inside.equals("*")) {
          segments.add(ANY);
        } else if (inside.matches("[0-9]+")) {
          segments.add(Integer.parseInt(inside));
        } else if (inside.matches("'[^']*'|\"[^\"]*\"")) {
          segments.add(inside.substring(1, inside.length() - 1));
        } else {
          throw new IllegalArgumentException(
              "\"[" + inside + "]\" in path \"" + text + "\" must be an index, [*] or a quoted name");
        }
        i = close + 1;
      } else if (c == '.') {
        i++;
        if (i >= s.length() || s.charAt(i) == '.' || s.charAt(i) == '[') {
          throw new IllegalArgumentException("empty name in path \"" + text + "\"");
        }
      } else {
        int end = i;
        while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
          end++;
        }
        String name = s.substring(i, end);
        if (!name.matches("[A-Za-z0-9_\\-]+")) {
          throw new IllegalArgumentException("bad name \"" + name + "\" in path \"" + text + "\"");
        }
        segments.add(name);
        i = end;
      }
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    return new JsonPath(text, List.copyOf(segments));
  }

  /** Every node the path reaches; empty when nothing is there. */
  public List<JsonNode> select(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Object seg : segments) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (seg == ANY) {
          if (node.isArray() || node.isObject()) {
            node.elements().forEachRemaining(next::add);
          }
        } else if (seg instanceof Integer index) {
          if (node.isArray() && index < node.size()) {
            next.add(node.get(index));
          }
        } else if (node.isObject() && node.has((String) seg)) {
          next.add(node.get((String) seg));
        }
      }
      current = next;
    }
    return current;
  }

  /**
   * The path's parts as written: a name, {@code [n]} for an index, {@code [*]} for any element;
   * for checking a path against a message schema.
   */
  public List<String> parts() {
    List<String> out = new ArrayList<>();
    for (Object seg : segments) {
      out.add(seg == ANY ? "[*]" : seg instanceof Integer i ? "[" + i + "]" : (String) seg);
    }
    return out;
  }

  /** The first node the path reaches, or null. */
  public JsonNode first(JsonNode root) {
    List<JsonNode> all = select(root);
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public String toString() {
    return text;
  }
}
