package dev.geminilive.conformance.recording;

import dev.geminilive.conformance.driver.DriverEvent;
import java.util.List;

/** TEXT_TURN: a known model reply (audio and transcriptions) and what the client handed its application of it. */
public final class ReplyRecording extends CaseRecording {
  public ReplyRecording(RawRecording raw) {
    super(raw);
  }

  /** The reply's PCM (24 kHz) exactly as the server sent it across its chunks, or null if it was never sent. */
  public byte[] sentAudio() {
    return raw().playedPcm();
  }

  /** The model audio the client handed the application, in order. */
  public List<DriverEvent.Audio> surfacedAudio() {
    return events(DriverEvent.Audio.class);
  }

  /** The input transcription pieces the client surfaced, joined. */
  public String inputTranscript() {
    return String.join("", events(DriverEvent.InputTranscript.class).stream().map(DriverEvent.InputTranscript::text).toList());
  }

  /** The output transcription pieces the client surfaced, joined. */
  public String outputTranscript() {
    return String.join("", events(DriverEvent.OutputTranscript.class).stream().map(DriverEvent.OutputTranscript::text).toList());
  }
}
