package dev.geminilive.conformance.junit;

import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.RawRecording;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.ConformanceRule;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.runner.CaseRunner;
import dev.geminilive.conformance.runner.ConformanceRun.DriverInfo;
import dev.geminilive.conformance.runner.ConformanceRun;
import dev.geminilive.conformance.runner.SuiteServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The JUnit 5 entry point: extend it, return your driver, and get one dynamic test per rule and
 * model (in the spirit of the Reactive Streams TCK).
 *
 * <pre>{@code
 * class MyClientConformanceTest extends LiveClientConformance {
 *   protected LiveDriver createDriver() { return new MyClientDriver(); }
 * }
 * }</pre>
 *
 * A FAIL fails its test with the expected/actual diff; NOT-REACHED fails a MUST rule's test (with
 * the step that failed and why) and skips a SHOULD rule's; UNSUPPORTED is skipped with the missing
 * capability; NON-STRICT passes (fails with {@link #strict()}); INFORMATIONAL passes.
 *
 * <p>Run part of the catalogue by overriding {@link #rules()}, or without touching the class with
 * {@code -Dconformance.rules=GATE-31-USER-TEXT} (ids or id prefixes, comma-separated): one rule
 * can be run alone from an IDE that way; only the cases those rules judge are played.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LiveClientConformance {
  private SuiteServer server;
  private final Map<String, RawRecording> recordings = new HashMap<>();

  /** A fresh driver: called once per case (and once to read its name and capabilities). */
  protected abstract LiveDriver createDriver() throws Exception;

  /** The models to run every rule on; by default one of each family. */
  protected List<String> models() {
    return Models.defaults();
  }

  /**
   * The rules to run: ids or id prefixes; empty for all. By default the comma-separated
   * {@code conformance.rules} system property, if set.
   */
  protected List<String> rules() {
    String p = System.getProperty("conformance.rules", "").trim();
    return p.isEmpty() ? List.of() : List.of(p.split("\\s*,\\s*"));
  }

  /** True to fail on broken SHOULD rules too. */
  protected boolean strict() {
    return false;
  }

  @TestFactory
  public Stream<DynamicNode> conformance() throws Exception {
    DriverInfo info = DriverInfo.of(this::createDriver, models());
    List<String> only = rules();
    List<ConformanceRule<?>> selected = Catalogue.rules().stream()
        .filter(r -> only.isEmpty() || only.stream().anyMatch(p -> r.id().startsWith(p))).toList();
    if (selected.isEmpty()) throw new IllegalArgumentException("no rule id is or starts with any of " + only);
    List<DynamicNode> perModel = new ArrayList<>();
    for (String model : models()) {
      List<DynamicNode> tests = new ArrayList<>();
      for (Map.Entry<ConformanceCase<?>, List<ConformanceRule<?>>> e : ConformanceRun.byCase(selected, model).entrySet()) {
        for (ConformanceRule<?> rule : e.getValue()) {
          String name = rule.id() + " (" + rule.level() + ") " + rule.title();
          tests.add(DynamicTest.dynamicTest(name, () -> check(rule, model, info)));
        }
      }
      perModel.add(DynamicContainer.dynamicContainer(model, tests));
    }
    return perModel.stream();
  }

  private void check(ConformanceRule<?> rule, String model, DriverInfo info) throws Exception {
    RawRecording rec = recording(rule.testCase(), model, info.capabilities(model), info.requiresTls());
    Outcome o = rule.judge(rec);
    String diff = "\n- expected: " + o.finding().expected() + "\n+ actual:   " + o.finding().actual()
        + (o.finding().evidence().isEmpty() ? "" : "\n  " + String.join("\n  ", o.finding().evidence()));
    switch (o.verdict()) {
      case FAIL -> Assertions.fail(rule.id() + " FAIL on " + model + diff + "\n  timeline:\n  "
          + String.join("\n  ", rec.timeline()));
      case NON_STRICT -> {
        if (strict()) Assertions.fail(rule.id() + " NON-STRICT on " + model + diff);
        System.out.println(rule.id() + " NON-STRICT on " + model + diff);
      }
      case UNSUPPORTED -> Assumptions.abort(rule.id() + " UNSUPPORTED: " + o.finding().actual());
      case NOT_REACHED -> {
        if (rule.level() == dev.geminilive.conformance.rules.Level.MUST || strict()) {
          Assertions.fail(rule.id() + " NOT-REACHED on " + model + diff);
        }
        Assumptions.abort(rule.id() + " NOT-REACHED: " + o.finding().actual());
      }
      case PASS, INFORMATIONAL -> System.out.println(rule.id() + " " + o.verdict().label() + " on " + model + diff);
    }
  }

  private synchronized RawRecording recording(ConformanceCase<?> s, String model, Set<Capability> caps, boolean tls)
      throws Exception {
    String key = s + "@" + model;
    RawRecording r = recordings.get(key);
    if (r == null) {
      if (server == null) server = SuiteServer.start(tls);
      r = new CaseRunner(server, this::createDriver).run(s, model, caps);
      recordings.put(key, r);
    }
    return r;
  }

  @AfterAll
  public void stopServer() {
    if (server != null) server.close();
  }
}
