package dev.geminilive.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the examples are, and their YAML read as JSON trees. */
final class Examples {
  static final Path DIR = Path.of(System.getProperty("examples.dir", "."));
  static final String VERSION = System.getProperty("kit.version", "0.1.0-SNAPSHOT");
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper JSON = new ObjectMapper(YAML);

  private Examples() {}

  static JsonNode yaml(String relative) throws IOException {
    return JSON.readTree(DIR.resolve(relative).toFile());
  }

  /** Every document of a multi-document YAML file ({@code ---} separated). */
  static List<JsonNode> yamlDocuments(String relative) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = YAML.createParser(DIR.resolve(relative).toFile())) {
      ArrayNode all = JSON.createArrayNode();
      for (var it = JSON.readValues(parser, JsonNode.class); it.hasNext(); ) {
        all.add(it.next());
      }
      all.forEach(docs::add);
    }
    return docs;
  }
}
