package dev.geminilive.conformance.recording;

/** SERVER_CLOSE: the server closes an established session, and what the client reported of it. */
public final class ServerCloseRecording extends CaseRecording {
  public ServerCloseRecording(RawRecording raw) {
    super(raw);
  }

  /** True when the server's close with {@code code} really went out (the client had not closed first). */
  public boolean closeSent(int code) {
    return frames().stream().anyMatch(f -> f.kind().equals("server-close") && f.entry().note() != null
        && f.entry().note().startsWith(String.valueOf(code)));
  }
}
