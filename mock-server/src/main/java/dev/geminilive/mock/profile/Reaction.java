package dev.geminilive.mock.profile;

/**
 * What the server does when a client breaks a profile rule.
 *
 * @param action {@code accept}, {@code ignore} (take the message but do not act on it),
 *     {@code close} (with code and reason) or {@code hang} (the real service's silence: no answer
 *     and no close)
 * @param code WebSocket close code for {@code close}
 * @param reason close reason for {@code close}, sent as is (cut to 123 bytes); when absent the
 *     checker's own reason, which names the offending field, is sent
 * @param source where the behaviour was seen or read (a docs/sources.md section, issue or PR)
 * @param evidence {@code observed} (someone saw the real service do it) or {@code inferred} (no
 *     public source quotes it; the mock's best guess)
 * @param note a remark for people, e.g. which API version a feature needs
 */
public record Reaction(
    String action, Integer code, String reason, String source, String evidence, String note) {

  public static final Reaction ACCEPT = new Reaction("accept", null, null, null, null, null);

  /** The shape before {@code evidence} and {@code note} existed. */
  public Reaction(String action, Integer code, String reason, String source) {
    this(action, code, reason, source, null, null);
  }

  public static Reaction close(int code, String reason, String source, String evidence) {
    return new Reaction("close", code, reason, source, evidence, null);
  }

  public boolean accepts() {
    return action == null || "accept".equals(action);
  }

  public boolean ignores() {
    return "ignore".equals(action);
  }

  public boolean closes() {
    return "close".equals(action);
  }

  public boolean hangs() {
    return "hang".equals(action);
  }

  /** The close reason to send: the profile's exact text, else {@code fallback}. */
  public String reasonOr(String fallback) {
    return reason == null || reason.isBlank() ? fallback : reason;
  }

  /** One line for journals: action, code, source and evidence. */
  public String describe() {
    StringBuilder sb = new StringBuilder(action == null ? "accept" : action);
    if (code != null) sb.append(' ').append(code);
    if (source != null) sb.append(" (").append(source);
    if (evidence != null) sb.append(source == null ? " (" : "; ").append(evidence);
    if (source != null || evidence != null) sb.append(')');
    return sb.toString();
  }
}
