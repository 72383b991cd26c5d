package dev.geminilive.conformance.recording;

/** GO_AWAY: a resumption handle, goAway and the server's close, and whether the client came back with the handle. */
public final class ResumptionRecording extends CaseRecording {
  public ResumptionRecording(RawRecording raw) {
    super(raw);
  }

  /** True when the server's goAway really went out (the session was still open). */
  public boolean goAwaySent() {
    return frames().stream().anyMatch(f -> f.fromServer() && f.kind().equals("goAway"));
  }
}
