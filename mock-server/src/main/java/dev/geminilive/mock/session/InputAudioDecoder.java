package dev.geminilive.mock.session;

import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.journal.BlobSummarizer;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.ProtocolViolation;
import java.util.Base64;

/**
 * Decodes and checks one {@code realtimeInput.audio} blob: an audio MIME type, standard base64,
 * 16-bit samples. Reasons name the field, as the real service's proto errors do.
 */
final class InputAudioDecoder {
  private InputAudioDecoder() {}

  static AudioInput decode(Blob blob, String field) throws ProtocolViolation {
    if (blob.data() == null) {
      throw ProtocolViolation.invalid("Invalid value at '" + field + ".data': missing.");
    }
    PcmFormat format = PcmFormat.parse(blob.mimeType());
    if (!format.isAudio()) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + field + ".mime_type': \"" + blob.mimeType()
              + "\" is not an audio MIME type.");
    }
    if (!format.pcm()) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + field + ".mime_type': \"" + blob.mimeType()
              + "\"; realtime audio must be audio/pcm with an optional ;rate=8000..48000.");
    }
    byte[] pcm = BlobSummarizer.decodedJustNow(blob.data()); // the journal decoded it already
    try {
      if (pcm == null) {
        pcm = Base64.getDecoder().decode(blob.data());
      }
    } catch (IllegalArgumentException e) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + field + ".data' (TYPE_BYTES), Base64 decoding failed: "
              + e.getMessage());
    }
    if (pcm.length % 2 != 0) {
      throw ProtocolViolation.invalid(
          "Invalid value at '" + field + ".data': 16-bit PCM needs an even byte count, got "
              + pcm.length + ".");
    }
    return new AudioInput(pcm, format.sampleRate());
  }
}
