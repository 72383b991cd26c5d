package dev.geminilive.mock.profile;

import java.time.LocalDate;

/**
 * When {@code clientContent} is allowed.
 *
 * <p>A rule may change on a known date: {@code relaxedPolicy} applies from {@code relaxedSince} on,
 * but only when the profile is set to imitate the service on or after that day ({@code asOf}).
 * Without {@code asOf} the older, documented {@code policy} applies, so a dated change reported by
 * weaker sources never loosens the mock by itself.
 *
 * @param policy {@code anyTime} (2.5, 3.8) or {@code initialHistoryOnly} (3.1: only when setup set
 *     {@code historyConfig.initialHistoryInClientContent: true}, and only until a history message
 *     with {@code turnComplete: true} or the first model turn)
 * @param onViolation what a {@code clientContent} outside the allowed phase gets
 * @param relaxedPolicy the policy the newer sources describe
 * @param relaxedSince the day from which they describe it ({@code YYYY-MM-DD})
 * @param relaxedSource who says so
 * @param asOf the day whose behaviour the mock imitates ({@code YYYY-MM-DD}); null: before any
 *     dated change
 * @param turnCompleteInterrupts {@code turnComplete: true} cuts the model's current output even
 *     under {@code activityHandling: NO_INTERRUPTION} (3.8)
 * @param historyConfig {@code honoured}: with {@code historyConfig.initialHistoryInClientContent}
 *     the first {@code clientContent} messages up to one with {@code turnComplete} are history,
 *     filed without a reply; {@code ignored}: the setup field has no effect
 */
public record ClientContentRule(
    String policy,
    Reaction onViolation,
    String relaxedPolicy,
    String relaxedSince,
    String relaxedSource,
    String asOf,
    Boolean turnCompleteInterrupts,
    String historyConfig) {
  public static final String ANY_TIME = "anyTime";
  public static final String INITIAL_HISTORY_ONLY = "initialHistoryOnly";

  public ClientContentRule {
    policy = policy == null ? ANY_TIME : policy;
    onViolation = onViolation == null ? Reaction.ACCEPT : onViolation;
    turnCompleteInterrupts = turnCompleteInterrupts != null && turnCompleteInterrupts;
    historyConfig = historyConfig == null ? HONOURED : historyConfig;
  }

  public static final String HONOURED = "honoured";
  public static final String IGNORED = "ignored";

  public ClientContentRule(String policy, Reaction onViolation) {
    this(policy, onViolation, null, null, null, null, null, null);
  }

  public boolean historyConfigHonoured() {
    return HONOURED.equals(historyConfig);
  }

  /** The policy in force on {@code asOf}. */
  public String effectivePolicy() {
    if (relaxedPolicy == null || relaxedSince == null || asOf == null) {
      return policy;
    }
    return LocalDate.parse(asOf).isBefore(LocalDate.parse(relaxedSince)) ? policy : relaxedPolicy;
  }

  public boolean initialHistoryOnly() {
    return INITIAL_HISTORY_ONLY.equals(effectivePolicy());
  }
}
