package dev.geminilive.mock.journal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Recording the client's audio frame in a session's journal (the entry most often written, some
 * 20,000 times a second at 1,000 sessions) into a full ring, so every record drops the oldest as
 * in a long session; and the packing alone, what the dictionary adds to a record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalRecordBench {
  private static final byte[] AUDIO_IN = ("{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":1600,\"crc32\":\"1a2b3c4d\","
      + "\"durationMs\":50.0,\"rms\":1234},\"mimeType\":\"audio/pcm;rate=16000\"}}}").getBytes(StandardCharsets.UTF_8);
  private SessionJournal journal;
  private final byte[] scratch = new byte[AUDIO_IN.length];

  @Setup
  public void setup() {
    journal = new SessionJournal("s", "/ws/x", 200);
    for (int i = 0; i < 400; i++) {
      journal.recordJson(Direction.CLIENT_TO_SERVER, "realtimeInput.audio", AUDIO_IN, null);
    }
  }

  @Benchmark
  public SessionJournal recordAudioEntry() {
    journal.recordJson(Direction.CLIENT_TO_SERVER, "realtimeInput.audio", AUDIO_IN, null);
    return journal;
  }

  @Benchmark
  public int packAudioEntry() {
    return JournalDictionary.pack(AUDIO_IN, scratch, 0);
  }
}
