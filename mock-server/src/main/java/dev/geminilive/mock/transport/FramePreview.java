package dev.geminilive.mock.transport;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The start of a refused frame, for the journal; built only when a frame is refused. */
final class FramePreview {
  private static final int PREVIEW_BYTES = 200;

  private FramePreview() {}

  /** @param start where the frame's content began (a decoder may have read past it) */
  static String of(ByteBuf content, int start) {
    return content.toString(start, Math.min(PREVIEW_BYTES, content.writerIndex() - start), StandardCharsets.UTF_8);
  }
}
