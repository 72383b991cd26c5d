package dev.geminilive.mock.profile;

import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.journal.BlobSummarizer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks the framing of {@code realtimeInput.audio} and {@code realtimeInput.video}: MIME type,
 * standard base64, 16-bit samples, image headers, frame rate. Breaks get the profile's reaction;
 * tolerated oddities (a missing rate, a non-native rate, frames faster than documented) become
 * findings. Reasons name the field, as the service's proto errors do. One per session.
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

  public Audio audio(Blob blob, String field, List<Finding> findings) {
    Reaction reaction = profile.realtimeInput().badAudio();
    if (blob.data() == null) {
      return broken(reaction, findings, "Invalid value at '" + field + ".data': missing.");
    }
    PcmFormat format = PcmFormat.parse(blob.mimeType());
    if (!format.isAudio()) {
      return broken(reaction, findings, "Invalid value at '" + field + ".mime_type': \""
          + blob.mimeType() + "\" is not an audio MIME type.");
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
    byte[] pcm = BlobSummarizer.decodedJustNow(blob.data()); // the journal just decoded it
    try {
      if (pcm == null) {
        pcm = Base64.getDecoder().decode(blob.data());
      }
    } catch (IllegalArgumentException e) {
      String hint = blob.data().indexOf('-') >= 0 || blob.data().indexOf('_') >= 0
          ? " (URL-safe base64? the API takes standard base64)" : "";
      return broken(reaction, findings, "Invalid value at '" + field
          + ".data' (TYPE_BYTES), Base64 decoding failed" + hint);
    }
    if (pcm.length % 2 != 0) {
      return broken(reaction, findings, "Invalid value at '" + field
          + ".data': 16-bit PCM needs an even byte count, got " + pcm.length + ".");
    }
    return new Audio(pcm, format.sampleRate(), null);
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
    String problem = videoProblem(blob, field, rules);
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

  private static String videoProblem(Blob blob, String field, VideoRules rules) {
    String mime = blob.mimeType() == null ? null : blob.mimeType().toLowerCase(Locale.ROOT).trim();
    if (mime == null || !rules.mimeTypes().contains(mime)) {
      return "Invalid value at '" + field + ".mime_type': \"" + blob.mimeType()
          + "\"; video frames must be one of " + rules.mimeTypes() + ".";
    }
    if (blob.data() == null) {
      return "Invalid value at '" + field + ".data': missing.";
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(blob.data());
    } catch (IllegalArgumentException e) {
      return "Invalid value at '" + field + ".data' (TYPE_BYTES), Base64 decoding failed";
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
