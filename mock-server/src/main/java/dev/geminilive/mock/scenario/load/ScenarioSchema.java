package dev.geminilive.mock.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The published JSON Schema ({@code scenarios/schema/scenario.schema.json}, copied into the jar
 * at build time), applied to a parsed file. Thread-safe; load once.
 */
public final class ScenarioSchema {
  static final String RESOURCE = "/scenario-schema/scenario.schema.json";

  /**
   * One schema error: where (a JSON pointer) and what.
   *
   * @param keyword the JSON Schema keyword that failed, e.g. {@code enum}
   * @param allowed for {@code enum}: the allowed values; else empty
   * @param written the value as written (text), or null
   */
  public record Violation(String pointer, boolean atKey, String message, String keyword, List<String> allowed,
      String written) {
    public Violation(String pointer, boolean atKey, String message) {
      this(pointer, atKey, message, "", List.of(), null);
    }
  }

  private final Schema schema;
  /** The schema document itself, to name the keys an object may have. */
  private final JsonNode document;

  private ScenarioSchema(Schema schema, JsonNode document) {
    this.schema = schema;
    this.document = document;
  }

  public static ScenarioSchema bundled() {
    try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      return new ScenarioSchema(registry.getSchema(document), document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Violation> validate(JsonNode tree) {
    List<Violation> out = new ArrayList<>();
    for (Error e : schema.validate(tree)) {
      String pointer = pointer(e.getInstanceLocation());
      boolean atKey = false;
      if (("additionalProperties".equals(e.getKeyword()) || "propertyNames".equals(e.getKeyword()))
          && e.getProperty() != null) {
        pointer = pointer + "/" + LocatedTree.escape(e.getProperty());
        atKey = true;
      }
      List<String> allowed = new ArrayList<>();
      if ("enum".equals(e.getKeyword()) && e.getSchemaNode() != null && e.getSchemaNode().isArray()) {
        e.getSchemaNode().forEach(v -> allowed.add(v.asText()));
      }
      String written = e.getInstanceNode() == null ? null
          : e.getInstanceNode().isValueNode() ? e.getInstanceNode().asText() : e.getInstanceNode().toString();
      out.add(new Violation(pointer, atKey, e.getMessage(), e.getKeyword() == null ? "" : e.getKeyword(),
          List.copyOf(allowed), written));
    }
    return out;
  }

  /**
   * The keys the schema names for the object at {@code instancePointer} (e.g. {@code /steps/0/expect}
   * gives type, match, capture, ...); empty when it names none there.
   */
  public java.util.Set<String> knownKeys(String instancePointer) {
    JsonNode node = resolve(document);
    if (!instancePointer.isEmpty()) {
      for (String seg : instancePointer.substring(1).split("/")) {
        String name = seg.replace("~1", "/").replace("~0", "~");
        JsonNode next = node.path("properties").get(name);
        if (next == null && name.matches("[0-9]+")) {
          next = node.get("items");
        }
        if (next == null) {
          return java.util.Set.of();
        }
        node = resolve(next);
      }
    }
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    node.path("properties").fieldNames().forEachRemaining(keys::add);
    keys.remove("$schema");
    return keys;
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int i = 0; i < 10 && n.has("$ref"); i++) {
      String ref = n.get("$ref").asText();
      n = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
    }
    return n;
  }

  static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    if (path == null) {
      return "";
    }
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      sb.append('/').append(LocatedTree.escape(String.valueOf(element)));
    }
    return sb.toString();
  }
}
