package dev.geminilive.conformance.recording;

import dev.geminilive.conformance.driver.DriverEvent;
import java.util.List;

/**
 * INTERRUPT: a long reply streamed in and interrupted; the client's interrupted event and, for a
 * driver that owns the audio output, its playback reports.
 */
public final class InterruptRecording extends CaseRecording {
  public InterruptRecording(RawRecording raw) {
    super(raw);
  }

  /** The interrupted reply's PCM (24 kHz) as the server sent it before interrupted, or null. */
  public byte[] sentAudio() {
    return raw().playedPcm();
  }

  /** The driver's played events (cumulative bytes of model audio its output played), in order. */
  public List<TimedEvent> playback() {
    return timed(e -> e instanceof DriverEvent.Played);
  }

  /** When the client first surfaced interrupted (ms since the case started), or NaN. */
  public double interruptedSurfacedAt() {
    return timed(e -> e instanceof DriverEvent.Interrupted).stream().mapToDouble(TimedEvent::millis).findFirst()
        .orElse(Double.NaN);
  }
}
