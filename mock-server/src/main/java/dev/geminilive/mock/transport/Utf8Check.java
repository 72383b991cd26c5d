package dev.geminilive.mock.transport;

import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 check of a whole message (RFC 6455 §8.1 for text frames; the JSON of binary frames
 * must be UTF-8 too). Client messages are nearly always ASCII (JSON with base64 audio), so an
 * 8-bytes-at-a-time ASCII scan decides almost every frame; only others get a strict decode, which
 * also refuses overlong forms and encoded surrogates. Netty's byte-at-a-time validator was the
 * largest single cost of a streamed audio chunk.
 */
final class Utf8Check {
  private Utf8Check() {}

  static boolean valid(ByteBuf buf) {
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    for (; i + 8 <= end; i += 8) {
      if ((buf.getLong(i) & 0x8080808080808080L) != 0) {
        return strict(buf);
      }
    }
    for (; i < end; i++) {
      if (buf.getByte(i) < 0) {
        return strict(buf);
      }
    }
    return true;
  }

  private static boolean strict(ByteBuf buf) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(buf.nioBuffer());
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
