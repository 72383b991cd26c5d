package dev.geminilive.mock.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Hides secrets before a message is shown: values under keys that name a credential (API keys,
 * tokens, passwords, authorization), resumption handles (they resume someone's conversation), and
 * key/token parameters inside URLs. Works on a copy.
 */
final class Redactor {
  static final String MASK = "[redacted]";
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(api_?key|apikey|token|secret|password|passwd|authorization|credential|bearer|newhandle|^handle$|^key$).*");
  /** Token counts and their breakdowns are usage figures, not secrets. */
  private static final Pattern NOT_SECRET = Pattern.compile("(?i).*(count|details)$");
  private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&](?:key|access_token|token)=)[^&#\\s\"]*");

  private Redactor() {}

  static JsonNode redact(JsonNode node) {
    JsonNode copy = node.deepCopy();
    walk(copy);
    return copy;
  }

  static String text(String s) {
    return s == null ? null : SECRET_PARAM.matcher(s).replaceAll("$1" + MASK);
  }

  private static void walk(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      for (String name : names) {
        JsonNode v = o.get(name);
        if (SECRET_KEY.matcher(name).matches() && !NOT_SECRET.matcher(name).matches()
            && v.isValueNode() && !v.isNull()) {
          o.put(name, MASK);
        } else if (v.isTextual()) {
          o.put(name, text(v.asText()));
        } else {
          walk(v);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (v.isTextual()) {
          a.set(i, a.textNode(text(v.asText())));
        } else {
          walk(v);
        }
      }
    }
  }
}
