package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of every Live API client message, per API surface, as data: {@code live-fields.json},
 * generated from the public SDK type definitions (google-genai Java 2.0.0 and {@code @google/genai}
 * 3.3.0; see {@link #sources()}). A field either SDK can write is known, so the strict reader
 * never refuses what the service accepts; fields the SDKs' converters refuse for one surface are
 * unknown there.
 *
 * <p>Besides the decoder, the catalogue answers "is this a field of message X" for anyone who
 * checks paths (scenario match paths, for instance): see {@link #isKnownPath}.
 */
public final class FieldCatalogue {
  private static final Pattern INDEX = Pattern.compile("\\[[^\\]]*\\]");
  private static final FieldCatalogue BUNDLED = load();

  /** What a field holds on the wire. */
  public enum Kind {
    MESSAGE, ENUM, STRING, BOOL, INT32, INT64, FLOAT, DOUBLE, BYTES,
    /** {@code google.protobuf.Struct}: any JSON object. */
    STRUCT,
    /** {@code google.protobuf.Value}: any JSON value. */
    VALUE,
    DURATION, TIMESTAMP
  }

  /** How many values a field takes. */
  public enum Cardinality { SINGLE, REPEATED, MAP }

  /**
   * One field of a message type.
   *
   * @param jsonName the lowerCamelCase name
   * @param protoName the snake_case name, as the service's error texts write it
   * @param kind what it holds
   * @param type the message or enum type name (SDK spelling) for {@link Kind#MESSAGE} and {@link
   *     Kind#ENUM}, else null
   * @param cardinality single, repeated or a map with string keys
   */
  public record Field(String jsonName, String protoName, Kind kind, String type, Cardinality cardinality) {}

  private record MessageType(String name, String proto, Map<String, Field> byName, Set<String> vertexOnly,
      Set<String> developerOnly) {}

  private record EnumType(String name, String proto, Map<String, String> byUpperName, Set<String> notOnVertex) {}

  private final String root;
  private final List<String> sources;
  private final Map<String, MessageType> messages;
  private final Map<String, EnumType> enums;

  private FieldCatalogue(String root, List<String> sources, Map<String, MessageType> messages,
      Map<String, EnumType> enums) {
    this.root = root;
    this.sources = sources;
    this.messages = messages;
    this.enums = enums;
  }

  /** The catalogue bundled in the jar. */
  public static FieldCatalogue bundled() {
    return BUNDLED;
  }

  /** The SDK releases the catalogue was read from. */
  public List<String> sources() {
    return sources;
  }

  /** The type of a whole client message ({@code LiveClientMessage}). */
  public String root() {
    return root;
  }

  /** Message type names, SDK spelling ({@code LiveClientSetup}, {@code GenerationConfig}, ...). */
  public Set<String> messageTypes() {
    return Collections.unmodifiableSet(messages.keySet());
  }

  /** The fields of {@code messageType} known on {@code surface}, keyed by their camelCase name. */
  public Map<String, Field> fields(String messageType, ApiSurface surface) {
    MessageType m = messages.get(messageType);
    if (m == null) {
      return Map.of();
    }
    Map<String, Field> out = new LinkedHashMap<>();
    m.byName().forEach((name, f) -> {
      if (name.equals(f.jsonName()) && known(m, f, surface)) {
        out.put(name, f);
      }
    });
    return out;
  }

  /** The field called {@code name} (camelCase or snake_case) of {@code messageType} on {@code surface}. */
  public Optional<Field> field(String messageType, String name, ApiSurface surface) {
    MessageType m = messages.get(messageType);
    if (m == null) {
      return Optional.empty();
    }
    Field f = m.byName().get(name);
    return f != null && known(m, f, surface) ? Optional.of(f) : Optional.empty();
  }

  /**
   * Whether {@code path} names a field inside {@code messageType} on {@code surface}: dotted names
   * in either casing, indexes ({@code [0]}, {@code [*]}) ignored, map keys and anything below a
   * free-form field ({@code Struct}, {@code Value}) accepted. Example: {@code
   * isKnownPath("LiveClientSetup", "generationConfig.speechConfig.voiceConfig", surface)}.
   */
  public boolean isKnownPath(String messageType, String path, ApiSurface surface) {
    String type = messageType;
    String[] parts = INDEX.matcher(path).replaceAll("").split("\\.");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        return false;
      }
      Optional<Field> f = field(type, parts[i], surface);
      if (f.isEmpty()) {
        return false;
      }
      Field field = f.get();
      if (field.kind() == Kind.STRUCT || field.kind() == Kind.VALUE) {
        return true;
      }
      if (field.cardinality() == Cardinality.MAP && i + 1 < parts.length) {
        i++; // skip the map key
      }
      if (field.kind() != Kind.MESSAGE) {
        return i == parts.length - 1;
      }
      type = field.type();
    }
    return true;
  }

  /** The proto name of a message or enum type, relative to its package ({@code GenerationConfig.Modality}). */
  public String protoName(String type) {
    MessageType m = messages.get(type);
    if (m != null) {
      return m.proto();
    }
    EnumType e = enums.get(type);
    return e == null ? type : e.proto();
  }

  /**
   * The canonical name of {@code value} in enum {@code type} on {@code surface}, or empty when the
   * enum has no such value. Names match case-insensitively: the service takes {@code "object"} for
   * {@code OBJECT} (see docs/protocol-behaviours.md).
   */
  public Optional<String> enumValue(String type, String value, ApiSurface surface) {
    EnumType e = enums.get(type);
    if (e == null) {
      return Optional.empty();
    }
    String canonical = e.byUpperName().get(value.toUpperCase(Locale.ROOT));
    if (canonical == null || (surface.vertex() && e.notOnVertex().contains(canonical))) {
      return Optional.empty();
    }
    return Optional.of(canonical);
  }

  /** The values of enum {@code type} on {@code surface}. */
  public Set<String> enumValues(String type, ApiSurface surface) {
    EnumType e = enums.get(type);
    if (e == null) {
      return Set.of();
    }
    Set<String> out = new java.util.LinkedHashSet<>(e.byUpperName().values());
    if (surface.vertex()) {
      out.removeAll(e.notOnVertex());
    }
    return out;
  }

  private static boolean known(MessageType m, Field f, ApiSurface surface) {
    return surface.vertex() ? !m.developerOnly().contains(f.jsonName()) : !m.vertexOnly().contains(f.jsonName());
  }

  // ---- loading ----

  private static FieldCatalogue load() {
    try (InputStream in = FieldCatalogue.class.getResourceAsStream("live-fields.json")) {
      if (in == null) {
        throw new IllegalStateException("live-fields.json is missing from the jar");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FieldCatalogue parse(JsonNode doc) {
    Map<String, Set<String>> vertexOnly = byType(doc.path("vertexOnly"));
    Map<String, Set<String>> developerOnly = byType(doc.path("developerOnly"));
    Map<String, JsonNode> enumDocs = new HashMap<>();
    doc.path("enums").fields().forEachRemaining(e -> enumDocs.put(e.getKey(), e.getValue()));
    Map<String, JsonNode> messageDocs = new HashMap<>();
    doc.path("messages").fields().forEachRemaining(e -> messageDocs.put(e.getKey(), e.getValue()));

    Map<String, MessageType> messages = new HashMap<>();
    messageDocs.forEach((name, m) -> {
      Map<String, Field> byName = new HashMap<>();
      m.path("fields").fields().forEachRemaining(e -> {
        Field f = field(e.getKey(), e.getValue().asText(), messageDocs.keySet(), enumDocs.keySet());
        byName.put(f.jsonName(), f);
        byName.put(f.protoName(), f); // proto-JSON parsers take both spellings
      });
      messages.put(name, new MessageType(name, m.path("proto").asText(name), byName,
          vertexOnly.getOrDefault(name, Set.of()), developerOnly.getOrDefault(name, Set.of())));
    });
    Map<String, EnumType> enums = new HashMap<>();
    enumDocs.forEach((name, e) -> {
      Map<String, String> byUpper = new LinkedHashMap<>();
      e.path("values").forEach(v -> byUpper.put(v.asText().toUpperCase(Locale.ROOT), v.asText()));
      Set<String> notOnVertex = new HashSet<>();
      e.path("notOnVertex").forEach(v -> notOnVertex.add(v.asText()));
      enums.put(name, new EnumType(name, e.path("proto").asText(name), byUpper, notOnVertex));
    });
    List<String> sources = new java.util.ArrayList<>();
    doc.path("sources").forEach(s -> sources.add(s.asText()));
    return new FieldCatalogue(doc.path("root").asText(), List.copyOf(sources), Map.copyOf(messages),
        Map.copyOf(enums));
  }

  private static Map<String, Set<String>> byType(JsonNode list) {
    Map<String, Set<String>> out = new HashMap<>();
    list.forEach(n -> {
      String[] p = n.asText().split("\\.", 2);
      out.computeIfAbsent(p[0], k -> new HashSet<>()).add(p[1]);
    });
    return out;
  }

  private static Field field(String name, String spec, Set<String> messageNames, Set<String> enumNames) {
    Cardinality cardinality = Cardinality.SINGLE;
    String t = spec;
    if (t.startsWith("[")) {
      cardinality = Cardinality.REPEATED;
      t = t.substring(1, t.length() - 1);
    } else if (t.startsWith("{")) {
      cardinality = Cardinality.MAP;
      t = t.substring(1, t.length() - 1);
    }
    Kind kind;
    String type = null;
    if (messageNames.contains(t)) {
      kind = Kind.MESSAGE;
      type = t;
    } else if (enumNames.contains(t)) {
      kind = Kind.ENUM;
      type = t;
    } else {
      kind = Kind.valueOf(t.toUpperCase(Locale.ROOT));
    }
    return new Field(name, SnakeCaseAliases.toSnake(name), kind, type, cardinality);
  }
}
