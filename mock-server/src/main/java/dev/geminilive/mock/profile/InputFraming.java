package dev.geminilive.mock.profile;

import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.protocol.Blob;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks the framing of {@code realtimeInput.audio} and {@code realtimeInput.video}: MIME type,
 * base64, 16-bit samples, image headers, frame rate. Breaks get the profile's reaction; tolerated
 * oddities (a missing or non-native rate, a documented non-PCM audio type, URL-safe base64, an odd
 * byte count, frames faster than documented) become findings. Reasons name the field, as the service's proto errors do. One per session.
 */
public final class InputFraming {
  /** Decoded audio, or the rule it broke. */
  public record Audio(byte[] pcm, int sampleRate, RuleBreak broken) {}

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private final ModelProfile profile;
  private long lastFrameNanos = Long.MIN_VALUE;
  private boolean frameRateReported;

  public InputFraming(ModelProfile profile) {
    this.profile = profile;
  }

  /**
   * Audio types the Live documentation lists besides PCM. The service takes them; the mock cannot
   * hear them, so they are accepted and recorded as a finding (no source shows a rejection).
   */
  static final List<String> DOCUMENTED_AUDIO_TYPES = List.of("audio/x-aac", "audio/flac",
      "audio/mp3", "audio/m4a", "audio/mpeg", "audio/mpga", "audio/mp4", "audio/ogg", "audio/wav",
      "audio/webm");

  public Audio audio(Blob blob, String field, List<Finding> findings) {
    return audio(blob, field, findings, null);
  }

  /**
   * As above; {@code decoded} is {@code blob.data()} already decoded as standard base64 (by the
   * frame reader or the journal's summary), or null, so the same payload is not decoded twice.
   */
  public Audio audio(Blob blob, String field, List<Finding> findings, byte[] decoded) {
    Reaction reaction = profile.realtimeInput().badAudio();
    if (blob.data() == null) {
      return broken(reaction, findings, "Invalid value at '" + field + ".data': missing.");
    }
    PcmFormat format = PcmFormat.parse(blob.mimeType());
    if (!format.isAudio()) {
      return broken(reaction, findings, "Invalid value at '" + field + ".mime_type': \""
          + blob.mimeType() + "\" is not an audio MIME type.");
    }
    String base = blob.mimeType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!format.pcm() && DOCUMENTED_AUDIO_TYPES.contains(base)) {
      byte[] bytes = decode(blob.data(), field, findings);
      if (bytes == null) {
        return broken(reaction, findings, base64Failure(field, blob.data()));
      }
      findings.add(new Finding("audio.notPcm", field + ".mime_type \"" + blob.mimeType()
          + "\": a documented audio type but not raw PCM; the mock does not decode it, so it hears"
          + " nothing (live streaming expects audio/pcm)"));
      return new Audio(null, 0, null);
    }
    if (!format.pcm()) {
      return broken(reaction, findings, "Invalid value at '" + field + ".mime_type': \""
          + blob.mimeType() + "\"; realtime audio must be audio/pcm with an optional ;rate=8000..48000.");
    }
    if (!blob.mimeType().toLowerCase(Locale.ROOT).contains("rate=")) {
      findings.add(new Finding("audio.missingRate",
          field + ".mime_type \"" + blob.mimeType() + "\" has no ;rate=, 16000 assumed"));
    } else if (format.sampleRate() != PcmFormat.DEFAULT_INPUT_RATE) {
      findings.add(new Finding("audio.nonNativeRate",
          field + " at " + format.sampleRate() + " Hz; the service resamples, 16000 is native"));
    }
    byte[] pcm = decoded;
    if (pcm == null) {
      pcm = decode(blob.data(), field, findings);
    }
    if (pcm == null) {
      return broken(reaction, findings, base64Failure(field, blob.data()));
    }
    if (pcm.length % 2 != 0) {
      // Not a whole number of 16-bit samples: taken, the stray byte dropped (no source shows a refusal).
      findings.add(new Finding("audio.oddByteCount", field + ".data has " + pcm.length
          + " bytes; 16-bit PCM needs an even count, the last byte is dropped"));
      pcm = java.util.Arrays.copyOf(pcm, pcm.length - 1);
    }
    return new Audio(pcm, format.sampleRate(), null);
  }

  /**
   * Base64 as proto JSON reads it: the standard or the URL-safe alphabet, padding optional. The
   * URL-safe form is a finding (the SDKs send standard base64); null when neither decodes.
   */
  static byte[] decode(String data, String field, List<Finding> findings) {
    try {
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      try {
        byte[] bytes = Base64.getUrlDecoder().decode(data);
        findings.add(new Finding("base64.urlSafe",
            field + ".data uses the URL-safe base64 alphabet; accepted (proto JSON takes both)"));
        return bytes;
      } catch (IllegalArgumentException e2) {
        return null;
      }
    }
  }

  /** The proto-JSON parser's wording for undecodable bytes, quoting the start of the value. */
  static String base64Failure(String field, String data) {
    String shown = data.length() > 20 ? data.substring(0, 20) + "..." : data;
    return "Invalid value at '" + field + ".data' (TYPE_BYTES), Base64 decoding failed for \""
        + shown + "\"";
  }

  private static Audio broken(Reaction reaction, List<Finding> findings, String detail) {
    findings.add(new Finding("audio.framing", detail));
    if (reaction.accepts() || reaction.ignores()) {
      return new Audio(null, 0, null);
    }
    return new Audio(null, 0, new RuleBreak("realtimeInput.badAudio", reaction, detail));
  }

  /**
   * Checks one video frame received at {@code nowNanos} (monotonic, wall clock). Returns the rule
   * broken, or null.
   */
  public RuleBreak video(Blob blob, String field, long nowNanos, List<Finding> findings) {
    VideoRules rules = profile.video();
    String problem = videoProblem(blob, field, rules, findings);
    if (problem != null) {
      findings.add(new Finding("video.framing", problem));
      return rules.badFrame().accepts() || rules.badFrame().ignores()
          ? null : new RuleBreak("video.badFrame", rules.badFrame(), problem);
    }
    if (lastFrameNanos != Long.MIN_VALUE) {
      double fps = 1e9 / Math.max(1, nowNanos - lastFrameNanos);
      // 10 % slack: a client pacing at exactly 1 fps jitters a little.
      if (fps > rules.maxFramesPerSecond() * 1.1 && !frameRateReported) {
        frameRateReported = true;
        findings.add(new Finding("video.frameRate", String.format(Locale.ROOT,
            "frames %.1f per second; the documented rate is about %.1f", fps, rules.maxFramesPerSecond())));
      }
    }
    lastFrameNanos = nowNanos;
    return null;
  }

  private static String videoProblem(Blob blob, String field, VideoRules rules, List<Finding> findings) {
    String mime = blob.mimeType() == null ? null : blob.mimeType().toLowerCase(Locale.ROOT).trim();
    if (mime == null || !rules.mimeTypes().contains(mime)) {
      return "Invalid value at '" + field + ".mime_type': \"" + blob.mimeType()
          + "\"; video frames must be one of " + rules.mimeTypes() + ".";
    }
    if (blob.data() == null) {
      return "Invalid value at '" + field + ".data': missing.";
    }
    byte[] bytes = decode(blob.data(), field, findings);
    if (bytes == null) {
      return base64Failure(field, blob.data());
    }
    boolean jpeg = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF;
    boolean png = startsWith(bytes, PNG_MAGIC);
    if (mime.equals("image/jpeg") && !jpeg || mime.equals("image/png") && !png) {
      return "Invalid value at '" + field + ".data': not a decodable " + mime + " image"
          + (jpeg ? " (it is a JPEG)" : png ? " (it is a PNG)" : "") + ".";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
