package dev.geminilive.mock.audio;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The default persona's spoken reply: a short voice-like signal (a 140 Hz glottal tone with
 * harmonics, shaped into syllables) at 24 kHz 16-bit mono, made once and pre-split into base64
 * chunks so that playing it costs no allocation or encoding per chunk.
 */
public final class PersonaVoice {
  public static final int RATE = PcmFormat.OUTPUT_RATE;
  public static final int CHUNK_MILLIS = 100;
  public static final int DURATION_MILLIS = 1_200;
  public static final String TRANSCRIPT = "Hello from the Gemini Live mock.";

  private static final byte[] PCM = synthesize();
  private static final List<String> CHUNKS = chunk(PCM, RATE * 2 * CHUNK_MILLIS / 1000);

  private PersonaVoice() {}

  /** The whole reply, little-endian 16-bit PCM at 24 kHz. */
  public static byte[] pcm() {
    return PCM.clone();
  }

  public static int byteCount() {
    return PCM.length;
  }

  /** Base64 of each {@value #CHUNK_MILLIS} ms chunk, in order. */
  public static List<String> base64Chunks() {
    return CHUNKS;
  }

  /** Base64 of each {@code chunkMillis} chunk, in order; made once per size (a family has one). */
  public static List<String> base64Chunks(int chunkMillis) {
    if (chunkMillis == CHUNK_MILLIS) {
      return CHUNKS;
    }
    int ms = Math.max(1, Math.min(DURATION_MILLIS, chunkMillis));
    return BY_SIZE.computeIfAbsent(ms, m -> chunk(PCM, RATE * 2 * m / 1000));
  }

  private static final java.util.Map<Integer, List<String>> BY_SIZE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static byte[] synthesize() {
    int n = RATE * DURATION_MILLIS / 1000;
    byte[] out = new byte[n * 2];
    double f0 = 140;
    for (int i = 0; i < n; i++) {
      double t = (double) i / RATE;
      double voice = 0;
      for (int h = 1; h <= 6; h++) {
        voice += Math.sin(2 * Math.PI * f0 * h * t) / h;
      }
      // Four syllables a second, with short fades at both ends of the clip.
      double syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t - Math.PI / 2);
      double edge = Math.min(1, Math.min(t, (double) (n - i) / RATE) / 0.02);
      int s = (int) Math.round(voice * syllable * edge * 6_000);
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return out;
  }

  private static List<String> chunk(byte[] pcm, int chunkBytes) {
    List<String> chunks = new ArrayList<>();
    for (int off = 0; off < pcm.length; off += chunkBytes) {
      int len = Math.min(chunkBytes, pcm.length - off);
      byte[] part = new byte[len];
      System.arraycopy(pcm, off, part, 0, len);
      chunks.add(Base64.getEncoder().encodeToString(part));
    }
    return List.copyOf(chunks);
  }
}
