package dev.geminilive.mock.profile;

/**
 * A profile rule the client broke, and what the profile says to do about it.
 *
 * @param rule the rule's name as in the profile, e.g. {@code clientContent.onViolation}
 * @param reaction the profile's reaction
 * @param detail what exactly was wrong, naming the field; the close reason when the profile gives
 *     none
 */
public record RuleBreak(String rule, Reaction reaction, String detail) {
  /** The close reason to send. */
  public String closeReason() {
    return reaction.reasonOr(detail);
  }
}
