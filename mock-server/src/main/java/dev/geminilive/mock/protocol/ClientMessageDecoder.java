package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns one client frame's bytes into a typed {@link ClientMessage}, or a {@link ProtocolViolation}
 * whose reason says what was wrong and where. The JSON tree is kept for the journal.
 */
public final class ClientMessageDecoder {
  private final ObjectMapper mapper = LiveJson.mapper();

  /** A decoded frame: the typed message and the tree it came from. */
  public record Decoded(ClientMessage message, ObjectNode tree) {}

  public Decoded decode(byte[] utf8) throws ProtocolViolation {
    return decode(new java.io.ByteArrayInputStream(utf8));
  }

  /** Decodes one whole frame read from {@code utf8}; the stream is read to its end. */
  public Decoded decode(java.io.InputStream utf8) throws ProtocolViolation {
    JsonNode root;
    try {
      root = mapper.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw ProtocolViolation.invalid("Invalid JSON payload received. " + describe(e));
    } catch (IOException e) {
      throw ProtocolViolation.invalid("Invalid JSON payload received. " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw ProtocolViolation.invalid("Invalid JSON payload received. Empty frame.");
    }
    if (!root.isObject()) {
      throw ProtocolViolation.invalid(
          "Invalid JSON payload received. Expected a JSON object, got " + root.getNodeType() + ".");
    }
    ObjectNode object = (ObjectNode) root;
    if (object.isEmpty()) {
      throw ProtocolViolation.invalid(
          "Invalid JSON payload received. The message sets none of setup, clientContent,"
              + " realtimeInput, toolResponse, contextUpdate.");
    }
    String key = null;
    JsonNode body = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String canonical = canonicalKey(field.getKey());
      if (canonical == null) {
        throw ProtocolViolation.invalid(
            "Invalid JSON payload received. Unknown name \"" + field.getKey() + "\": Cannot find field.");
      }
      if (key != null) {
        throw ProtocolViolation.invalid(
            "Invalid JSON payload received. Only one of setup, clientContent, realtimeInput,"
                + " toolResponse, contextUpdate may be set; got " + key + " and " + canonical + ".");
      }
      key = canonical;
      body = field.getValue();
    }
    if (!body.isObject()) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + key + "': expected an object, got " + body.getNodeType() + ".");
    }
    ClientMessage message = bind(key, body);
    if (message instanceof RealtimeInput input && input.fieldCount() != 1) {
      throw ProtocolViolation.invalid(
          input.fieldCount() == 0
              ? "Invalid realtimeInput: set one of audio, video, text, activityStart, activityEnd,"
                  + " audioStreamEnd, mediaChunks."
              : "Invalid realtimeInput: exactly one field per message; got " + input.fieldCount() + ".");
    }
    return new Decoded(message, object);
  }

  private ClientMessage bind(String key, JsonNode body) throws ProtocolViolation {
    Class<? extends ClientMessage> type =
        switch (key) {
          case "setup" -> Setup.class;
          case "clientContent" -> ClientContent.class;
          case "realtimeInput" -> RealtimeInput.class;
          case "toolResponse" -> ToolResponse.class;
          default -> ContextUpdate.class;
        };
    try {
      return mapper.treeToValue(body, type);
    } catch (JsonMappingException e) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + key + pathOf(e) + "': " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw ProtocolViolation.invalid("Invalid value at '" + key + "': " + describe(e));
    }
  }

  /** Maps a top-level key in either casing to its camelCase name, or null when unknown. */
  static String canonicalKey(String key) {
    return switch (key) {
      case "setup" -> "setup";
      case "clientContent", "client_content" -> "clientContent";
      case "realtimeInput", "realtime_input" -> "realtimeInput";
      case "toolResponse", "tool_response" -> "toolResponse";
      case "contextUpdate", "context_update" -> "contextUpdate";
      default -> null;
    };
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where =
        loc == null || loc.getLineNr() < 0
            ? ""
            : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    return firstLine(e.getOriginalMessage()) + where;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
