package dev.geminilive.mock.protocol;

import static dev.geminilive.mock.protocol.FrameBytes.ascii;
import static dev.geminilive.mock.protocol.FrameBytes.at;
import static dev.geminilive.mock.protocol.FrameBytes.latin1;
import static dev.geminilive.mock.protocol.FrameBytes.plainStringEnd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads the one frame a voice client sends twenty times a second,
 * {@code {"realtimeInput":{"audio":{"data":"<base64>","mimeType":"<type>"}}}} (either member
 * order, no whitespace; the top-level key also as {@code realtime_input}, which is what the
 * google-genai Java SDK's {@code sendRealtimeInput} writes), straight from its bytes. At a thousand streaming sessions, parsing that
 * frame into a tree, checking the tree against the field catalogue and binding it to the typed
 * model took most of the server's core. The payload is decoded here, once, from the frame's bytes
 * (the journal and the session's audio checks take those bytes), and the tree is built only if
 * someone asks for it. Anything else, and any such frame the general reader
 * might judge differently (unusual base64, escapes in the MIME type), returns null and takes the
 * general path ({@link ClientMessageDecoder}), so the outcome is the same either way.
 */
final class AudioFrameShortcut {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final byte[] PREFIX = ascii("{\"realtimeInput\":{\"audio\":{");
  /** The same frame with the proto field name as its key (proto JSON readers accept both). */
  private static final byte[] SNAKE_PREFIX = ascii("{\"realtime_input\":{\"audio\":{");
  /** In a decoded frame's shape: {@code data} came before {@code mimeType}. */
  static final int DATA_FIRST = 1;
  /** In a decoded frame's shape: the top-level key was {@code realtime_input}. */
  static final int SNAKE_KEY = 2;
  private static final byte[] DATA = ascii("\"data\":\"");
  private static final byte[] MIME = ascii("\"mimeType\":\"");
  private static final byte[] SUFFIX = ascii("}}}");
  /** 1 for the standard base64 alphabet (the one the SDKs send). */
  private static final byte[] BASE64 = new byte[256];

  static {
    for (char c = 'A'; c <= 'Z'; c++) BASE64[c] = 1;
    for (char c = 'a'; c <= 'z'; c++) BASE64[c] = 1;
    for (char c = '0'; c <= '9'; c++) BASE64[c] = 1;
    BASE64['+'] = 1;
    BASE64['/'] = 1;
  }

  private AudioFrameShortcut() {}

  /**
   * The decoded frame at {@code frame[p..end)}, or null when the general path must read it;
   * {@code snakeKey} says whether the surface reads {@code realtime_input} as {@code realtimeInput}.
   */
  static ClientMessageDecoder.Decoded read(byte[] frame, int p, int end, boolean snakeKey) {
    int shape;
    if (at(frame, p, end, PREFIX)) {
      shape = 0;
      p += PREFIX.length;
    } else if (snakeKey && at(frame, p, end, SNAKE_PREFIX)) {
      shape = SNAKE_KEY;
      p += SNAKE_PREFIX.length;
    } else {
      return null;
    }
    if (at(frame, p, end, DATA)) {
      shape |= DATA_FIRST;
    }
    String data = null;
    String mime = null;
    int dataFrom = -1;
    int dataTo = -1;
    for (int member = 0; member < 2; member++) {
      if (member == 1) {
        if (p >= end || frame[p] != ',') {
          return null;
        }
        p++;
      }
      if (data == null && at(frame, p, end, DATA)) {
        p += DATA.length;
        int close = base64End(frame, p, end);
        if (close < 0) {
          return null;
        }
        data = latin1(frame, p, close);
        dataFrom = p;
        dataTo = close;
        p = close + 1;
      } else if (mime == null && at(frame, p, end, MIME)) {
        p += MIME.length;
        int close = plainStringEnd(frame, p, end);
        if (close < 0) {
          return null;
        }
        mime = latin1(frame, p, close);
        p = close + 1;
      } else {
        return null;
      }
    }
    if (p + SUFFIX.length != end || !at(frame, p, end, SUFFIX)) {
      return null;
    }
    // Decoded once, here, from the frame's bytes: decoding the string would copy its 2,000-odd
    // characters to bytes first. A heap buffer is decoded in place by the JDK. The journal's
    // summary and the session's audio checks both take these bytes.
    byte[] bytes;
    try {
      ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(frame, dataFrom, dataTo - dataFrom));
      bytes = decoded.remaining() == decoded.capacity()
          ? decoded.array() : Arrays.copyOf(decoded.array(), decoded.remaining());
    } catch (IllegalArgumentException e) {
      return null; // cannot happen for what base64End accepts; if it did, the general path judges
    }
    RealtimeInput message = new RealtimeInput(new Blob(data, mime), null, null, null, null, null, null);
    return new ClientMessageDecoder.Decoded(message, bytes, shape);
  }

  /** The tree exactly as a JSON parser would have built it from the frame of this shape. */
  static ObjectNode tree(Blob audio, int shape) {
    ObjectNode members = NODES.objectNode();
    if ((shape & DATA_FIRST) != 0) {
      members.put("data", audio.data()).put("mimeType", audio.mimeType());
    } else {
      members.put("mimeType", audio.mimeType()).put("data", audio.data());
    }
    ObjectNode tree = NODES.objectNode();
    tree.putObject((shape & SNAKE_KEY) != 0 ? "realtime_input" : "realtimeInput").set("audio", members);
    return tree;
  }

  /**
   * The frame as the shortcut read it, the data string replaced by {@code dataJson}: the bytes a
   * JSON writer gives for the tree with that member replaced. The MIME type is printable ASCII
   * without quotes or backslashes ({@link #plainStringEnd}), which a writer copies as it is.
   */
  static byte[] json(String mime, int shape, byte[] dataJson) {
    byte[] prefix = (shape & SNAKE_KEY) != 0 ? SNAKE_PREFIX : PREFIX;
    byte[] out = new byte[prefix.length + DATA.length - 1 + dataJson.length + 1 + MIME.length
        + mime.length() + 1 + SUFFIX.length];
    int w = put(out, 0, prefix);
    if ((shape & DATA_FIRST) != 0) {
      w = putData(out, w, dataJson);
      out[w++] = ',';
      w = putMime(out, w, mime);
    } else {
      w = putMime(out, w, mime);
      out[w++] = ',';
      w = putData(out, w, dataJson);
    }
    put(out, w, SUFFIX);
    return out;
  }

  private static int putData(byte[] out, int w, byte[] dataJson) {
    System.arraycopy(DATA, 0, out, w, DATA.length - 1); // "data": without the string's quote
    w += DATA.length - 1;
    return put(out, w, dataJson);
  }

  private static int putMime(byte[] out, int w, String mime) {
    w = put(out, w, MIME);
    for (int i = 0; i < mime.length(); i++) {
      out[w++] = (byte) mime.charAt(i);
    }
    out[w++] = '"';
    return w;
  }

  private static int put(byte[] out, int w, byte[] b) {
    System.arraycopy(b, 0, out, w, b.length);
    return w + b.length;
  }

  /**
   * The index of the quote that ends plain, well-padded standard base64 starting at {@code p}, or
   * -1 (anything the general reader might treat otherwise: other alphabets, odd lengths, escapes).
   */
  private static int base64End(byte[] b, int p, int end) {
    int i = p;
    while (i < end && BASE64[b[i] & 0xFF] != 0) { // one load and one test per byte: the hot loop
      i++;
    }
    int data = i;
    while (i < end && i - data < 2 && b[i] == '=') {
      i++;
    }
    int length = i - p;
    return i < end && b[i] == '"' && length > 0 && length % 4 == 0 ? i : -1;
  }
}
