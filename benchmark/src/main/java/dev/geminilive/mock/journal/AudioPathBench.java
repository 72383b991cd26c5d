package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.audio.SpeechTurnDetector;
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
 * The audio paths of a frame, 50 ms of 16 kHz PCM: the journal's summary of an inbound chunk
 * (base64 decode, CRC-32, RMS) from its string (the general path), as JSON from the bytes the
 * frame reader decoded (the common frame), the same from encoded bytes into a reused buffer
 * (what server frames use), and voice activity detection over the decoded samples.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AudioPathBench {
  private String base64;
  private ByteBuffer wire;
  private byte[] pcm;
  private byte[] scratch;
  private final SpeechTurnDetector detector = new SpeechTurnDetector(500);

  @Setup
  public void setup() {
    pcm = new byte[1600];
    for (int i = 0; i < 800; i++) {
      int s = (int) Math.round(Math.sin(2 * Math.PI * 300 * i / 16_000.0) * 8_000);
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    base64 = Base64.getEncoder().encodeToString(pcm);
    byte[] ascii = base64.getBytes(StandardCharsets.US_ASCII);
    wire = ByteBuffer.allocateDirect(ascii.length).put(ascii).flip();
    scratch = new byte[pcm.length];
  }

  /** The inbound journal summary: a fresh string each frame, so the cache never hits. */
  @Benchmark
  public ObjectNode summaryFromString() {
    ObjectNode audio = JsonNodeFactory.instance.objectNode();
    audio.put("data", new String(base64)).put("mimeType", "audio/pcm;rate=16000");
    return (ObjectNode) BlobSummarizer.summarize(audio);
  }

  /** The inbound journal summary as the server makes it now: JSON from the frame's decoded bytes. */
  @Benchmark
  public byte[] summaryJsonFromDecoded() {
    return BlobSummarizer.summaryJson(pcm, "audio/pcm;rate=16000");
  }

  @Benchmark
  public ObjectNode summaryFromWireBytes() {
    return WireAudio.summary(wire, 0, wire.limit(), "audio/pcm;rate=16000");
  }

  @Benchmark
  public int base64DecodeReused() {
    return WireAudio.decode(wire, 0, wire.limit(), scratch);
  }

  @Benchmark
  public byte[] base64DecodeJdk() {
    return Base64.getDecoder().decode(base64);
  }

  @Benchmark
  public SpeechTurnDetector.Change vad() {
    return detector.feed(pcm, 16_000);
  }
}
