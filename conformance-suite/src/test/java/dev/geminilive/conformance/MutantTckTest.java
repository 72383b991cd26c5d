package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.junit.LiveClientConformance;
import dev.geminilive.conformance.reference.Fault;
import dev.geminilive.conformance.reference.ReferenceClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The JUnit entry point turns a broken rule into exactly one failed dynamic test per model. */
class MutantTckTest {
  /** Not run on its own (nested, not named *Test): the engine test kit runs it below. */
  static class TextModalityMutant extends LiveClientConformance {
    @Override
    protected LiveDriver createDriver() {
      return new ReferenceClient(Fault.TEXT_MODALITY_PASSTHROUGH);
    }
  }

  @Test
  void aMutantFailsExactlyItsDynamicTests() {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(TextModalityMutant.class))
        .execute().testEvents();
    List<String> failed = tests.failed().stream().map(Event::getTestDescriptor)
        .map(d -> d.getDisplayName()).toList();
    assertThat(failed).hasSize(Models.defaults().size()).allMatch(n -> n.startsWith("GATE-TEXT-MODALITY"));
    assertThat(tests.succeeded().count()).isGreaterThan(40);
  }
}
