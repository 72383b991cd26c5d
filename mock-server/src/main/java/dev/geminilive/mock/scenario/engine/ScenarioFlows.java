package dev.geminilive.mock.scenario.engine;

import dev.geminilive.mock.scenario.Captures;
import dev.geminilive.mock.scenario.Scenario;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs of multi-connection scenarios that wait for their next connection. A new connection that
 * selects such a scenario continues the run whose resumption handle its setup carries; failing
 * that, the oldest run whose previous connection is done (ended, finished its script or said
 * goAway); failing that, it starts a new run. Thread-safe: connections live on different event
 * loops.
 */
final class ScenarioFlows {
  /** A run nobody continues within this time is forgotten (a test that gave up). */
  static final long EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** One run across connections: shared captures and the next connection to run. */
  static final class Flow {
    final Scenario scenario;
    final Captures captures = new Captures();
    final Set<String> handles = ConcurrentHashMap.newKeySet();
    private int next;
    private volatile boolean ready;
    private volatile boolean failed;
    private volatile long touchedNanos = System.nanoTime();

    Flow(Scenario scenario) {
      this.scenario = scenario;
    }

    /** The previous connection is done with its part; the next one may start. */
    void ready() {
      ready = true;
      touchedNanos = System.nanoTime();
    }

    /** The run went off script; no later connection continues it. */
    void failed() {
      failed = true;
    }

    boolean waiting() {
      return !failed && next > 0 && next < scenario.connections().size();
    }
  }

  /** A connection's place: its run and which script it runs (0-based). */
  record Place(Flow flow, int connection) {}

  private final List<Flow> flows = new ArrayList<>();

  /** Where a new connection that selected {@code scenario} goes. */
  synchronized Place attach(Scenario scenario, String resumptionHandle) {
    long now = System.nanoTime();
    flows.removeIf(f -> !f.waiting() || now - f.touchedNanos > EXPIRY_NANOS);
    Flow chosen = null;
    if (resumptionHandle != null) {
      for (Flow f : flows) {
        if (f.scenario.id().equals(scenario.id()) && f.handles.contains(resumptionHandle)) {
          chosen = f;
          break;
        }
      }
    }
    if (chosen == null) {
      for (Flow f : flows) {
        if (f.scenario.id().equals(scenario.id()) && f.ready) {
          chosen = f;
          break;
        }
      }
    }
    if (chosen == null) {
      chosen = new Flow(scenario);
      if (scenario.connections().size() > 1) {
        flows.add(chosen);
      }
    }
    int index = chosen.next++;
    chosen.ready = false;
    chosen.touchedNanos = now;
    if (chosen.next >= chosen.scenario.connections().size()) {
      flows.remove(chosen);
    }
    return new Place(chosen, index);
  }

  synchronized int waitingCount() {
    int n = 0;
    for (Iterator<Flow> it = flows.iterator(); it.hasNext(); ) {
      if (it.next().waiting()) n++;
    }
    return n;
  }
}
