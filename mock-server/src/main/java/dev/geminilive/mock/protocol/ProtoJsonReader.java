package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.protocol.FieldCatalogue.Cardinality;
import dev.geminilive.mock.protocol.FieldCatalogue.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a client message's JSON the way the service's proto-JSON parser does, before it is mapped
 * to the typed model: every name must be a field of its message on this API surface (camelCase or
 * snake_case), every value must have its field's type, enum values must exist. A refusal carries
 * the service's wording with the field path in snake_case.
 *
 * <p>What proto JSON allows beyond plain JSON types is accepted and normalised in the returned
 * copy, so the typed model sees one form: numbers written as strings, integral floats for
 * integers, {@code "NaN"} and {@code "Infinity"} for floats, enum names in any letter case (turned
 * into the canonical name), and a single value where a list is expected (the service takes {@code
 * "parts": {...}}). Bytes in either base64 alphabet, padded or not, are accepted and left as sent:
 * the readers of audio and video decode both, and may note the unusual form.
 */
final class ProtoJsonReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern DURATION = Pattern.compile("-?\\d+(\\.\\d{1,9})?s");
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final int MAX_SHOWN_VALUE_CHARS = 200;

  private final FieldCatalogue catalogue;
  private final ApiSurface surface;

  ProtoJsonReader(FieldCatalogue catalogue, ApiSurface surface) {
    this.catalogue = catalogue;
    this.surface = surface;
  }

  /**
   * Checks {@code body}, a message of {@code type} found at {@code path} (snake_case, e.g. {@code
   * setup}), and returns its normalised copy.
   */
  ObjectNode message(String type, ObjectNode body, String path) throws ProtocolViolation {
    ObjectNode out = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      Optional<Field> found = catalogue.field(type, name, surface);
      if (found.isEmpty()) {
        throw ProtocolViolation.invalid(unknownName(name, path, "Cannot find field."));
      }
      Field f = found.get();
      String at = join(path, f.protoName());
      if (value.isNull()) {
        out.set(name, value); // proto JSON: null means "not set"
        continue;
      }
      switch (f.cardinality()) {
        case SINGLE -> {
          if (value.isArray()) {
            throw ProtocolViolation.invalid(
                unknownName(name, path, "Proto field is not repeating, cannot start list."));
          }
          out.set(name, single(f, value, at, path));
        }
        case REPEATED -> {
          ArrayNode list = NODES.arrayNode();
          if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
              JsonNode element = value.get(i);
              String elementAt = at + "[" + i + "]";
              if (element.isNull() || element.isArray()) {
                throw ProtocolViolation.invalid(invalidValue(elementAt, typeName(f), element));
              }
              list.add(single(f, element, elementAt, path));
            }
          } else {
            list.add(single(f, value, at, path)); // one value for a list: taken as a list of one
          }
          out.set(name, list);
        }
        case MAP -> {
          if (!value.isObject()) {
            throw ProtocolViolation.invalid(invalidValue(at, typeName(f), value));
          }
          ObjectNode map = NODES.objectNode();
          int i = 0;
          for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); i++) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String entryAt = at + "[" + i + "]";
            JsonNode v = entry.getValue();
            if (v.isNull() || v.isArray()) {
              throw ProtocolViolation.invalid(invalidValue(entryAt + ".value", typeName(f), v));
            }
            map.set(entry.getKey(), single(f, v, entryAt + ".value", entryAt));
          }
          out.set(name, map);
        }
      }
    }
    return out;
  }

  /**
   * One value of field {@code f}, found at {@code at}; {@code parent} is the path of the message
   * holding it (the service names the parent when an object lands on a scalar field).
   */
  private JsonNode single(Field f, JsonNode v, String at, String parent) throws ProtocolViolation {
    switch (f.kind()) {
      case MESSAGE -> {
        if (v instanceof ObjectNode object) {
          return message(f.type(), object, at);
        }
        throw ProtocolViolation.invalid(invalidValue(at, typeName(f), v));
      }
      case STRUCT -> {
        if (v.isObject()) {
          return v;
        }
        throw ProtocolViolation.invalid(invalidValue(at, typeName(f), v));
      }
      case VALUE -> {
        return v;
      }
      default -> {
        // every other kind is a scalar
      }
    }
    if (v.isObject()) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + parent + "' (" + f.protoName() + "), Starting an object on a scalar field");
    }
    JsonNode read = switch (f.kind()) {
      case STRING -> v.isTextual() ? v : null;
      case BOOL -> v.isBoolean() ? v : null;
      case INT32 -> integer(v, INT32_MIN, INT32_MAX, true);
      case INT64 -> integer(v, INT64_MIN, INT64_MAX, false);
      case FLOAT -> floating(v, true);
      case DOUBLE -> floating(v, false);
      case BYTES -> v.isTextual() && bytes(v.textValue()) != null ? v : null;
      case ENUM -> enumValue(f, v);
      case DURATION -> v.isTextual() && DURATION.matcher(v.textValue()).matches() ? v : null;
      case TIMESTAMP -> v.isTextual() && timestamp(v.textValue()) ? v : null;
      default -> null;
    };
    if (read == null) {
      String detail = f.kind() == FieldCatalogue.Kind.BYTES && v.isTextual()
          ? "Base64 decoding failed for " + shown(v)
          : shown(v);
      throw ProtocolViolation.invalid("Invalid value at '" + at + "' (" + typeName(f) + "), " + detail);
    }
    return read;
  }

  private JsonNode enumValue(Field f, JsonNode v) {
    if (v.isTextual()) {
      return catalogue.enumValue(f.type(), v.textValue(), surface).map(NODES::textNode).orElse(null);
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      // Proto JSON takes an enum's number too; the SDKs carry no numbers, so keep it as written.
      return NODES.textNode(v.asText());
    }
    return null;
  }

  private static JsonNode integer(JsonNode v, BigInteger min, BigInteger max, boolean int32) {
    BigInteger n;
    try {
      if (v.isIntegralNumber()) {
        n = v.bigIntegerValue();
      } else if (v.isFloatingPointNumber()) {
        n = v.decimalValue().toBigIntegerExact();
      } else if (v.isTextual()) {
        n = new BigDecimal(v.textValue()).toBigIntegerExact();
      } else {
        return null;
      }
    } catch (ArithmeticException | NumberFormatException notAnInteger) {
      return null;
    }
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      return null;
    }
    return int32 ? NODES.numberNode(n.intValue()) : NODES.numberNode(n.longValue());
  }

  private static JsonNode floating(JsonNode v, boolean float32) {
    double d;
    if (v.isNumber()) {
      d = v.doubleValue();
    } else if (v.isTextual()) {
      String s = v.textValue();
      switch (s) {
        case "NaN" -> {
          return NODES.numberNode(Double.NaN);
        }
        case "Infinity" -> {
          return NODES.numberNode(Double.POSITIVE_INFINITY);
        }
        case "-Infinity" -> {
          return NODES.numberNode(Double.NEGATIVE_INFINITY);
        }
        default -> {
          try {
            d = new BigDecimal(s).doubleValue();
          } catch (NumberFormatException notANumber) {
            return null;
          }
        }
      }
    } else {
      return null;
    }
    if (Double.isInfinite(d) || (float32 && Math.abs(d) > Float.MAX_VALUE)) {
      return null; // out of range for the field's type
    }
    return NODES.numberNode(d);
  }

  /**
   * Base64 in either alphabet (RFC 4648 sections 4 and 5), padded or not, as proto JSON takes it
   * (the two alphabets not mixed); null when it is not base64. A character scan, not a decode: the
   * audio path decodes each chunk once, later.
   */
  /** 1: in both base64 alphabets, 2: standard only, 3: URL-safe only, 4: padding, 0: neither. */
  private static final byte[] BASE64_CLASS = new byte[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) BASE64_CLASS[c] = 1;
    for (char c = 'a'; c <= 'z'; c++) BASE64_CLASS[c] = 1;
    for (char c = '0'; c <= '9'; c++) BASE64_CLASS[c] = 1;
    BASE64_CLASS['+'] = 2;
    BASE64_CLASS['/'] = 2;
    BASE64_CLASS['-'] = 3;
    BASE64_CLASS['_'] = 3;
    BASE64_CLASS['='] = 4;
  }

  static JsonNode bytes(String s) {
    int padding = 0;
    boolean standard = false;
    boolean urlSafe = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int cls = c < 128 ? BASE64_CLASS[c] : 0; // a table: this runs over every audio frame
      if (cls == 4) {
        padding++;
        continue;
      }
      if (padding > 0) {
        return null; // data after padding
      }
      if (cls == 1) {
        continue;
      }
      if (cls == 2) {
        standard = true;
      } else if (cls == 3) {
        urlSafe = true;
      } else {
        return null;
      }
    }
    int data = s.length() - padding;
    if ((standard && urlSafe) || padding > 2 || data % 4 == 1 || (padding > 0 && s.length() % 4 != 0)) {
      return null;
    }
    return NODES.textNode(s);
  }

  private static boolean timestamp(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private String typeName(Field f) {
    return switch (f.kind()) {
      case MESSAGE, ENUM -> surface.typeUrl(catalogue.protoName(f.type()));
      case STRUCT -> "type.googleapis.com/google.protobuf.Struct";
      case VALUE -> "type.googleapis.com/google.protobuf.Value";
      case DURATION -> "type.googleapis.com/google.protobuf.Duration";
      case TIMESTAMP -> "type.googleapis.com/google.protobuf.Timestamp";
      default -> "TYPE_" + f.kind().name();
    };
  }

  static String unknownName(String name, String path, String why) {
    return "Invalid JSON payload received. Unknown name \"" + name + "\""
        + (path.isEmpty() ? "" : " at '" + path + "'") + ": " + why;
  }

  static String invalidValue(String path, String type, JsonNode value) {
    return "Invalid value at '" + path + "' (" + type + "), " + shown(value);
  }

  /** A value as the service's errors show it: strings quoted, long ones cut. */
  static String shown(JsonNode value) {
    String s = value.toString();
    return s.length() <= MAX_SHOWN_VALUE_CHARS ? s : s.substring(0, MAX_SHOWN_VALUE_CHARS) + "...";
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
