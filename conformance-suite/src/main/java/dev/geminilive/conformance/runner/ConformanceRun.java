package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.recording.RawRecording;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.ConformanceRule;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.RuleVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs the catalogue (or part of it) for one client over the given models, against the in-process mock. */
public final class ConformanceRun {
  private ConformanceRun() {}

  /** What a driver says about itself, read from one instance. */
  public record DriverInfo(String name, Set<Capability> capabilities, Map<String, Set<Capability>> byModel,
      boolean requiresTls) {
    public static DriverInfo of(DriverFactory factory, List<String> models) throws Exception {
      try (LiveDriver d = factory.create()) {
        Map<String, Set<Capability>> byModel = new LinkedHashMap<>();
        for (String m : models) byModel.put(m, d.capabilities(m));
        return new DriverInfo(shownName(d.name(), d.layer()), d.capabilities(), byModel, d.requiresTls());
      }
    }

    public Set<Capability> capabilities(String model) {
      return byModel.getOrDefault(model, capabilities);
    }

    /** The name reports show: the driver's name with the layer it declares, unless the name already says it. */
    static String shownName(String name, String layer) {
      return layer == null || name.contains(layer) ? name : name + " (" + layer + ")";
    }
  }

  public static SuiteResult run(DriverFactory factory, List<String> models, List<ConformanceRule<?>> rules,
      Consumer<String> progress) throws Exception {
    DriverInfo info = DriverInfo.of(factory, models);
    long t0 = System.nanoTime();
    int total = models.stream().mapToInt(m -> byCase(rules, m).size()).sum();
    AtomicInteger done = new AtomicInteger();
    // One mock per model, the models in parallel: a case mostly waits on sockets and timers.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, models.size()), r -> {
      Thread t = new Thread(r, "conformance-model");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<Outcome>>> perModel = new ArrayList<>();
      for (String model : models) {
        perModel.add(pool.submit(() -> runModel(factory, info, model, rules, total, done, t0, progress)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<List<Outcome>> f : perModel) {
        try {
          outcomes.addAll(f.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
      }
      return new SuiteResult(info.name(), info.capabilities(), List.copyOf(models), outcomes,
          (System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Outcome> runModel(DriverFactory factory, DriverInfo info, String model, List<ConformanceRule<?>> rules,
      int total, AtomicInteger done, long t0, Consumer<String> progress) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    try (SuiteServer server = SuiteServer.start(info.requiresTls())) {
      CaseRunner runner = new CaseRunner(server, factory);
      for (Map.Entry<ConformanceCase<?>, List<ConformanceRule<?>>> e : byCase(rules, model).entrySet()) {
        long c0 = System.nanoTime();
        RawRecording rec = runner.run(e.getKey(), model, info.capabilities(model));
        StringBuilder lines = new StringBuilder();
        boolean first = true;
        for (ConformanceRule<?> rule : e.getValue()) {
          long j0 = first ? c0 : System.nanoTime();
          Outcome o = rule.judge(rec);
          o = o.withSeconds((System.nanoTime() - j0) / 1e9);
          first = false;
          outcomes.add(o);
          lines.append(String.format(Locale.ROOT, "%n  %-13s %-26s %s", o.verdict().label(), rule.id(), model));
          if (o.verdict() == RuleVerdict.FAIL || o.verdict() == RuleVerdict.NON_STRICT || o.verdict() == RuleVerdict.NOT_REACHED) {
            lines.append("\n      expected: ").append(o.finding().expected())
                .append("\n      actual:   ").append(o.finding().actual());
          }
        }
        synchronized (progress) {
          progress.accept(String.format(Locale.ROOT, "case %d of %d (%5.1f s) %s on %s%s", done.incrementAndGet(),
              total, (System.nanoTime() - t0) / 1e9, e.getKey(), model, lines));
        }
      }
    }
    return outcomes;
  }

  /** The rules applying to {@code model}, grouped by the case whose recording they judge. */
  public static Map<ConformanceCase<?>, List<ConformanceRule<?>>> byCase(List<ConformanceRule<?>> rules, String model) {
    Map<ConformanceCase<?>, List<ConformanceRule<?>>> map = new LinkedHashMap<>();
    for (ConformanceCase<?> s : Cases.all()) {
      List<ConformanceRule<?>> mine = rules.stream().filter(r -> r.testCase() == s && r.appliesTo(model)).toList();
      if (!mine.isEmpty()) map.put(s, mine);
    }
    return map;
  }

  public static SuiteResult run(DriverFactory factory, List<String> models, Consumer<String> progress)
      throws Exception {
    return run(factory, models, Catalogue.rules(), progress);
  }
}
