package dev.geminilive.mock.session;

/**
 * What survives a connection when the client asked for session resumption: when the session
 * started (its duration limit spans connections), whether video was sent, whether initial history
 * is over, how many turns were completed. Shared by the connections of one session, one at a time;
 * the attach/detach handshake is synchronized, the fields are written by the attached connection
 * only.
 */
public final class ConversationState {
  private final String firstSessionId;
  private final long startedNanos;
  private volatile boolean videoSeen;
  private volatile boolean historyClosed;
  private volatile int completedTurns;
  private String attachedSessionId;
  private long detachedAtNanos;

  ConversationState(String firstSessionId, long startedNanos) {
    this.firstSessionId = firstSessionId;
    this.startedNanos = startedNanos;
    this.attachedSessionId = firstSessionId;
  }

  /** The journal id of the connection that started the session. */
  public String firstSessionId() {
    return firstSessionId;
  }

  public long startedNanos() {
    return startedNanos;
  }

  public boolean videoSeen() {
    return videoSeen;
  }

  void markVideo() {
    videoSeen = true;
  }

  public boolean historyClosed() {
    return historyClosed;
  }

  void closeHistory() {
    historyClosed = true;
  }

  public int completedTurns() {
    return completedTurns;
  }

  void turnCompleted() {
    completedTurns++;
  }

  /** Takes the state for a new connection; false when another connection still holds it. */
  synchronized boolean attach(String sessionId) {
    if (attachedSessionId != null) {
      return false;
    }
    attachedSessionId = sessionId;
    return true;
  }

  synchronized void detach(String sessionId, long nowNanos) {
    if (sessionId.equals(attachedSessionId)) {
      attachedSessionId = null;
      detachedAtNanos = nowNanos;
    }
  }

  /** True while attached, or within {@code validityNanos} of the last detach. */
  synchronized boolean valid(long nowNanos, long validityNanos) {
    return attachedSessionId != null || nowNanos - detachedAtNanos <= validityNanos;
  }

  synchronized boolean attached() {
    return attachedSessionId != null;
  }
}
