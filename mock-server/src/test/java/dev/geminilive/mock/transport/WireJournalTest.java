package dev.geminilive.mock.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.journal.BlobSummarizer;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server frame's journal entry built from its wire bytes is the entry the message's tree gives
 * (what the admin API, the dashboard and tests read), or the wire path declines and the tree is used.
 */
class WireJournalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ServerMessage parts(Content.Part... parts) {
    return ServerMessage.content(ServerContent.modelTurn(new Content("model", List.of(parts))));
  }

  static Content.Part audio(String data, String mime) {
    return Content.Part.inlineData(new Blob(data, mime));
  }

  /** The entry from the wire, or null when the wire path declines; encoded as the transport does. */
  static byte[] fromWire(ServerMessage m, ByteBuf buf) throws Exception {
    BlobWriter.Marks marks = BlobWriter.MARKS.get().reset();
    buf.writeBytes(new byte[] {'x', 'y'}); // a frame need not start at index 0 of its buffer
    buf.readerIndex(2);
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
      BlobWriter.WRITER.writeValue((OutputStream) out, m);
    }
    return BlobSummarizer.summarizeWire(buf.nioBuffer(), marks);
  }

  static JsonNode fromTree(ServerMessage m) {
    return BlobSummarizer.summarize(LiveJson.mapper().valueToTree(m));
  }

  /** What a journal reader got before: the tree path's entry, stored as bytes and read back. */
  static JsonNode asReadBack(ServerMessage m) throws Exception {
    return JSON.readTree(JSON.writeValueAsBytes(fromTree(m)));
  }

  @Test
  void sameEntryAsTheTreeForEveryKindOfFrame() throws Exception {
    String chunk = PersonaVoice.base64Chunks().get(3);
    String padded1 = Base64.getEncoder().encodeToString(new byte[1001]); // "=="
    String padded2 = Base64.getEncoder().encodeToString(new byte[1000]); // "="
    List<ServerMessage> frames = List.of(
        ServerMessage.setupComplete(null),
        ServerMessage.setupComplete("s-1"),
        ServerMessage.content(ServerContent.endOfTurn()),
        ServerMessage.content(ServerContent.outputTranscription("a \"data\":\"x\" é 中")),
        parts(audio(chunk, "audio/pcm;rate=24000")),
        parts(audio(chunk, "audio/pcm;rate=24000")), // second time: from the summary cache
        parts(audio(padded1, "audio/pcm;rate=16000"), Content.Part.text("and"), audio(padded2, "image/png")),
        parts(audio(chunk, null)), // no MIME type: journalled as sent
        parts(audio("AAAA", "audio/pcm")), // short: written by Jackson, not marked
        parts(audio(null, "audio/pcm")));
    for (ByteBuf buf : List.of(Unpooled.buffer(64), PooledByteBufAllocator.DEFAULT.directBuffer(64))) {
      try {
        for (ServerMessage m : frames) {
          buf.clear();
          byte[] wire = fromWire(m, buf);
          if (wire != null) {
            assertThat(JSON.readTree(wire)).as(m.kind()).isEqualTo(asReadBack(m));
          }
        }
      } finally {
        buf.release();
      }
    }
    // The audio frames, the common case, do take the wire path.
    ByteBuf buf = Unpooled.buffer();
    assertThat(fromWire(frames.get(4), buf)).isNotNull();
    assertThat(JSON.readTree(fromWire(frames.get(4), buf.clear())).at("/serverContent/modelTurn/parts/0/inlineData/data/durationMs").asDouble())
        .isEqualTo(100.0);
    assertThat(fromWire(frames.get(6), buf.clear())).isNotNull();
  }

  @Test
  void aDataKeyOutsideTheBlobsLeavesTheFrameToTheTree() throws Exception {
    JsonNode args = JSON.readTree("{\"data\":\"" + "QUJD".repeat(200) + "\",\"mimeType\":\"audio/pcm\"}");
    ServerMessage call = ServerMessage.toolCall(List.of(new ServerMessage.FunctionCall("1", "f", args)));
    assertThat(fromWire(call, Unpooled.buffer())).isNull();
    // ...whose rule summarises it like any other payload
    assertThat(fromTree(call).at("/toolCall/functionCalls/0/args/data/bytes").asInt()).isEqualTo(600);
  }

  @Test
  void payloadsThatAreNotPlainBase64AreSummarisedAsBefore() throws Exception {
    String odd = "QUJD".repeat(200) + "QQ"; // unpadded: decoded by java.util.Base64, not the wire decoder
    ServerMessage m = parts(audio(odd, "audio/pcm;rate=24000"));
    byte[] wire = fromWire(m, Unpooled.buffer());
    assertThat(wire).isNotNull();
    assertThat(JSON.readTree(wire)).isEqualTo(asReadBack(m));
  }
}
