package dev.geminilive.mock.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a run captured (tool call ids, resumption handles, fields of client messages), and the
 * {@code ${name}} substitution that uses them. One instance per run, shared only by the
 * connections of one multi-connection run (hence thread-safe).
 */
public final class Captures {
  public static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Map<String, String> values = new ConcurrentHashMap<>();

  public void put(String name, String value) {
    if (value == null) {
      values.remove(name);
    } else {
      values.put(name, value);
    }
  }

  public String get(String name) {
    return values.get(name);
  }

  /** Replaces every {@code ${name}}; an unknown name is left as written. */
  public String resolve(String text) {
    if (text == null || text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** A copy of {@code node} with every string resolved. */
  public JsonNode resolve(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String r = resolve(node.asText());
      return r.equals(node.asText()) ? node : TextNode.valueOf(r);
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), resolve(e.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      for (JsonNode child : array) {
        copy.add(resolve(child));
      }
      return copy;
    }
    return node;
  }

  /** Names referenced in a string. */
  public static Set<String> referencesIn(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Names referenced anywhere in a tree's strings (keys included). */
  public static Set<String> referencesIn(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    collect(node, names);
    return names;
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      names.addAll(referencesIn(node.asText()));
    } else if (node.isObject()) {
      node.properties().forEach(e -> {
        names.addAll(referencesIn(e.getKey()));
        collect(e.getValue(), names);
      });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, names));
    }
  }
}
