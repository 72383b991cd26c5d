package dev.geminilive.conformance.recording;

/** BAD_SERVER_FRAMES: unreadable server frames, then an ordinary turn, and whether the session went on. */
public final class BadFramesRecording extends CaseRecording {
  public BadFramesRecording(RawRecording raw) {
    super(raw);
  }

  /** True when the unreadable frames really went out (the session was still open). */
  public boolean badFramesSent() {
    return frames().stream().anyMatch(f -> f.fromServer() && f.kind().equals("raw"));
  }
}
