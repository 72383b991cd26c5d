package dev.geminilive.conformance.report;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.rules.Level;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.RuleVerdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One client's run over the catalogue: a verdict per rule and model. */
public record SuiteResult(String driver, Set<Capability> capabilities, List<String> models, List<Outcome> outcomes,
    double seconds) {

  public Optional<Outcome> outcome(String ruleId, String model) {
    return outcomes.stream().filter(o -> o.rule().id().equals(ruleId) && o.model().equals(model)).findFirst();
  }

  public long count(RuleVerdict v) {
    return outcomes.stream().filter(o -> o.verdict() == v).count();
  }

  /**
   * True when the run should fail a CI gate: any FAIL, any MUST rule NOT-REACHED (a MUST that was
   * not judged did not pass), or with {@code strict} any NON-STRICT or SHOULD rule NOT-REACHED.
   */
  public boolean failed(boolean strict) {
    return outcomes.stream().anyMatch(o -> o.verdict() == RuleVerdict.FAIL
        || (o.verdict() == RuleVerdict.NOT_REACHED && (o.rule().level() == Level.MUST || strict))
        || (strict && o.verdict() == RuleVerdict.NON_STRICT));
  }
}
