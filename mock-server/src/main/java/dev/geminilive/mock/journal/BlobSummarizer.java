package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.cache.IdentityCache;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;

/**
 * Replaces base64 payloads in a message tree with a summary (byte count, CRC-32, and for PCM the
 * duration and RMS level), so the journal stays small and still lets a test check that audio was
 * framed right and arrived without gaps or duplicates.
 */
public final class BlobSummarizer {
  /**
   * Summaries of recently seen payload strings, by identity. The server sends the same chunk
   * strings (the persona's voice, a scenario's clip) again and again; decoding, CRC and RMS of
   * each was the largest cost of journalling a reply. Client payloads are fresh strings and
   * simply miss. The summary depends on the MIME type too, so it is kept with it.
   */
  private static final int CACHE_SLOTS = 256;
  private static final int MAX_CACHED_CHARS = 64 * 1024;
  private static final IdentityCache<String, Summary<ObjectNode>> TREES = new IdentityCache<>(CACHE_SLOTS);

  /** A payload's summary (a tree, or its JSON bytes) for the MIME type it was made for. */
  private record Summary<T>(String mimeType, T summary) {}

  private BlobSummarizer() {}

  private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final byte[] DATA_KEY = "\"data\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final IdentityCache<String, Summary<byte[]>> JSONS = new IdentityCache<>(CACHE_SLOTS);
  /** Whole journal entries of frames sent from a kept encoding, by {@link WireBlobs#sameBytesKey}. */
  private static final IdentityCache<Object, byte[]> ENTRIES = new IdentityCache<>(CACHE_SLOTS);

  /**
   * A server frame's journal entry built from its encoded bytes: each payload's base64 string
   * replaced by its summary, the rest copied as sent. The same JSON as {@link #summarize} on the
   * message's tree, without building the tree. Null when the frame holds a {@code data} key that
   * is not one of {@code blobs} (a free-form field such as function-call arguments, which the tree
   * path summarises by its own rule) or a payload's position is unknown: the caller uses the tree.
   */
  public static byte[] summarizeWire(java.nio.ByteBuffer wire, WireBlobs blobs) {
    if (blobs.opaque()) {
      return null;
    }
    Object key = blobs.sameBytesKey();
    if (key != null) {
      // A frame sent from its kept encoding: same bytes, same entry (callers copy what they get).
      byte[] known = ENTRIES.get(key);
      if (known != null) {
        return known;
      }
      byte[] json = summarizeWireAfresh(wire, blobs);
      if (json != null) {
        ENTRIES.put(key, json);
      }
      return json;
    }
    return summarizeWireAfresh(wire, blobs);
  }

  private static byte[] summarizeWireAfresh(java.nio.ByteBuffer wire, WireBlobs blobs) {
    int base = wire.position();
    int length = wire.remaining();
    int n = blobs.count();
    // Every "data" key in the frame must be a blob's: search the bytes outside the payloads.
    int keys = 0;
    int from = 0;
    for (int i = 0; i <= n; i++) {
      int to = i < n ? blobs.start(i) : length;
      keys += occurrences(wire, base + from, base + to, DATA_KEY);
      from = i < n ? blobs.end(i) : length;
    }
    if (keys != n) {
      return null;
    }
    byte[][] summaries = new byte[n][];
    int size = length;
    for (int i = 0; i < n; i++) {
      if (blobs.mimeType(i) != null) {
        summaries[i] = cachedJson(wire, base, blobs, i);
        size += summaries[i].length - (blobs.end(i) - blobs.start(i) + 2);
      }
    }
    byte[] out = new byte[size];
    int w = 0;
    from = 0;
    for (int i = 0; i < n; i++) {
      if (summaries[i] == null) {
        continue;
      }
      int quote = blobs.start(i) - 1; // the opening quote: the string token is replaced whole
      wire.get(base + from, out, w, quote - from);
      w += quote - from;
      System.arraycopy(summaries[i], 0, out, w, summaries[i].length);
      w += summaries[i].length;
      from = blobs.end(i) + 1;
    }
    wire.get(base + from, out, w, length - from);
    return out;
  }

  private static int occurrences(java.nio.ByteBuffer b, int from, int to, byte[] key) {
    int found = 0;
    byte first = key[0];
    outer:
    for (int i = from; i <= to - key.length; i++) {
      if (b.get(i) != first) {
        continue;
      }
      for (int k = 1; k < key.length; k++) {
        if (b.get(i + k) != key[k]) {
          continue outer;
        }
      }
      found++;
    }
    return found;
  }

  /** The summary's JSON bytes; repeated payload strings (a reply's voice) hit a cache by identity. */
  private static byte[] cachedJson(java.nio.ByteBuffer wire, int base, WireBlobs blobs, int i) {
    String data = blobs.data(i);
    String mime = blobs.mimeType(i);
    Summary<byte[]> hit = JSONS.get(data);
    if (hit != null && hit.mimeType().equals(mime)) {
      return hit.summary();
    }
    ObjectNode summary = WireAudio.summary(wire, base + blobs.start(i), base + blobs.end(i), mime);
    if (summary == null) {
      summary = summary(data, mime); // unusual base64: decoded as the tree path does
    }
    byte[] json;
    try {
      json = PLAIN.writeValueAsBytes(summary);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (data.length() <= MAX_CACHED_CHARS) {
      JSONS.put(data, new Summary<>(mime, json));
    }
    return json;
  }

  /** Summarises, in place, every object that has both {@code data} and a MIME type. */
  public static JsonNode summarize(JsonNode node) {
    return summarize(node, null);
  }

  /**
   * As {@link #summarize(JsonNode)}, and hands each payload this call decoded (standard base64,
   * as the string and its bytes) to {@code decoded}, so that the session's audio checks do not
   * decode the same payload a second time. A payload whose summary was cached is not handed over.
   */
  public static JsonNode summarize(JsonNode node, BiConsumer<String, byte[]> decoded) {
    if (node instanceof ObjectNode object) {
      JsonNode data = object.get("data");
      JsonNode mime = object.has("mimeType") ? object.get("mimeType") : object.get("mime_type");
      if (data != null && data.isTextual() && mime != null) {
        object.set("data", cachedSummary(data.asText(), mime.asText(), decoded));
        return node;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        summarize(it.next().getValue(), decoded);
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode child : array) {
        summarize(child, decoded);
      }
    }
    return node;
  }

  private static ObjectNode cachedSummary(String base64, String mimeType, BiConsumer<String, byte[]> decoded) {
    Summary<ObjectNode> hit = TREES.get(base64);
    if (hit != null && hit.mimeType().equals(mimeType)) {
      return hit.summary().deepCopy();
    }
    ObjectNode summary = summary(base64, mimeType, decoded);
    if (base64.length() <= MAX_CACHED_CHARS) { // never pin a big client payload in memory
      TREES.put(base64, new Summary<>(mimeType, summary.deepCopy()));
    }
    return summary;
  }

  /** The numbers of a payload's summary, computed once for both renderings (tree and JSON bytes). */
  private record Stats(int bytes, String crc32, boolean pcm, double durationMs, long rms) {
    static Stats of(byte[] bytes, int length, String mimeType) {
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, length);
      if (!mimeType.startsWith("audio/pcm")) {
        return new Stats(length, hex8(crc.getValue()), false, 0, 0);
      }
      int rate = rateOf(mimeType);
      return new Stats(length, hex8(crc.getValue()), true,
          Math.round(length / 2.0 * 1000.0 / rate * 10) / 10.0, Math.round(BlobSummarizer.rms(bytes, length)));
    }
  }

  /** The summary of decoded bytes, the same fields as {@link #summary(String, String)}. */
  static ObjectNode summaryOf(byte[] bytes, int length, String mimeType) {
    Stats stats = Stats.of(bytes, length, mimeType);
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("bytes", stats.bytes());
    s.put("crc32", stats.crc32());
    if (stats.pcm()) {
      s.put("durationMs", stats.durationMs());
      s.put("rms", stats.rms());
    }
    return s;
  }

  /**
   * The summary of a payload's decoded bytes as compact JSON, byte for byte what a plain
   * ObjectMapper writes for {@link #summaryOf}'s tree (same member order; {@code durationMs} a
   * double as {@link Double#toString} spells it, as the generator does), without building the tree
   * or a generator: the client's audio frame is journalled twenty times a second per session.
   */
  public static byte[] summaryJson(byte[] bytes, String mimeType) {
    Stats stats = Stats.of(bytes, bytes.length, mimeType);
    StringBuilder json = new StringBuilder(80)
        .append("{\"bytes\":").append(stats.bytes())
        .append(",\"crc32\":\"").append(stats.crc32()).append('"');
    if (stats.pcm()) {
      json.append(",\"durationMs\":").append(Double.toString(stats.durationMs()))
          .append(",\"rms\":").append(stats.rms());
    }
    return json.append('}').toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  static ObjectNode summary(String base64, String mimeType) {
    return summary(base64, mimeType, null);
  }

  private static ObjectNode summary(String base64, String mimeType, BiConsumer<String, byte[]> decoded) {
    byte[] bytes;
    try {
      // The JDK's decoder, not a hand-written one: its intrinsic beat ours by far on the 1,000-session
      // profile (docs/benchmarks.md), the copy of the string's characters notwithstanding.
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      ObjectNode s = JsonNodeFactory.instance.objectNode();
      s.put("base64Chars", base64.length());
      s.put("invalidBase64", true);
      return s;
    }
    if (decoded != null) {
      decoded.accept(base64, bytes);
    }
    return summaryOf(bytes, bytes.length, mimeType);
  }

  /** Eight lower-case hex digits; String.format parses its pattern on every call. */
  private static String hex8(long v) {
    String h = Long.toHexString(v);
    return h.length() >= 8 ? h : "00000000".substring(h.length()) + h;
  }

  /** The rate= parameter, read by hand: this runs for every audio frame of every session. */
  private static int rateOf(String mime) {
    int i = mime.indexOf("rate=");
    if (i < 0) {
      return 16_000;
    }
    int rate = 0;
    int digits = 0;
    for (int j = i + 5; j < mime.length() && Character.isDigit(mime.charAt(j)) && digits < 9; j++, digits++) {
      rate = rate * 10 + (mime.charAt(j) - '0');
    }
    return digits == 0 || rate == 0 ? 16_000 : rate;
  }

  private static double rms(byte[] pcm, int length) {
    int n = length / 2;
    if (n == 0) {
      return 0;
    }
    long sum = 0; // exact and cheaper than a double sum
    for (int i = 0; i < n; i++) {
      int v = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
      sum += (long) v * v;
    }
    return Math.sqrt((double) sum / n);
  }
}
