package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
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
   * simply miss. Small and bounded: a slot array indexed by identity hash.
   */
  private static final int CACHE_SLOTS = 256;
  private static final int MAX_CACHED_CHARS = 64 * 1024;
  private static final CacheSlot[] CACHE = new CacheSlot[CACHE_SLOTS];

  private record CacheSlot(String base64, String mimeType, ObjectNode summary) {}

  private BlobSummarizer() {}

  /** Summarises, in place, every object that has both {@code data} and a MIME type. */
  public static JsonNode summarize(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode data = object.get("data");
      JsonNode mime = object.has("mimeType") ? object.get("mimeType") : object.get("mime_type");
      if (data != null && data.isTextual() && mime != null) {
        object.set("data", cachedSummary(data.asText(), mime.asText()));
        return node;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        summarize(it.next().getValue());
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode child : array) {
        summarize(child);
      }
    }
    return node;
  }

  private static ObjectNode cachedSummary(String base64, String mimeType) {
    int slot = System.identityHashCode(base64) & (CACHE_SLOTS - 1);
    CacheSlot hit = CACHE[slot]; // a racy read of an immutable record: at worst a miss
    if (hit != null && hit.base64() == base64 && hit.mimeType().equals(mimeType)) {
      return hit.summary().deepCopy();
    }
    ObjectNode summary = summary(base64, mimeType);
    if (base64.length() <= MAX_CACHED_CHARS) { // never pin a big client payload in memory
      CACHE[slot] = new CacheSlot(base64, mimeType, summary.deepCopy());
    }
    return summary;
  }

  /**
   * The payload this thread decoded last, so that the session's audio decoder, which runs right
   * after the journal on the same event loop, does not decode the same base64 a second time.
   */
  private static final ThreadLocal<Object[]> LAST_DECODED = ThreadLocal.withInitial(() -> new Object[2]);

  /** The bytes of {@code base64} if this thread's last summary decoded that very string, else null. */
  public static byte[] decodedJustNow(String base64) {
    Object[] last = LAST_DECODED.get();
    return last[0] == base64 ? (byte[]) last[1] : null;
  }

  static ObjectNode summary(String base64, String mimeType) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
      Object[] last = LAST_DECODED.get();
      last[0] = base64;
      last[1] = bytes;
    } catch (IllegalArgumentException e) {
      s.put("base64Chars", base64.length());
      s.put("invalidBase64", true);
      return s;
    }
    s.put("bytes", bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    s.put("crc32", hex8(crc.getValue()));
    if (mimeType.startsWith("audio/pcm")) {
      int rate = rateOf(mimeType);
      s.put("durationMs", Math.round(bytes.length / 2.0 * 1000.0 / rate * 10) / 10.0);
      s.put("rms", Math.round(rms(bytes)));
    }
    return s;
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

  private static double rms(byte[] pcm) {
    int n = pcm.length / 2;
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
