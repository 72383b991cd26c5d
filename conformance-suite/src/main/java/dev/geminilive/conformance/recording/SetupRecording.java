package dev.geminilive.conformance.recording;

/** WRONG_CONFIG: the setup the client made of a request the model cannot take, and where it sent it. */
public final class SetupRecording extends CaseRecording {
  public SetupRecording(RawRecording raw) {
    super(raw);
  }

  /** The endpoint path of the first connection (it names the API version), or null without one. */
  public String endpoint() {
    return sessions().isEmpty() ? null : sessions().get(0).path();
  }

  /** True when the client refused to connect at all (a legitimate answer to a request it cannot send). */
  public boolean refusedToConnect() {
    return connectError() != null;
  }
}
