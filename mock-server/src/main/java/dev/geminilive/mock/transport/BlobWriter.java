package dev.geminilive.mock.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.geminilive.mock.cache.IdentityCache;
import dev.geminilive.mock.journal.WireBlobs;
import dev.geminilive.mock.protocol.Blob;
import io.netty.buffer.ByteBufOutputStream;
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
  private static final int MIN_CACHED_CHARS = 512;
  private static final int MAX_CACHED_CHARS = 64 * 1024;
  private static final IdentityCache<String, byte[]> ASCII = new IdentityCache<>(256);

  static final ObjectWriter WRITER = writer();

  /** Where this thread's current encoding put its payloads; reset before each frame. */
  static final ThreadLocal<Marks> MARKS = ThreadLocal.withInitial(Marks::new);

  /** The payload positions of one encoded frame (see {@link WireBlobs}). */
  static final class Marks implements WireBlobs {
    private int count;
    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private String[] data = new String[4];
    private String[] mimeTypes = new String[4];
    private boolean opaque;
    /** A copy kept with its frame's encoding: its journal entry may be kept too. */
    private boolean kept;

    /** A copy of these marks for a kept encoding ({@link EncodedFrames}); never reset. */
    Marks keptCopy() {
      Marks copy = new Marks();
      copy.count = count;
      copy.starts = java.util.Arrays.copyOf(starts, count);
      copy.ends = java.util.Arrays.copyOf(ends, count);
      copy.data = java.util.Arrays.copyOf(data, count);
      copy.mimeTypes = java.util.Arrays.copyOf(mimeTypes, count);
      copy.opaque = opaque;
      copy.kept = true;
      return copy;
    }

    Marks reset() {
      java.util.Arrays.fill(data, 0, count, null);
      java.util.Arrays.fill(mimeTypes, 0, count, null);
      count = 0;
      opaque = false;
      return this;
    }

    void add(int start, int end, String payload, String mimeType) {
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count * 2);
        ends = java.util.Arrays.copyOf(ends, count * 2);
        data = java.util.Arrays.copyOf(data, count * 2);
        mimeTypes = java.util.Arrays.copyOf(mimeTypes, count * 2);
      }
      starts[count] = start;
      ends[count] = end;
      data[count] = payload;
      mimeTypes[count] = mimeType;
      count++;
    }

    @Override
    public int count() {
      return count;
    }

    @Override
    public int start(int i) {
      return starts[i];
    }

    @Override
    public int end(int i) {
      return ends[i];
    }

    @Override
    public String data(int i) {
      return data[i];
    }

    @Override
    public String mimeType(int i) {
      return mimeTypes[i];
    }

    @Override
    public boolean opaque() {
      return opaque;
    }

    @Override
    public Object sameBytesKey() {
      return kept ? this : null;
    }
  }

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
        // Where the payload landed, so the journal can summarise it from these very bytes.
        long at = gen.getOutputTarget() instanceof ByteBufOutputStream out
            ? out.writtenBytes() + gen.getOutputBuffered() : -1;
        if (at >= 0) {
          MARKS.get().add((int) at - 1 - ascii.length, (int) at - 1, blob.data(), blob.mimeType());
        } else {
          MARKS.get().opaque = true;
        }
      } else {
        gen.writeString(blob.data());
        MARKS.get().opaque = true;
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
    byte[] known = ASCII.get(data);
    if (known != null) {
      return known;
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
    ASCII.put(data, ascii);
    return ascii;
  }
}
