package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.Recording;
import dev.geminilive.conformance.rules.Rule;
import dev.geminilive.conformance.rules.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Runs the catalogue (or part of it) for one client over the given models, against the in-process mock. */
public final class ConformanceRun {
  private ConformanceRun() {}

  /** What a driver says about itself, read from one instance. */
  public record DriverInfo(String name, Set<Capability> capabilities, boolean requiresTls) {
    public static DriverInfo of(DriverFactory factory) throws Exception {
      try (LiveDriver d = factory.create()) {
        return new DriverInfo(d.name(), d.capabilities(), d.requiresTls());
      }
    }
  }

  public static SuiteResult run(DriverFactory factory, List<String> models, List<Rule> rules,
      Consumer<String> progress) throws Exception {
    DriverInfo info = DriverInfo.of(factory);
    long t0 = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>();
    try (SuiteServer server = SuiteServer.start(info.requiresTls())) {
      ScenarioRunner runner = new ScenarioRunner(server, factory);
      for (String model : models) {
        for (Map.Entry<Scenario, List<Rule>> e : byScenario(rules, model).entrySet()) {
          Recording rec = runner.run(e.getKey(), model, info.capabilities());
          for (Rule rule : e.getValue()) {
            Outcome o = rule.judge(rec);
            outcomes.add(o);
            String line = String.format("%-13s %-26s %s", o.verdict().label(), rule.id(), model);
            if (o.verdict() == dev.geminilive.conformance.rules.Verdict.FAIL
                || o.verdict() == dev.geminilive.conformance.rules.Verdict.NON_STRICT) {
              line += "\n      expected: " + o.finding().expected() + "\n      actual:   " + o.finding().actual();
            }
            progress.accept(line);
          }
        }
      }
    }
    return new SuiteResult(info.name(), info.capabilities(), List.copyOf(models), outcomes,
        (System.nanoTime() - t0) / 1e9);
  }

  /** The rules applying to {@code model}, grouped by the scenario whose recording they judge. */
  public static Map<Scenario, List<Rule>> byScenario(List<Rule> rules, String model) {
    Map<Scenario, List<Rule>> map = new LinkedHashMap<>();
    for (Scenario s : Scenario.values()) {
      List<Rule> mine = rules.stream().filter(r -> r.scenario() == s && r.appliesTo(model)).toList();
      if (!mine.isEmpty()) map.put(s, mine);
    }
    return map;
  }

  public static SuiteResult run(DriverFactory factory, List<String> models, Consumer<String> progress)
      throws Exception {
    return run(factory, models, Catalogue.rules(), progress);
  }
}
