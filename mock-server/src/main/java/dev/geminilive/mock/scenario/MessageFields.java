package dev.geminilive.mock.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.protocol.ClientContent;
import dev.geminilive.mock.protocol.ContextUpdate;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.protocol.ToolResponse;
import dev.geminilive.mock.text.Spelling;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields a client message can have, derived from the typed protocol model (the records of the
 * {@code protocol} package): a match path that leaves them can never match, because the engine
 * matches the message as that model writes it back. Fields typed as free JSON ({@code JsonNode},
 * e.g. function arguments) accept any path below them.
 *
 * <p>The one place that knows the shape of client messages for the scenario checks; another field
 * catalogue can replace it by implementing {@link #check}.
 */
public final class MessageFields {
  /** What a path reaches in the model. */
  sealed interface Shape permits Fields, ListOf, Open, Scalar {}

  record Fields(Class<?> type) implements Shape {}

  record ListOf(Shape element) implements Shape {}

  /** Free JSON: anything below is possible. */
  record Open() implements Shape {}

  /** A text, number or boolean value: nothing below it. */
  record Scalar(String what) implements Shape {}

  private static final Map<Class<?>, Map<String, Shape>> FIELDS = new ConcurrentHashMap<>();

  private static final Map<String, Class<?>> TOP = Map.of(
      "setup", Setup.class,
      "clientContent", ClientContent.class,
      "toolResponse", ToolResponse.class,
      "contextUpdate", ContextUpdate.class,
      "realtimeInput", RealtimeInput.class);

  private MessageFields() {}

  /**
   * Null when {@code path} can reach a value in a message of {@code type} (canonical, e.g.
   * {@code realtimeInput.text}); otherwise why it never can, in words for people.
   */
  public static String check(String type, JsonPath path) {
    if (type == null) {
      return null;
    }
    List<String> parts = path.parts();
    String top = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
    String only = type.contains(".") ? type.substring(type.indexOf('.') + 1) : null;
    if (!parts.get(0).equals(top)) {
      return "a " + type + " message has no \"" + parts.get(0) + "\"; its paths start with " + top
          + (only == null ? "" : "." + only) + suggestion(parts.get(0), List.of(top));
    }
    Shape shape = new Fields(TOP.get(top));
    StringBuilder at = new StringBuilder(top);
    for (int i = 1; i < parts.size(); i++) {
      String part = parts.get(i);
      boolean index = part.startsWith("[");
      if (shape instanceof Open) {
        return null;
      }
      if (i == 1 && only != null && !index && !part.equals(only)) {
        return "a " + type + " message carries only " + top + "." + only + ", never " + top + "." + part
            + (fieldsOf(RealtimeInput.class).containsKey(part) ? " (that is another message type)" : "");
      }
      if (shape instanceof Scalar s) {
        return at + " is " + s.what() + "; it has no " + (index ? "elements" : "field \"" + part + "\"");
      }
      if (shape instanceof ListOf list) {
        if (!index) {
          return at + " is a list; write " + at + "[0]." + part + " or " + at + "[*]." + part;
        }
        shape = list.element();
        at.append(part);
        continue;
      }
      Map<String, Shape> fields = fieldsOf(((Fields) shape).type());
      if (index) {
        return at + " is an object, not a list; it has no " + part;
      }
      Shape next = fields.get(part);
      if (next == null) {
        return at + " has no field \"" + part + "\"" + suggestion(part, fields.keySet())
            + " (fields: " + String.join(", ", fields.keySet()) + ")";
      }
      shape = next;
      at.append('.').append(part);
    }
    return null;
  }

  /** What the path reaches, when it is a plain value: "text", "a number", "true or false"; else null. */
  public static String scalarAt(String type, JsonPath path) {
    if (type == null || check(type, path) != null) {
      return null;
    }
    List<String> parts = path.parts();
    String top = parts.get(0);
    Shape shape = new Fields(TOP.get(top));
    for (int i = 1; i < parts.size(); i++) {
      String part = parts.get(i);
      if (shape instanceof ListOf list) {
        shape = list.element();
      } else if (shape instanceof Fields f) {
        shape = fieldsOf(f.type()).get(part);
      } else {
        return null;
      }
    }
    return shape instanceof Scalar s ? s.what() : null;
  }

  private static String suggestion(String wrong, Iterable<String> known) {
    String best = Spelling.closest(wrong, known);
    return best == null ? "" : "; did you mean \"" + best + "\"?";
  }

  private static Map<String, Shape> fieldsOf(Class<?> type) {
    return FIELDS.computeIfAbsent(type, t -> {
      Map<String, Shape> out = new LinkedHashMap<>();
      for (RecordComponent c : t.getRecordComponents()) {
        out.put(c.getName(), shapeOf(c.getGenericType()));
      }
      return out;
    });
  }

  private static Shape shapeOf(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (List.class.isAssignableFrom(raw)) {
        return new ListOf(shapeOf(p.getActualTypeArguments()[0]));
      }
      return new Open();
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class || c.isEnum()) {
      return new Scalar("text");
    }
    if (c == Boolean.class || c == boolean.class) {
      return new Scalar("true or false");
    }
    if (Number.class.isAssignableFrom(c) || c.isPrimitive()) {
      return new Scalar("a number");
    }
    if (c.isRecord()) {
      return new Fields(c);
    }
    if (JsonNode.class.isAssignableFrom(c) || c == Object.class || Map.class.isAssignableFrom(c)) {
      return new Open();
    }
    return new Open();
  }

  /** For tests and docs: every top-level field name of each message. */
  static List<String> topFields(String top) {
    return new ArrayList<>(fieldsOf(TOP.get(top)).keySet());
  }
}
