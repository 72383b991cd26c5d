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
    if (proactive && Boolean.FALSE.equals(setup.proactivity().proactiveAudio())
        && !rules.proactiveAudioOff().accepts()) {
      return Optional.of(new RuleBreak("setup.proactiveAudioOff", rules.proactiveAudioOff(),
          "proactivity.proactiveAudio cannot be switched off on " + profile.family() + "."));
    }
    if (setup.tools() != null && setup.tools().isEmpty() && !rules.emptyTools().accepts()) {
      return Optional.of(new RuleBreak("setup.emptyTools", rules.emptyTools(),
          "setup.tools is an empty list; leave the field out when there are no tools."));
    }
    Optional<RuleBreak> blocking = blockingDeclared(setup);
    if (blocking.isPresent()) {
      return blocking;
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

  /** A declaration with {@code behavior: BLOCKING} where the family refuses it. */
  private Optional<RuleBreak> blockingDeclared(Setup setup) {
    Reaction reaction = profile.functions().blockingDeclared();
    if (reaction.accepts() || setup.tools() == null) {
      return Optional.empty();
    }
    for (int i = 0; i < setup.tools().size(); i++) {
      Setup.Tool tool = setup.tools().get(i);
      List<Setup.FunctionDeclaration> declarations =
          tool == null || tool.functionDeclarations() == null ? List.of() : tool.functionDeclarations();
      for (int j = 0; j < declarations.size(); j++) {
        if ("BLOCKING".equals(declarations.get(j).behavior())) {
          return Optional.of(new RuleBreak("functions.blockingDeclared", reaction,
              "setup.tools[" + i + "].function_declarations[" + j + "].behavior BLOCKING is not"
                  + " supported by " + profile.family() + "; declare NON_BLOCKING or leave it out."));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<RuleBreak> thinking(Setup setup, ThinkingRule rule) {
    ThinkingConfig t = setup.generationConfig() == null ? null : setup.generationConfig().thinkingConfig();
    if (rule == null) {
      return Optional.empty();
    }
    JsonNode budget = t == null ? null : t.thinkingBudget();
    boolean hasBudget = budget != null && !budget.isNull();
    boolean hasLevel = t != null && t.thinkingLevel() != null;
    if (ThinkingRule.NONE.equals(rule.field())) {
      // Any thinkingConfig at all, even one holding only includeThoughts.
      return t == null || rule.onViolation().accepts() ? Optional.empty()
          : Optional.of(new RuleBreak("setup.thinking.onViolation", rule.onViolation(),
              "generationConfig.thinkingConfig is not supported by " + profile.family() + "."));
    }
    boolean given = ThinkingRule.LEVEL.equals(rule.field())
        ? hasLevel || hasBudget && rule.budgetAccepted() : hasBudget;
    if (!given && !hasLevel && !hasBudget && !rule.onMissing().accepts()) {
      return Optional.of(new RuleBreak("setup.thinking.onMissing", rule.onMissing(),
          profile.family() + " needs generationConfig.thinkingConfig." + rule.field() + "."));
    }
    if (t == null || rule.onViolation().accepts()) {
      return Optional.empty();
    }
    String problem = null;
    if (hasBudget && hasLevel) {
      problem = "thinkingBudget and thinkingLevel are both set; give only one.";
    } else if (ThinkingRule.LEVEL.equals(rule.field())) {
      if (hasBudget && rule.budgetAccepted()) {
        problem = budgetProblem(budget, rule);
      } else if (hasBudget) {
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
