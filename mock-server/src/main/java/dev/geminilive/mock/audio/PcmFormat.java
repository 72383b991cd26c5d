package dev.geminilive.mock.audio;

import java.util.Locale;

/**
 * A parsed audio MIME type. The Live API takes raw 16-bit little-endian mono PCM declared as
 * {@code audio/pcm;rate=N}; a missing rate means 16000 (LiveKit's agents-js sends bare
 * {@code audio/pcm} and is answered).
 */
public record PcmFormat(String mimeType, boolean pcm, int sampleRate) {
  public static final int DEFAULT_INPUT_RATE = 16_000;
  public static final int OUTPUT_RATE = 24_000;

  /** Parses a MIME type; {@code pcm} is false for anything but {@code audio/pcm}. */
  public static PcmFormat parse(String mimeType) {
    if (mimeType == null) {
      return new PcmFormat(null, false, 0);
    }
    // A stream repeats one MIME type for every 20-100 ms chunk: remember the last one per thread.
    PcmFormat[] last = LAST.get();
    if (last[0] != null && last[0].mimeType().equals(mimeType)) {
      return last[0];
    }
    PcmFormat parsed = parseUncached(mimeType);
    last[0] = parsed;
    return parsed;
  }

  private static final ThreadLocal<PcmFormat[]> LAST = ThreadLocal.withInitial(() -> new PcmFormat[1]);

  private static PcmFormat parseUncached(String mimeType) {
    String[] parts = mimeType.split(";");
    String base = parts[0].trim().toLowerCase(Locale.ROOT);
    int rate = DEFAULT_INPUT_RATE;
    boolean rateValid = true;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("rate")) {
        try {
          rate = Integer.parseInt(p.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
          rateValid = false;
        }
      }
    }
    boolean pcm = base.equals("audio/pcm") && rateValid && rate >= 8_000 && rate <= 48_000;
    return new PcmFormat(mimeType, pcm, rateValid ? rate : 0);
  }

  public boolean isAudio() {
    return mimeType != null && mimeType.toLowerCase(Locale.ROOT).startsWith("audio/");
  }

  /** The MIME type the server uses for its own audio. */
  public static String outputMimeType() {
    return "audio/pcm;rate=" + OUTPUT_RATE;
  }
}
