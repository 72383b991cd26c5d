package dev.geminilive.mock.profile;

/**
 * When {@code clientContent} is allowed.
 *
 * @param policy {@code anyTime} (2.5) or {@code initialHistoryOnly} (3.1: only when setup set
 *     {@code historyConfig.initialHistoryInClientContent: true}, and only until a history message
 *     with {@code turnComplete: true} or the first model turn)
 * @param onViolation what a {@code clientContent} outside the allowed phase gets
 */
public record ClientContentRule(String policy, Reaction onViolation) {
  public static final String ANY_TIME = "anyTime";
  public static final String INITIAL_HISTORY_ONLY = "initialHistoryOnly";

  public ClientContentRule {
    policy = policy == null ? ANY_TIME : policy;
    onViolation = onViolation == null ? Reaction.ACCEPT : onViolation;
  }

  public boolean initialHistoryOnly() {
    return INITIAL_HISTORY_ONLY.equals(policy);
  }
}
