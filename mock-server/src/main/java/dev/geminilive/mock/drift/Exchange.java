package dev.geminilive.mock.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one probe session did: every message both ways (audio payloads replaced by their size, so
 * the file stays small and holds nothing personal), and the outcome the comparison uses.
 */
final class Exchange {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArrayNode log = JSON.createArrayNode();
  private final List<String> segments = new ArrayList<>();
  private final long start = System.nanoTime();

  void client(JsonNode message) {
    entry("client").set("message", summarised(message));
  }

  void server(JsonNode message) {
    entry("server").set("message", summarised(message));
  }

  void serverText(String text) {
    entry("server").put("text", text.length() > 300 ? text.substring(0, 300) + "..." : text);
  }

  void closed(int code, String reason) {
    entry("server").put("close", code).put("reason", reason);
  }

  void error(String message) {
    entry("error").put("message", message);
  }

  /** One part of the outcome, e.g. {@code setupComplete} or {@code audio text turnComplete}. */
  void segment(String s) {
    segments.add(s);
  }

  /** The outcome compared between upstream and mock, e.g. {@code setupComplete | audio turnComplete}. */
  String outcome() {
    return String.join(" | ", segments);
  }

  JsonNode log() {
    return log;
  }

  private ObjectNode entry(String from) {
    ObjectNode e = log.addObject();
    e.put("ms", (System.nanoTime() - start) / 1_000_000);
    e.put("from", from);
    return e;
  }

  /** A copy with every base64 {@code data} string replaced by its decoded size. */
  static JsonNode summarised(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("data") && e.getValue().isTextual() && e.getValue().asText().length() > 64) {
          copy.put("data", "(" + e.getValue().asText().length() * 3 / 4 + " bytes)");
        } else {
          copy.set(e.getKey(), summarised(e.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(n -> copy.add(summarised(n)));
      return copy;
    }
    return node;
  }
}
