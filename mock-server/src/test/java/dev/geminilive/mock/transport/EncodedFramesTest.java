package dev.geminilive.mock.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.journal.BlobSummarizer;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message sent again and again goes out, and into the journal, exactly as its first encoding. */
class EncodedFramesTest {
  record Sent(byte[] wire, byte[] journal) {}

  static List<Sent> sendTimes(ServerMessage m, int times) {
    EmbeddedChannel ch = new EmbeddedChannel();
    NettySessionTransport transport = new NettySessionTransport(ch, false, 1000, new PacingStats());
    List<byte[]> journal = new ArrayList<>();
    List<Sent> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      transport.send(m, (wire, blobs) -> journal.add(BlobSummarizer.summarizeWire(wire, blobs)));
      WebSocketFrame frame = ch.readOutbound();
      ByteBuf content = frame.content();
      out.add(new Sent(ByteBufUtil.getBytes(content), journal.get(i)));
      frame.release();
    }
    ch.finishAndReleaseAll();
    return out;
  }

  static ServerMessage parts(Content.Part... parts) {
    return ServerMessage.content(ServerContent.modelTurn(new Content("model", List.of(parts))));
  }

  @Test
  void theThirdSendOfAMessageComesFromItsKeptEncodingWithTheSameBytesAndJournalEntry() {
    ServerMessage chunk = parts(Content.Part.inlineData(new Blob(PersonaVoice.base64Chunks().get(2), "audio/pcm;rate=24000")));
    List<Sent> sent = sendTimes(chunk, 3);

    assertThat(EncodedFrames.lookup(chunk)).isNotNull().extracting(EncodedFrames.Entry::wire).isNotNull();
    for (Sent s : sent.subList(1, 3)) {
      assertThat(s.wire()).isEqualTo(sent.get(0).wire());
      assertThat(s.journal()).isNotNull().isEqualTo(sent.get(0).journal());
    }
  }

  @Test
  void framesWithSeveralPayloadsAndTextKeepEveryPayloadsPlace() {
    String a = Base64.getEncoder().encodeToString(new byte[1001]);
    String b = Base64.getEncoder().encodeToString(new byte[999]);
    ServerMessage m = parts(Content.Part.inlineData(new Blob(a, "audio/pcm;rate=24000")), Content.Part.text("é \"data\""),
        Content.Part.inlineData(new Blob(b, "image/png")));
    List<Sent> sent = sendTimes(m, 4);
    for (Sent s : sent.subList(1, 4)) {
      assertThat(s.wire()).isEqualTo(sent.get(0).wire());
      assertThat(s.journal()).isNotNull().isEqualTo(sent.get(0).journal());
    }
  }

  @Test
  void equalButDistinctMessagesAreNotConfused() {
    java.util.Random r = new java.util.Random(7);
    byte[] xb = new byte[900];
    byte[] yb = new byte[900];
    r.nextBytes(xb);
    r.nextBytes(yb);
    String x = Base64.getEncoder().encodeToString(xb);
    String y = Base64.getEncoder().encodeToString(yb);
    ServerMessage first = parts(Content.Part.inlineData(new Blob(x, "audio/pcm;rate=24000")));
    ServerMessage second = parts(Content.Part.inlineData(new Blob(y, "audio/pcm;rate=24000")));
    sendTimes(first, 3);
    List<Sent> other = sendTimes(second, 1);
    assertThat(new String(other.get(0).wire())).contains(y).doesNotContain(x);
  }
}
