package dev.geminilive.mock.profile;

import java.util.List;

/**
 * Which thinking control a family takes. 3.1 takes {@code thinkingLevel}, 2.5 takes
 * {@code thinkingBudget}; the other field, both at once, an unknown level or a budget out of range
 * get {@code onViolation}.
 *
 * @param field {@code thinkingLevel} or {@code thinkingBudget}
 * @param levels accepted levels when {@code field} is {@code thinkingLevel}
 * @param budgetMin smallest accepted budget ({@code -1} means "dynamic")
 * @param budgetMax largest accepted budget
 */
public record ThinkingRule(
    String field, List<String> levels, Integer budgetMin, Integer budgetMax, Reaction onViolation) {

  public static final String LEVEL = "thinkingLevel";
  public static final String BUDGET = "thinkingBudget";

  public ThinkingRule {
    levels = levels == null ? List.of() : List.copyOf(levels);
    onViolation = onViolation == null ? Reaction.ACCEPT : onViolation;
  }
}
