package dev.geminilive.mock.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.protocol.Setup.ThinkingConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks a {@code setup} against a family's rules, in the order the fields matter to a client. */
public final class SetupValidator {
  private final ModelProfile profile;

  public SetupValidator(ModelProfile profile) {
    this.profile = profile;
  }

  /**
   * The first rule {@code setup} breaks, if any. Tolerated oddities go to {@code findings}.
   *
   * @param apiVersion the version in the connection's path, e.g. {@code v1beta}
   */
  public Optional<RuleBreak> check(Setup setup, String apiVersion, List<Finding> findings) {
    if (setup.responseModalities().contains("TEXT") && !profile.textModality().accepts()) {
      return Optional.of(new RuleBreak("textModality", profile.textModality(),
          "responseModalities TEXT is not supported by " + profile.family() + "."));
    }
    SetupRules rules = profile.setup();
    Optional<RuleBreak> thinking = thinking(setup, rules.thinking());
    if (thinking.isPresent()) {
      return thinking;
    }
    boolean affective = setup.generationConfig() != null
        && Boolean.TRUE.equals(setup.generationConfig().enableAffectiveDialog());
    boolean proactive = setup.proactivity() != null;
    if (affective && !rules.affectiveDialog().accepts()) {
      return Optional.of(new RuleBreak("setup.affectiveDialog", rules.affectiveDialog(),
          "generationConfig.enableAffectiveDialog is not supported by " + profile.family() + "."));
    }
    if (proactive && !rules.proactivity().accepts()) {
      return Optional.of(new RuleBreak("setup.proactivity", rules.proactivity(),
          "proactivity is not supported by " + profile.family() + "."));
    }
    if ((affective || proactive) && rules.featureApiVersion() != null
        && !rules.featureApiVersion().equals(apiVersion)) {
      findings.add(new Finding("setup.featureApiVersion",
          (affective ? "enableAffectiveDialog" : "proactivity") + " is documented for "
              + rules.featureApiVersion() + "; this connection uses " + apiVersion));
    }
    String resolution = setup.generationConfig() == null ? null : setup.generationConfig().mediaResolution();
    if (resolution != null && !rules.mediaResolutions().isEmpty()
        && !rules.mediaResolutions().contains(resolution)) {
      if (!rules.onBadMediaResolution().accepts()) {
        return Optional.of(new RuleBreak("setup.onBadMediaResolution", rules.onBadMediaResolution(),
            "Invalid value at 'setup.generation_config.media_resolution' (TYPE_ENUM), \""
                + resolution + "\""));
      }
      findings.add(new Finding("setup.mediaResolution", "unknown value " + resolution));
    }
    return Optional.empty();
  }

  private Optional<RuleBreak> thinking(Setup setup, ThinkingRule rule) {
    ThinkingConfig t = setup.generationConfig() == null ? null : setup.generationConfig().thinkingConfig();
    if (rule == null || t == null || rule.onViolation().accepts()) {
      return Optional.empty();
    }
    JsonNode budget = t.thinkingBudget();
    boolean hasBudget = budget != null && !budget.isNull();
    boolean hasLevel = t.thinkingLevel() != null;
    String problem = null;
    if (hasBudget && hasLevel) {
      problem = "thinkingBudget and thinkingLevel are both set; give only one.";
    } else if (ThinkingRule.LEVEL.equals(rule.field())) {
      if (hasBudget) {
        problem = "thinkingBudget is not supported by " + profile.family() + "; use thinkingLevel.";
      } else if (hasLevel && !rule.levels().contains(t.thinkingLevel().toUpperCase(Locale.ROOT))) {
        problem = "thinkingLevel \"" + t.thinkingLevel() + "\" is not one of " + rule.levels() + ".";
      }
    } else {
      if (hasLevel) {
        problem = "thinkingLevel is not supported by " + profile.family() + "; use thinkingBudget.";
      } else if (hasBudget) {
        problem = budgetProblem(budget, rule);
      }
    }
    return problem == null
        ? Optional.empty()
        : Optional.of(new RuleBreak("setup.thinking.onViolation", rule.onViolation(), problem));
  }

  private static String budgetProblem(JsonNode budget, ThinkingRule rule) {
    long value;
    if (budget.isIntegralNumber() && budget.canConvertToLong()) {
      value = budget.asLong();
    } else if (budget.isTextual() && budget.asText().matches("-?[0-9]{1,18}")) {
      value = Long.parseLong(budget.asText()); // proto JSON allows int64 as a string
    } else {
      return "thinkingBudget " + budget + " is not an integer.";
    }
    if (rule.budgetMin() != null && value < rule.budgetMin()
        || rule.budgetMax() != null && value > rule.budgetMax()) {
      return "thinkingBudget " + value + " is outside " + rule.budgetMin() + ".." + rule.budgetMax() + ".";
    }
    return null;
  }
}
