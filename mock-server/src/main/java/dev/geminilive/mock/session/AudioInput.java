package dev.geminilive.mock.session;

/** Decoded input audio: 16-bit little-endian mono PCM and its declared rate. */
public record AudioInput(byte[] pcm, int sampleRate) {
  public double durationMillis() {
    return pcm.length / 2.0 * 1000.0 / sampleRate;
  }
}
