package dev.geminilive.mock.transport;

/**
 * What one connection may cost the server. Each breach closes only the offending connection, with
 * a close code and a reason that names the limit (and the {@code serve} option that sets it).
 *
 * @param maxSessions live WebSocket sessions at once; one more is refused with 1013
 * @param handshakeTimeoutMillis time from TCP accept to a complete HTTP request (slowloris);
 *     answered with HTTP 408 and the connection closed
 * @param setupTimeoutMillis time from the WebSocket upgrade to the {@code setup} message; 1008
 * @param idleTimeoutMillis time without any frame from the client; 1008; 0 disables it
 * @param maxBacklogBytes bytes queued for a client that does not read (audio replies, pongs)
 *     before the session is closed with 1008; this is the channel's high write-water mark
 */
public record ServerLimits(
    int maxSessions,
    long handshakeTimeoutMillis,
    long setupTimeoutMillis,
    long idleTimeoutMillis,
    int maxBacklogBytes) {

  /** Close code for a session refused because the server is full (RFC 6455: try again later). */
  public static final int TRY_AGAIN_LATER = 1013;

  /** Close code for every other limit (RFC 6455: policy violation). */
  public static final int POLICY_VIOLATION = 1008;

  /** Close code for a message above the frame limit (RFC 6455: message too big). */
  public static final int MESSAGE_TOO_BIG = 1009;

  public ServerLimits {
    if (maxSessions < 1 || handshakeTimeoutMillis < 1 || setupTimeoutMillis < 1
        || idleTimeoutMillis < 0 || maxBacklogBytes < 1024) {
      throw new IllegalArgumentException("limits out of range: " + this);
    }
  }

  public static ServerLimits defaults() {
    return new ServerLimits(10_000, 10_000, 30_000, 600_000, 1024 * 1024);
  }

  public ServerLimits withMaxSessions(int n) {
    return new ServerLimits(n, handshakeTimeoutMillis, setupTimeoutMillis, idleTimeoutMillis, maxBacklogBytes);
  }

  public ServerLimits withHandshakeTimeoutMillis(long ms) {
    return new ServerLimits(maxSessions, ms, setupTimeoutMillis, idleTimeoutMillis, maxBacklogBytes);
  }

  public ServerLimits withSetupTimeoutMillis(long ms) {
    return new ServerLimits(maxSessions, handshakeTimeoutMillis, ms, idleTimeoutMillis, maxBacklogBytes);
  }

  public ServerLimits withIdleTimeoutMillis(long ms) {
    return new ServerLimits(maxSessions, handshakeTimeoutMillis, setupTimeoutMillis, ms, maxBacklogBytes);
  }

  public ServerLimits withMaxBacklogBytes(int bytes) {
    return new ServerLimits(maxSessions, handshakeTimeoutMillis, setupTimeoutMillis, idleTimeoutMillis, bytes);
  }

  static String tooManySessions(int max) {
    return "Too many sessions: the server's limit is " + max + " at once (--max-sessions).";
  }

  static String setupTimeout(long ms) {
    return "Setup timeout: no setup message within " + ms + " ms of the upgrade (--setup-timeout-ms).";
  }

  static String idleTimeout(long ms) {
    return "Idle timeout: no frame from the client for " + ms + " ms (--idle-timeout-ms).";
  }

  static String backlog(int bytes) {
    return "Backlog limit: more than " + bytes
        + " bytes queued for a client that does not read (--max-backlog-bytes).";
  }

  static String tooBig(int bytes) {
    return "Message too big: the limit is " + bytes + " bytes (--max-frame-bytes).";
  }
}
