package dev.geminilive.conformance.recording;

/** EARLY_CLOSE: a connect the server refuses before setupComplete, and how the failure reached the application. */
public final class RefusedConnectRecording extends CaseRecording {
  public RefusedConnectRecording(RawRecording raw) {
    super(raw);
  }

  /** The close code the client reported with its failed connect, or null. */
  public Integer connectCode() {
    return raw().connectCode();
  }

  /** The close reason the client reported with its failed connect, or null. */
  public String connectReason() {
    return raw().connectReason();
  }

  /** How long connect took to return or fail. */
  public double connectMillis() {
    return raw().connectMillis();
  }

  /** The reason the server closed with, or null if no connection reached it. */
  public String serverCloseReason() {
    return sessions().isEmpty() ? null : sessions().get(0).closeReason();
  }
}
