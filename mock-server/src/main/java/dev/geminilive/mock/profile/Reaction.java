package dev.geminilive.mock.profile;

/**
 * What the server does when a client breaks a profile rule.
 *
 * @param action {@code accept}, {@code close} (with code and reason) or {@code hang} (the real
 *     service's silence: no answer and no close)
 * @param code WebSocket close code for {@code close}
 * @param reason close reason for {@code close}, sent as is (cut to 123 bytes)
 * @param source where the behaviour was seen or read; {@code inferred} when no source quotes it
 */
public record Reaction(String action, Integer code, String reason, String source) {

  public static final Reaction ACCEPT = new Reaction("accept", null, null, null);

  public boolean accepts() {
    return action == null || "accept".equals(action);
  }

  public boolean closes() {
    return "close".equals(action);
  }

  public boolean hangs() {
    return "hang".equals(action);
  }
}
