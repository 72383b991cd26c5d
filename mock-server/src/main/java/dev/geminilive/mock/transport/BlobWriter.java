package dev.geminilive.mock.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The writer for server messages on the wire. Same JSON as {@link LiveJson}, but a blob's base64
 * {@code data} is copied as bytes instead of being escaped character by character: writing the
 * 6,400 base64 characters of each 100 ms audio chunk was the largest cost of a spoken reply. The
 * bytes of recently sent payloads are kept by identity (replies repeat the same chunk strings).
 */
final class BlobWriter extends StdSerializer<Blob> {
  private static final long serialVersionUID = 1L;
  private static final int SLOTS = 256;
  private static final int MIN_CACHED_CHARS = 512;
  private static final int MAX_CACHED_CHARS = 64 * 1024;
  private static final Cached[] CACHE = new Cached[SLOTS];

  private record Cached(String data, byte[] ascii) {}

  static final ObjectWriter WRITER = writer();

  private BlobWriter() {
    super(Blob.class);
  }

  private static ObjectWriter writer() {
    ObjectMapper mapper = LiveJson.mapper().copy();
    mapper.registerModule(new SimpleModule("fast-blob").addSerializer(Blob.class, new BlobWriter()));
    return mapper.writerFor(ServerMessage.class);
  }

  @Override
  public void serialize(Blob blob, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeStartObject();
    if (blob.data() != null) {
      gen.writeFieldName("data");
      // Only the byte-oriented generator (what the transport uses) can take raw UTF-8.
      byte[] ascii = gen instanceof UTF8JsonGenerator ? base64Bytes(blob.data()) : null;
      if (ascii != null) {
        gen.writeRawUTF8String(ascii, 0, ascii.length); // base64 never needs escaping
      } else {
        gen.writeString(blob.data());
      }
    }
    if (blob.mimeType() != null) {
      gen.writeStringField("mimeType", blob.mimeType());
    }
    gen.writeEndObject();
  }

  /** The ASCII bytes of a base64 string, or null when it is short or not plain base64. */
  private static byte[] base64Bytes(String data) {
    int n = data.length();
    if (n < MIN_CACHED_CHARS || n > MAX_CACHED_CHARS) {
      return null;
    }
    int slot = System.identityHashCode(data) & (SLOTS - 1);
    Cached hit = CACHE[slot]; // racy read of an immutable record: at worst a miss
    if (hit != null && hit.data() == data) {
      return hit.ascii();
    }
    for (int i = 0; i < n; i++) {
      char c = data.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return null;
      }
    }
    byte[] ascii = data.getBytes(StandardCharsets.US_ASCII);
    CACHE[slot] = new Cached(data, ascii);
    return ascii;
  }
}
