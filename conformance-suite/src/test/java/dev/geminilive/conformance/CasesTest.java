package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.ConformanceRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The case registry and the rules agree: every case is listed once and judged, every rule's case is listed. */
class CasesTest {
  @Test
  void everyCaseHasOneIdAndEveryRuleNamesARegisteredCase() {
    Set<String> ids = Cases.all().stream().map(ConformanceCase::id).collect(Collectors.toSet());
    assertThat(ids).hasSameSizeAs(Cases.all());
    for (ConformanceCase c : Cases.all()) {
      assertThat(Cases.byId(c.id())).containsSame(c);
      assertThat(c.script()).as(c.id()).isNotBlank();
    }
    Set<ConformanceCase> judged = Catalogue.rules().stream().map(ConformanceRule::testCase).collect(Collectors.toSet());
    assertThat(Cases.all()).containsAll(judged);
    assertThat(judged).as("every case is judged by some rule").containsAll(Cases.all());
  }
}
