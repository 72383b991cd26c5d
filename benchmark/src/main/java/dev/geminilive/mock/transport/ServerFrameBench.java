package dev.geminilive.mock.transport;

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
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One server frame out: encoded for the wire and journalled. {@code wire}: what the transport does
 * now (encode once, journal entry built from the encoded bytes); {@code tree}: what it did before
 * (a Jackson tree for the journal, summarised, stored as JSON, then a second encoding for the wire).
 * In the transport's package because the wire writer is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServerFrameBench {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** {@code audio}: a 100 ms chunk of the persona's voice; {@code turnComplete}: a small frame. */
  @Param({"audio", "turnComplete"})
  public String frame;

  private ServerMessage message;
  private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

  @Setup
  public void setup() {
    message = frame.equals("audio")
        ? ServerMessage.content(ServerContent.modelTurn(new Content("model", List.of(Content.Part.inlineData(
            new Blob(PersonaVoice.base64Chunks().get(3), "audio/pcm;rate=24000"))))))
        : ServerMessage.content(ServerContent.endOfTurn());
  }

  private ByteBuf encode() throws Exception {
    ByteBuf buf = alloc.directBuffer(256);
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
      BlobWriter.WRITER.writeValue((OutputStream) out, message);
    }
    return buf;
  }

  @Benchmark
  public byte[] wire() throws Exception {
    BlobWriter.Marks marks = BlobWriter.MARKS.get().reset();
    ByteBuf buf = encode();
    try {
      return BlobSummarizer.summarizeWire(buf.nioBuffer(), marks);
    } finally {
      buf.release();
    }
  }

  @Benchmark
  public byte[] tree() throws Exception {
    JsonNode tree = BlobSummarizer.summarize(LiveJson.mapper().valueToTree(message));
    byte[] journal = PLAIN.writeValueAsBytes(tree);
    BlobWriter.MARKS.get().reset();
    encode().release();
    return journal;
  }
}
