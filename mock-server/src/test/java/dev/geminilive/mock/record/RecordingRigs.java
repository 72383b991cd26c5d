package dev.geminilive.mock.record;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Small waits shared by the recorder tests. */
final class RecordingRigs {
  private RecordingRigs() {}

  static void awaitWritten(Recorder recorder, int n) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recorder.written() >= n);
  }
}
