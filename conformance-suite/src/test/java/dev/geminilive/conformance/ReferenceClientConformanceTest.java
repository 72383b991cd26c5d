package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.reference.ReferenceClient;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.RuleVerdict;
import dev.geminilive.conformance.runner.ConformanceRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our own conformant client passes every rule on every model: the suite's yardstick. */
class ReferenceClientConformanceTest {
  @Test
  void referenceClientPassesEveryRule() throws Exception {
    SuiteResult result = ConformanceRun.run(ReferenceClient::new, Models.defaults(), line -> {});
    List<String> notPassed = result.outcomes().stream()
        .filter(o -> o.verdict() != RuleVerdict.PASS && o.rule().level() != dev.geminilive.conformance.rules.Level.INFO)
        .map(ReferenceClientConformanceTest::describe).toList();
    assertThat(notPassed).isEmpty();
    long expectedCases = Catalogue.rules().stream().mapToLong(r -> Models.defaults().stream().filter(r::appliesTo).count()).sum();
    assertThat(result.outcomes()).hasSize((int) expectedCases);
  }

  static String describe(Outcome o) {
    return o.verdict().label() + " " + o.rule().id() + " @ " + o.model() + ": expected " + o.finding().expected()
        + "; actual " + o.finding().actual() + "\n    " + String.join("\n    ", o.finding().evidence());
  }
}
