package dev.geminilive.mock.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A fixed dictionary of the phrases most journal entries share (key paths, mime types, the
 * closing braces of an audio summary), for storing kept entries compactly. A thousand audio
 * sessions keep some 200,000 entries that differ mostly in a few numbers: each phrase becomes a
 * two-byte token, {@link #MARK} and its index. {@code MARK} (0xFF) never occurs in UTF-8, so a
 * token cannot be confused with text; an entry that holds such a byte anyway (not UTF-8) is kept
 * as it came, and the caller remembers which form it stored.
 *
 * <p>The phrases are taken from the journals of the benchmark's audio workload (300 sessions).
 * Longest first for each first byte, matched greedily: cheap enough for the event loop (a table
 * lookup per byte, a comparison only where a phrase can start) and no allocation.
 */
final class JournalDictionary {
  static final byte MARK = (byte) 0xFF;

  private static final String[] TEXT = {
    // the client's audio: {"realtimeInput":{"audio":{"data":{"bytes":1600,"crc32":"…","durationMs":50.0,
    //   "rms":…},"mimeType":"audio/pcm;rate=16000"}}}
    "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":1600,\"crc32\":\"",
    "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":3200,\"crc32\":\"",
    "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":",
    ",\"crc32\":\"",
    "\",\"durationMs\":50.0,\"rms\":",
    "\",\"durationMs\":100.0,\"rms\":",
    "\",\"durationMs\":",
    ",\"rms\":",
    "},\"mimeType\":\"audio/pcm;rate=16000\"}}}",
    "},\"mimeType\":\"audio/pcm\"}}}",
    // the model's audio, 100 ms chunks of 24 kHz
    "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"data\":{\"bytes\":4800,\"crc32\":\"",
    "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"data\":{\"bytes\":",
    "},\"mimeType\":\"audio/pcm;rate=24000\"}}]}}}",
    "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"text\":\"",
    "{\"serverContent\":{\"outputTranscription\":{\"text\":\"",
    "{\"serverContent\":{\"inputTranscription\":{\"text\":\"",
    "{\"serverContent\":{\"generationComplete\":true}}",
    "{\"serverContent\":{\"turnComplete\":true},\"usageMetadata\":{\"promptTokenCount\":",
    "{\"serverContent\":{\"interrupted\":true}}",
    "{\"serverContent\":{",
    ",\"responseTokenCount\":",
    ",\"totalTokenCount\":",
    ",\"promptTokensDetails\":[{\"modality\":\"",
    "}],\"responseTokensDetails\":[{\"modality\":\"",
    "AUDIO\",\"tokenCount\":",
    "TEXT\",\"tokenCount\":",
    "\"usageMetadata\":{",
    "\"}}}",
    "\"}]}}}",
    "}]}}",
    // the client's other messages
    "{\"realtimeInput\":{\"activityStart\":{}}}",
    "{\"realtimeInput\":{\"activityEnd\":{}}}",
    "{\"realtimeInput\":{\"audioStreamEnd\":true}}",
    "{\"realtimeInput\":{\"text\":\"",
    "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"",
    "\"}]}],\"turnComplete\":true}}",
    "{\"setup\":{\"model\":\"models/gemini-",
    "\"generationConfig\":{",
    "\"responseModalities\":[\"",
    "{\"setupComplete\":{}}",
    "{\"toolCall\":{\"functionCalls\":[{\"",
    "{\"toolResponse\":{\"functionResponses\":[{\"",
    "\"response\":{",
    "\"name\":\"",
    "\"args\":{",
    "{\"goAway\":{\"timeLeft\":\"",
    "{\"sessionResumptionUpdate\":{",
    "\"newHandle\":\"",
  };

  /** Phrase bytes by index (the token's second byte). */
  private static final byte[][] PHRASES;
  /** For each first byte, the indexes of the phrases starting with it, longest first; else null. */
  private static final int[][] BY_FIRST = new int[256][];

  static {
    PHRASES = new byte[TEXT.length][];
    List<List<Integer>> starts = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      starts.add(new ArrayList<>());
    }
    for (int i = 0; i < TEXT.length; i++) {
      PHRASES[i] = TEXT[i].getBytes(StandardCharsets.US_ASCII);
      if (PHRASES[i].length < 3) {
        throw new IllegalStateException("a phrase must be longer than its token: " + TEXT[i]);
      }
      starts.get(PHRASES[i][0] & 0xFF).add(i);
    }
    if (TEXT.length > 256) {
      throw new IllegalStateException("a token's index is one byte");
    }
    for (int b = 0; b < 256; b++) {
      List<Integer> s = starts.get(b);
      if (!s.isEmpty()) {
        s.sort(Comparator.comparingInt((Integer i) -> PHRASES[i].length).reversed());
        BY_FIRST[b] = s.stream().mapToInt(Integer::intValue).toArray();
      }
    }
  }

  private JournalDictionary() {}

  static int phrases() {
    return PHRASES.length;
  }

  /**
   * Writes {@code src} packed into {@code dst} at {@code at} (room for {@code src.length} bytes
   * must be there: packing never lengthens) and returns the packed length, or -1 if {@code src}
   * holds a byte that could be read as a token (not UTF-8; the caller stores it raw instead).
   */
  static int pack(byte[] src, byte[] dst, int at) {
    int n = src.length;
    int o = at;
    int i = 0;
    next:
    while (i < n) {
      byte b = src[i];
      int[] candidates = BY_FIRST[b & 0xFF];
      if (candidates != null) {
        for (int p : candidates) {
          byte[] phrase = PHRASES[p];
          int end = i + phrase.length;
          // many phrases share "{\"": the third byte rejects most before a full comparison
          if (end <= n && src[i + 2] == phrase[2] && src[i + 1] == phrase[1]
              && Arrays.equals(src, i, end, phrase, 0, phrase.length)) {
            dst[o++] = MARK;
            dst[o++] = (byte) p;
            i = end;
            continue next;
          }
        }
      } else if ((b & 0xFF) >= 0xF8) {
        return -1;
      }
      dst[o++] = b;
      i++;
    }
    return o - at;
  }

  /** The original bytes of {@code n} packed bytes at {@code from}. */
  static byte[] unpack(byte[] src, int from, int n) {
    int end = from + n;
    int size = 0;
    for (int i = from; i < end; i++) {
      if (src[i] == MARK) {
        size += PHRASES[src[++i] & 0xFF].length;
      } else {
        size++;
      }
    }
    byte[] out = new byte[size];
    int o = 0;
    for (int i = from; i < end; i++) {
      if (src[i] == MARK) {
        byte[] phrase = PHRASES[src[++i] & 0xFF];
        System.arraycopy(phrase, 0, out, o, phrase.length);
        o += phrase.length;
      } else {
        out[o++] = src[i];
      }
    }
    return out;
  }
}
