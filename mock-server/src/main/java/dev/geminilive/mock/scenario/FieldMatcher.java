package dev.geminilive.mock.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of an expectation's {@code match:} block: a path into the client message and the
 * checks its value must pass. All checks must hold for one of the values the path reaches.
 *
 * @param path where to look
 * @param equals the exact value (numbers compare by value; strings may use {@code ${capture}})
 * @param regex a regular expression found anywhere in the text (anchor with ^ and $)
 * @param contains a substring of the text, or an element of an array
 * @param present true: something is there; false: nothing is there
 * @param min smallest number allowed (inclusive)
 * @param max largest number allowed (inclusive)
 * @param where the line in the scenario file
 */
public record FieldMatcher(
    JsonPath path,
    JsonNode equals,
    Pattern regex,
    String contains,
    Boolean present,
    Double min,
    Double max,
    SourceRef where) {

  /** Null when the message passes; otherwise what was expected and what was found. */
  public String check(JsonNode message, Captures captures) {
    List<JsonNode> found = path.select(message);
    if (present != null) {
      if (present && found.isEmpty()) {
        return path + ": expected a value, found none";
      }
      if (!present && !found.isEmpty()) {
        return path + ": expected no value, found " + found.get(0);
      }
    }
    if (equals == null && regex == null && contains == null && min == null && max == null) {
      return null;
    }
    if (found.isEmpty()) {
      return path + ": expected " + describe(captures) + ", found nothing";
    }
    for (JsonNode value : found) {
      if (passes(value, captures)) {
        return null;
      }
    }
    return path + ": expected " + describe(captures) + ", got "
        + (found.size() == 1 ? found.get(0).toString() : found.toString());
  }

  private boolean passes(JsonNode value, Captures captures) {
    if (equals != null && !sameValue(captures.resolve(equals), value)) {
      return false;
    }
    if (regex != null && !(value.isValueNode() && regex.matcher(value.asText()).find())) {
      return false;
    }
    if (contains != null) {
      String wanted = captures.resolve(contains);
      boolean ok;
      if (value.isArray()) {
        ok = false;
        for (JsonNode e : value) {
          ok |= e.isValueNode() && e.asText().equals(wanted);
        }
      } else {
        ok = value.isValueNode() && value.asText().contains(wanted);
      }
      if (!ok) {
        return false;
      }
    }
    if (min != null || max != null) {
      if (!value.isNumber()) {
        return false;
      }
      double d = value.asDouble();
      if ((min != null && d < min) || (max != null && d > max)) {
        return false;
      }
    }
    return true;
  }

  static boolean sameValue(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  /** The checks in words, e.g. {@code equals "x" and matches /a+/}. */
  public String describe(Captures captures) {
    List<String> parts = new ArrayList<>();
    if (equals != null) parts.add("equals " + captures.resolve(equals));
    if (regex != null) parts.add("matches /" + regex.pattern() + "/");
    if (contains != null) parts.add("contains \"" + captures.resolve(contains) + "\"");
    if (min != null && max != null) parts.add("between " + num(min) + " and " + num(max));
    else if (min != null) parts.add(">= " + num(min));
    else if (max != null) parts.add("<= " + num(max));
    if (present != null) parts.add(present ? "present" : "absent");
    return String.join(" and ", parts);
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
