package dev.geminilive.conformance.recording;

/** A video frame the server received: its declared MIME type and its first bytes (the magic number). */
public record VideoFrame(String mimeType, byte[] head, int bytes) {
  public boolean isJpeg() {
    return head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF;
  }

  public boolean isPng() {
    return head.length >= 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
  }
}
