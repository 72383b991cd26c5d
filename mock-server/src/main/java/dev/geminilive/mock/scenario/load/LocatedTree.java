package dev.geminilive.mock.scenario.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario file read into a JSON tree that remembers where each node was written: a map from
 * JSON pointer to the line and column of the value, and of the key that named it. Built from
 * Jackson's streaming parser (YAML or JSON) so every schema or semantic error can point at its
 * exact place.
 */
public final class LocatedTree {
  /** A line and column, both 1-based. */
  public record Position(int line, int column) {}

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, Position> values;
  private final Map<String, Position> keys;
  private final List<ScenarioProblem> problems;

  private LocatedTree(JsonNode root, Map<String, Position> values, Map<String, Position> keys,
      List<ScenarioProblem> problems) {
    this.root = root;
    this.values = values;
    this.keys = keys;
    this.problems = problems;
  }

  /**
   * Parses {@code text}; YAML unless {@code json}. Syntax errors and duplicate keys come back as
   * problems, and then {@link #root()} may be null.
   */
  public static LocatedTree parse(String displayName, String text, boolean json) {
    Map<String, Position> values = new HashMap<>();
    Map<String, Position> keys = new HashMap<>();
    List<ScenarioProblem> problems = new ArrayList<>();
    JsonNode root = null;
    try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
      Builder b = new Builder(p, displayName, values, keys, problems);
      if (p.nextToken() == null) {
        problems.add(new ScenarioProblem(displayName, 1, 1, "the file is empty"));
      } else {
        root = b.read("");
        JsonToken extra = p.nextToken();
        if (extra != null) {
          Position at = position(p.currentTokenLocation());
          problems.add(new ScenarioProblem(displayName, at.line(), at.column(),
              "only one scenario per file; a second document starts here"));
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      Position at = loc == null ? new Position(1, 1) : position(loc);
      String message = firstLine(e.getOriginalMessage());
      if (!json && e.getOriginalMessage() != null) {
        // SnakeYAML's text carries the exact marks; the last one is where the problem is.
        // SnakeYAML gives a context mark, then a problem mark. At an unexpected end of the file
        // the context (where the unclosed thing opened) is the useful one; otherwise the problem.
        // "could not find expected ':'" marks the line after the key that lacks it: the context
        // mark is the line of the mistake.
        boolean atEnd = e.getOriginalMessage().contains("end of stream")
            || e.getOriginalMessage().contains("could not find expected ':'");
        Matcher mark = MARK.matcher(e.getOriginalMessage());
        boolean first = true;
        while (mark.find()) {
          if (first || !atEnd) {
            at = new Position(Integer.parseInt(mark.group(1)), Integer.parseInt(mark.group(2)));
          }
          first = false;
        }
        message = yamlMessage(e.getOriginalMessage()) + hint(e.getOriginalMessage(), at.line());
        Position slip = keyWithoutColonAbove(text, e.getOriginalMessage(), at);
        if (slip != null) {
          at = slip;
          message = "line " + slip.line() + " has no \":\" after its key, so YAML reads the next line as part of"
              + " its value; write key: value";
        }
      }
      problems.add(new ScenarioProblem(displayName, at.line(), at.column(),
          (json ? "JSON" : "YAML") + " syntax error: " + message));
      root = null;
    } catch (IOException e) {
      problems.add(new ScenarioProblem(displayName, 1, 1, "cannot parse: " + e.getMessage()));
      root = null;
    }
    return new LocatedTree(root, values, keys, problems);
  }

  public JsonNode root() {
    return root;
  }

  /** Syntax problems found while parsing. */
  public List<ScenarioProblem> problems() {
    return problems;
  }

  /** Where the value at {@code pointer} was written, or the nearest enclosing node's place. */
  public Position valueAt(String pointer) {
    String p = pointer;
    while (true) {
      Position at = values.get(p);
      if (at != null) {
        return at;
      }
      if (p.isEmpty()) {
        return new Position(1, 1);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** Where the key naming the node at {@code pointer} was written (falls back to the value). */
  public Position keyAt(String pointer) {
    Position at = keys.get(pointer);
    return at != null ? at : valueAt(pointer);
  }

  /** Escapes one JSON-pointer segment. */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static Position position(JsonLocation loc) {
    return new Position(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

  /** SnakeYAML's message without its marks and source excerpts: "while ...; expected ...". */
  private static String yamlMessage(String raw) {
    List<String> parts = new ArrayList<>();
    for (String line : raw.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("in 'reader'") || line.startsWith("    ") || t.equals("^")) {
        continue;
      }
      parts.add(t);
    }
    return parts.isEmpty() ? "malformed" : String.join("; ", parts);
  }

  /**
   * "mapping values are not allowed here" on a key line right after a line with no colon at all
   * ({@code text "hi"}) is a colon missing on that earlier line: report it there.
   */
  private static Position keyWithoutColonAbove(String text, String raw, Position at) {
    if (!raw.contains("mapping values are not allowed here") || at.line() < 2) {
      return null;
    }
    String[] lines = text.split("\n", -1);
    if (at.line() - 2 >= lines.length) {
      return null;
    }
    String before = lines[at.line() - 2];
    String t = before.strip();
    if (t.isEmpty() || t.startsWith("#") || t.contains(":") || t.startsWith("- ") && t.length() == 1) {
      return null;
    }
    return new Position(at.line() - 1, before.indexOf(t.charAt(0)) + 1);
  }

  /** What to do about the usual YAML slips, in words. */
  private static String hint(String raw, int line) {
    if (raw.contains("(TAB)") || raw.contains("'\\t'")) {
      return " (YAML indents with spaces, not tabs: replace the tabs on line " + line + ")";
    }
    if (raw.contains("expected <block end>, but found '<block mapping start>'")
        || raw.contains("expected <block end>, but found '<scalar>'")) {
      return " (check the indentation of line " + line + ": keys of one mapping must start in the same column;"
          + " a key that belongs under the one above needs more spaces than it)";
    }
    if (raw.contains("expected <block end>, but found '?'") || raw.contains("expected <block end>, but found '-'")) {
      return " (check line " + line + ": list items start with \"- \" (a dash and a space), all in the same column)";
    }
    if (raw.contains("could not find expected ':'")) {
      return " (line " + line + " has a key without \":\"; write key: value)";
    }
    if (raw.contains("mapping values are not allowed here")) {
      return " (line " + line + " has a \": \" inside a value: put the value in quotes, or move the nested key to"
          + " its own line, indented)";
    }
    return "";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  private static final class Builder {
    private final JsonParser p;
    private final String file;
    private final Map<String, Position> values;
    private final Map<String, Position> keys;
    private final List<ScenarioProblem> problems;

    Builder(JsonParser p, String file, Map<String, Position> values, Map<String, Position> keys,
        List<ScenarioProblem> problems) {
      this.p = p;
      this.file = file;
      this.values = values;
      this.keys = keys;
      this.problems = problems;
    }

    /** Reads the value at the current token. */
    JsonNode read(String pointer) throws IOException {
      JsonToken t = p.currentToken();
      values.put(pointer, position(p.currentTokenLocation()));
      switch (t) {
        case START_OBJECT -> {
          ObjectNode object = NODES.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String child = pointer + "/" + escape(name);
            Position keyAt = position(p.currentTokenLocation());
            p.nextToken();
            if (object.has(name)) {
              problems.add(new ScenarioProblem(file, keyAt.line(), keyAt.column(),
                  "duplicate key \"" + name + "\""));
            }
            keys.put(child, keyAt);
            object.set(name, read(child));
          }
          return object;
        }
        case START_ARRAY -> {
          ArrayNode array = NODES.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(pointer + "/" + i++));
          }
          return array;
        }
        case VALUE_STRING -> {
          return NODES.textNode(p.getText());
        }
        case VALUE_NUMBER_INT -> {
          return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          return NODES.numberNode(p.getDoubleValue());
        }
        case VALUE_TRUE -> {
          return NODES.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return NODES.booleanNode(false);
        }
        case VALUE_NULL -> {
          return NODES.nullNode();
        }
        case VALUE_EMBEDDED_OBJECT -> {
          Object o = p.getEmbeddedObject();
          return NODES.textNode(o == null ? "" : o.toString());
        }
        default -> throw new IOException("unexpected " + t);
      }
    }
  }
}
