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

  /** One schema error: where (a JSON pointer) and what. */
  public record Violation(String pointer, boolean atKey, String message) {}

  private final Schema schema;

  private ScenarioSchema(Schema schema) {
    this.schema = schema;
  }

  public static ScenarioSchema bundled() {
    try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      return new ScenarioSchema(registry.getSchema(in));
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
      out.add(new Violation(pointer, atKey, e.getMessage()));
    }
    return out;
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
