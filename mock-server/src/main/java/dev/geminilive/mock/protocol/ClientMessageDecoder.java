package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns one client frame's bytes into a typed {@link ClientMessage}, or a {@link ProtocolViolation}
 * whose reason says what was wrong and where, in the service's proto-JSON wording. The frame is
 * first read as the service reads it ({@link ProtoJsonReader}: known fields of this API surface,
 * right types, existing enum values), then mapped to the typed model. The JSON tree as sent is kept
 * for the journal and for scenario matching.
 *
 * <p>No reason quotes a library's message or a class name: the client's developer reads them.
 */
public final class ClientMessageDecoder {
  private static final String MESSAGE_KEYS = "setup, clientContent, realtimeInput, toolResponse, contextUpdate";

  private final ObjectMapper mapper = LiveJson.mapper();
  private final FieldCatalogue catalogue;
  private final ApiSurface surface;
  private final ProtoJsonReader reader;
  /** Whether this surface reads {@code realtimeInput.audio} as the {@link AudioFrameShortcut} assumes. */
  private final boolean audioShortcut;
  /** Whether this surface also reads the key {@code realtime_input} as {@code realtimeInput}. */
  private final boolean audioSnakeKey;
  /** Whether this surface reads {@code clientContent} text turns as the {@link TextTurnShortcut} assumes. */
  private final boolean textShortcut;

  /**
   * A decoded frame: the typed message and the tree as the client sent it. For the common audio
   * frame read by {@link AudioFrameShortcut}, also the payload's decoded bytes; for the plain text
   * turn read by {@link TextTurnShortcut}, also the frame's JSON as the journal keeps it. For
   * those two the tree is built only when someone asks for it (the session journals them from
   * their bytes).
   */
  public static final class Decoded {
    private final ClientMessage message;
    private ObjectNode tree;
    private final byte[] audioBytes;
    /** The audio shortcut's frame shape ({@link AudioFrameShortcut#DATA_FIRST}, ...). */
    private final int shape;
    private final byte[] json;

    public Decoded(ClientMessage message, ObjectNode tree) {
      this.message = message;
      this.tree = tree;
      this.audioBytes = null;
      this.shape = 0;
      this.json = null;
    }

    /** The shortcut's frame: {@code realtimeInput.audio} only, its data already decoded. */
    Decoded(RealtimeInput message, byte[] audioBytes, int shape) {
      this.message = message;
      this.audioBytes = audioBytes;
      this.shape = shape;
      this.json = null;
    }

    /** The text shortcut's frame: {@code json} is its compact JSON, nothing in it to summarise. */
    Decoded(ClientContent message, byte[] json) {
      this.message = message;
      this.audioBytes = null;
      this.shape = 0;
      this.json = json;
    }

    public ClientMessage message() {
      return message;
    }

    /** The tree as the client sent it (the same tree whichever path read the frame). */
    public ObjectNode tree() {
      if (tree == null) {
        tree = json != null
            ? readBack(json)
            : AudioFrameShortcut.tree(((RealtimeInput) message).audio(), shape);
      }
      return tree;
    }

    /** The general path's tree of the same bytes: same parser, so the same nodes in the same order. */
    private static ObjectNode readBack(byte[] json) {
      try {
        return (ObjectNode) LiveJson.mapper().readTree(json);
      } catch (IOException e) {
        throw new IllegalStateException("a frame the text shortcut read is no longer JSON", e);
      }
    }

    /**
     * The frame's compact JSON exactly as the journal keeps it (what writing the summarised
     * {@link #tree()} gives), when the reader has it, else null. Not to be modified.
     */
    public byte[] json() {
      return json;
    }

    /**
     * The bytes of {@code realtimeInput.audio.data} when the reader decoded them (standard base64,
     * decoded as {@link java.util.Base64#getDecoder()} does), else null: then the frame is not
     * the common audio frame and {@link #tree()} is the only form of it.
     */
    public byte[] audioBytes() {
      return audioBytes;
    }

    /**
     * The frame's JSON as sent, with the string of {@code realtimeInput.audio.data} replaced by
     * {@code dataJson}: what serialising the tree with that member replaced gives. Only for a
     * frame with {@link #audioBytes()}.
     */
    public byte[] withAudioData(byte[] dataJson) {
      if (audioBytes == null) {
        throw new IllegalStateException("not a frame read by the audio shortcut");
      }
      return AudioFrameShortcut.json(((RealtimeInput) message).audio().mimeType(), shape, dataJson);
    }

    @Override
    public String toString() {
      return "Decoded[" + message + "]";
    }
  }

  /** A decoder for the Developer API ({@code v1beta}). */
  public ClientMessageDecoder() {
    this(ApiSurface.DEVELOPER);
  }

  /** A decoder for the fields of {@code surface}. */
  public ClientMessageDecoder(ApiSurface surface) {
    this.catalogue = FieldCatalogue.bundled();
    this.surface = surface;
    this.reader = new ProtoJsonReader(catalogue, surface);
    this.audioShortcut = audioFramesAsAssumed(catalogue, surface);
    FieldCatalogue.Field input = catalogue.field(catalogue.root(), "realtimeInput", surface).orElse(null);
    this.audioSnakeKey = input != null && catalogue.field(catalogue.root(), "realtime_input", surface)
        .filter(snake -> snake.equals(input)).isPresent();
    this.textShortcut = textTurnsAsAssumed(catalogue, surface);
  }

  /**
   * Whether {@code realtimeInput.audio.data} and {@code .mimeType} are fields of the kinds {@link
   * AudioFrameShortcut} reads them as.
   */
  private static boolean audioFramesAsAssumed(FieldCatalogue catalogue, ApiSurface surface) {
    FieldCatalogue.Field input = catalogue.field(catalogue.root(), "realtimeInput", surface).orElse(null);
    if (!is(input, FieldCatalogue.Kind.MESSAGE, FieldCatalogue.Cardinality.SINGLE)) {
      return false;
    }
    FieldCatalogue.Field audio = catalogue.field(input.type(), "audio", surface).orElse(null);
    return is(audio, FieldCatalogue.Kind.MESSAGE, FieldCatalogue.Cardinality.SINGLE)
        && is(catalogue.field(audio.type(), "data", surface).orElse(null),
            FieldCatalogue.Kind.BYTES, FieldCatalogue.Cardinality.SINGLE)
        && is(catalogue.field(audio.type(), "mimeType", surface).orElse(null),
            FieldCatalogue.Kind.STRING, FieldCatalogue.Cardinality.SINGLE);
  }

  /**
   * Whether {@code clientContent.turns[].role}, {@code .parts[].text} and {@code
   * clientContent.turnComplete} are fields of the kinds {@link TextTurnShortcut} reads them as.
   */
  private static boolean textTurnsAsAssumed(FieldCatalogue catalogue, ApiSurface surface) {
    FieldCatalogue.Field content = catalogue.field(catalogue.root(), "clientContent", surface).orElse(null);
    if (!is(content, FieldCatalogue.Kind.MESSAGE, FieldCatalogue.Cardinality.SINGLE)
        || !is(catalogue.field(content.type(), "turnComplete", surface).orElse(null),
            FieldCatalogue.Kind.BOOL, FieldCatalogue.Cardinality.SINGLE)) {
      return false;
    }
    FieldCatalogue.Field turns = catalogue.field(content.type(), "turns", surface).orElse(null);
    if (!is(turns, FieldCatalogue.Kind.MESSAGE, FieldCatalogue.Cardinality.REPEATED)
        || !is(catalogue.field(turns.type(), "role", surface).orElse(null),
            FieldCatalogue.Kind.STRING, FieldCatalogue.Cardinality.SINGLE)) {
      return false;
    }
    FieldCatalogue.Field parts = catalogue.field(turns.type(), "parts", surface).orElse(null);
    return is(parts, FieldCatalogue.Kind.MESSAGE, FieldCatalogue.Cardinality.REPEATED)
        && is(catalogue.field(parts.type(), "text", surface).orElse(null),
            FieldCatalogue.Kind.STRING, FieldCatalogue.Cardinality.SINGLE);
  }

  private static boolean is(FieldCatalogue.Field f, FieldCatalogue.Kind kind, FieldCatalogue.Cardinality cardinality) {
    return f != null && f.kind() == kind && f.cardinality() == cardinality;
  }

  /**
   * Decodes one whole frame; the common audio frame and the plain text turn are read straight from
   * their bytes (same result as the general path, see {@link AudioFrameShortcut} and {@link
   * TextTurnShortcut}).
   */
  public Decoded decode(java.nio.ByteBuffer utf8) throws ProtocolViolation {
    Decoded quick = shortcut(utf8);
    return quick != null ? quick : decode(new ByteBufferInput(utf8.duplicate()));
  }

  /** The frame read by the shortcut its first key names, or null for the general path. */
  private Decoded shortcut(java.nio.ByteBuffer buffer) {
    int at = buffer.position();
    // {"realtimeInput" or {"clientContent": the third byte picks the one shortcut that may apply.
    if (buffer.remaining() < 3 || buffer.get(at) != '{' || buffer.get(at + 1) != '"') {
      return null;
    }
    byte key = buffer.get(at + 2);
    boolean audio = key == 'r' && audioShortcut;
    if (!audio && !(key == 'c' && textShortcut)) {
      return null;
    }
    byte[] frame;
    int from;
    int end;
    if (buffer.hasArray()) {
      frame = buffer.array();
      from = buffer.arrayOffset() + at;
      end = buffer.arrayOffset() + buffer.limit();
    } else {
      frame = FrameBytes.scratchCopy(buffer);
      if (frame == null) {
        return null;
      }
      from = 0;
      end = buffer.remaining();
    }
    return audio ? AudioFrameShortcut.read(frame, from, end, audioSnakeKey) : TextTurnShortcut.read(frame, from, end);
  }

  /** Reads a buffer's remaining bytes without copying them first. */
  private static final class ByteBufferInput extends java.io.InputStream {
    private final java.nio.ByteBuffer in;

    ByteBufferInput(java.nio.ByteBuffer in) {
      this.in = in;
    }

    @Override
    public int read() {
      return in.hasRemaining() ? in.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!in.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, in.remaining());
      in.get(b, off, n);
      return n;
    }
  }

  public Decoded decode(byte[] utf8) throws ProtocolViolation {
    return decode(new java.io.ByteArrayInputStream(utf8));
  }

  /** Decodes one whole frame read from {@code utf8}; the stream is read to its end. */
  public Decoded decode(java.io.InputStream utf8) throws ProtocolViolation {
    JsonNode root;
    try {
      root = mapper.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw ProtocolViolation.invalid(syntaxError(e));
    } catch (IOException e) {
      throw ProtocolViolation.invalid("Invalid JSON payload received. The frame could not be read.");
    }
    if (root == null || root.isMissingNode()) {
      throw ProtocolViolation.invalid("Invalid JSON payload received. Empty frame.");
    }
    if (!root.isObject()) {
      throw ProtocolViolation.invalid(
          "Invalid JSON payload received. Expected a JSON object, got " + describe(root) + ".");
    }
    ObjectNode object = (ObjectNode) root;
    String key = null;
    JsonNode body = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      FieldCatalogue.Field f = catalogue.field(catalogue.root(), field.getKey(), surface).orElse(null);
      if (f == null) {
        throw ProtocolViolation.invalid(ProtoJsonReader.unknownName(field.getKey(), "", "Cannot find field."));
      }
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue; // proto JSON: null means "not set"
      }
      if (value.isArray()) {
        throw ProtocolViolation.invalid(ProtoJsonReader.unknownName(
            field.getKey(), "", "Proto field is not repeating, cannot start list."));
      }
      if (!value.isObject()) {
        throw ProtocolViolation.invalid(ProtoJsonReader.invalidValue(
            f.protoName(), surface.typeUrl(catalogue.protoName(f.type())), value));
      }
      if (key != null) {
        throw ProtocolViolation.invalid(
            "Invalid JSON payload received. Only one of " + MESSAGE_KEYS + " may be set; got "
                + key + " and " + f.jsonName() + ".");
      }
      key = f.jsonName();
      body = reader.message(f.type(), (ObjectNode) value, f.protoName());
    }
    if (key == null) {
      throw ProtocolViolation.invalid(
          "Invalid JSON payload received. The message sets none of " + MESSAGE_KEYS + ".");
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
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The reader has checked every field already; this only guards the typed model against a
      // value it cannot hold. The library's own text never reaches the client.
      throw ProtocolViolation.invalid("Invalid value at '" + SnakeCaseAliases.toSnake(key)
          + "': the message cannot be read.");
    }
  }

  /** The service's parser reports syntax errors in its own words; so does this one. */
  private static String syntaxError(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "Invalid JSON payload received. Unexpected end of string.";
    }
    if (e instanceof StreamConstraintsException) {
      return "Invalid JSON payload received. The message is nested too deeply or a value is too long.";
    }
    JsonLocation loc = e.getLocation();
    String where = loc == null || loc.getLineNr() < 0
        ? ""
        : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return "Invalid JSON payload received. Unexpected token" + where + ".";
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) return "an array";
    if (node.isTextual()) return "a string";
    if (node.isNumber()) return "a number";
    if (node.isBoolean()) return "a boolean";
    if (node.isNull()) return "null";
    return "a value of another kind";
  }
}
