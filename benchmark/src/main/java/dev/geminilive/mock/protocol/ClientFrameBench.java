package dev.geminilive.mock.protocol;

import dev.geminilive.mock.journal.BlobSummarizer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One client audio frame in (50 ms of 16 kHz PCM, as voice clients stream it), decoded into the
 * typed message: {@code shortcut} reads it from the frame's bytes in a direct buffer and decodes
 * its payload (what the server does now; the tree only when asked), {@code general} parses, checks
 * against the field catalogue and binds (what it did before, and still does for every other
 * frame). The {@code journalled} pair adds the frame's journal entry: from the decoded bytes (what
 * the server does now) and from the summarised tree through an ObjectMapper (what it did before).
 * The {@code text} ones do the same for the text turn the benchmark's clients send: read and
 * journalled from its bytes ({@code TextTurnShortcut}) against the general reader and the tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientFrameBench {
  private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  private byte[] bytes;
  private ByteBuffer direct;
  private byte[] textBytes;
  private ByteBuffer textDirect;

  @Setup
  public void setup() {
    byte[] pcm = new byte[1600];
    for (int i = 0; i < 800; i++) {
      int s = (int) Math.round(Math.sin(2 * Math.PI * 300 * i / 16_000.0) * 8_000);
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    bytes = ("{\"realtimeInput\":{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(pcm)
        + "\",\"mimeType\":\"audio/pcm;rate=16000\"}}}").getBytes(StandardCharsets.US_ASCII);
    direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    textBytes = "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}"
        .getBytes(StandardCharsets.US_ASCII);
    textDirect = ByteBuffer.allocateDirect(textBytes.length).put(textBytes).flip();
  }

  @Benchmark
  public byte[] textJournalledFromBytes() throws ProtocolViolation {
    return decoder.decode(textDirect.duplicate()).json();
  }

  @Benchmark
  public byte[] textJournalledFromTree() throws Exception {
    ClientMessageDecoder.Decoded frame = decoder.decode(textBytes);
    return PLAIN.writeValueAsBytes(BlobSummarizer.summarize(frame.tree()));
  }

  @Benchmark
  public ClientMessageDecoder.Decoded shortcut() throws ProtocolViolation {
    return decoder.decode(direct.duplicate());
  }

  @Benchmark
  public ClientMessageDecoder.Decoded general() throws ProtocolViolation {
    return decoder.decode(bytes);
  }

  @Benchmark
  public byte[] journalledFromBytes() throws ProtocolViolation {
    ClientMessageDecoder.Decoded frame = decoder.decode(direct.duplicate());
    String mime = ((RealtimeInput) frame.message()).audio().mimeType();
    return frame.withAudioData(BlobSummarizer.summaryJson(frame.audioBytes(), mime));
  }

  @Benchmark
  public byte[] journalledFromTree() throws Exception {
    ClientMessageDecoder.Decoded frame = decoder.decode(direct.duplicate());
    return PLAIN.writeValueAsBytes(BlobSummarizer.summarize(frame.tree()));
  }
}
