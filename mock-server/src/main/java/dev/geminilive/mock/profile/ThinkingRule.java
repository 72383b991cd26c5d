package dev.geminilive.mock.profile;

import java.util.List;

/**
 * Which thinking control a family takes. 3.1 and 3.8 extended thinking take {@code thinkingLevel},
 * 2.5 takes {@code thinkingBudget}, 3.8 takes none; the other field, both at once, an unknown level
 * or a budget out of range get {@code onViolation}.
 *
 * @param field {@code thinkingLevel}, {@code thinkingBudget} or {@code none} (any
 *     {@code thinkingConfig} breaks the rule)
 * @param levels accepted levels when {@code field} is {@code thinkingLevel}
 * @param budgetMin smallest accepted budget ({@code -1} means "dynamic")
 * @param budgetMax largest accepted budget
 * @param budgetAccepted with {@code field: thinkingLevel}, a {@code thinkingBudget} alone is
 *     accepted too (any integer)
 * @param onViolation what a setup breaking the rule gets
 * @param onMissing what a setup without any thinking setting gets (a family that needs one)
 * @param thoughtParts whether replies carry {@code thought: true} text parts when setup asks
 *     {@code includeThoughts: true}
 */
public record ThinkingRule(
    String field,
    List<String> levels,
    Integer budgetMin,
    Integer budgetMax,
    Boolean budgetAccepted,
    Reaction onViolation,
    Reaction onMissing,
    Boolean thoughtParts) {

  public static final String LEVEL = "thinkingLevel";
  public static final String BUDGET = "thinkingBudget";
  public static final String NONE = "none";

  public ThinkingRule {
    levels = levels == null ? List.of() : List.copyOf(levels);
    budgetAccepted = budgetAccepted != null && budgetAccepted;
    onViolation = onViolation == null ? Reaction.ACCEPT : onViolation;
    onMissing = onMissing == null ? Reaction.ACCEPT : onMissing;
    thoughtParts = thoughtParts != null && thoughtParts;
  }
}
