package dev.geminilive.mock.transport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How late paced messages (reply audio chunks, transcriptions) left against their schedule: the
 * time a message was due on its own clock against the time it was handed to the connection, over
 * every session of the server. {@code GET /__admin/metrics/pacing} reads it, {@code DELETE}
 * starts it over (a load test clears its warm-up). Recording is lock-free and allocation-free on
 * the event loops ({@link Recorder}); reading happens on an admin thread.
 */
final class PacingStats implements AdminRoutes {
  static final String ROUTE = "metrics/pacing";
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
  private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
  private Histogram interval;

  /** One paced message left {@code latenessNanos} after it was due (never negative). */
  void record(long latenessNanos) {
    recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latenessNanos / 1_000)));
  }

  private synchronized Histogram snapshot() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return total.copy();
  }

  private synchronized void reset() {
    interval = recorder.getIntervalHistogram(interval);
    total.reset();
  }

  /** The distribution so far, in milliseconds. */
  ObjectNode json() {
    Histogram h = snapshot();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    long n = h.getTotalCount();
    out.put("messages", n);
    out.put("p50Ms", ms(h.getValueAtPercentile(50)));
    out.put("p90Ms", ms(h.getValueAtPercentile(90)));
    out.put("p99Ms", ms(h.getValueAtPercentile(99)));
    out.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
    out.put("maxMs", ms(h.getMaxValue()));
    long over5 = n - h.getCountBetweenValues(0, 5_000);
    long over20 = n - h.getCountBetweenValues(0, 20_000);
    out.put("over5MsPct", n == 0 ? 0 : Math.round(over5 * 10_000.0 / n) / 100.0);
    out.put("over20MsPct", n == 0 ? 0 : Math.round(over20 * 10_000.0 / n) / 100.0);
    return out;
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  @Override
  public boolean owns(String route) {
    return route.equals(ROUTE);
  }

  @Override
  public Optional<AdminApi.Response> handle(String method, String route, byte[] body) {
    if (!route.equals(ROUTE)) {
      return Optional.empty();
    }
    if (method.equals("DELETE")) {
      reset();
      return Optional.of(AdminApi.ok(json()));
    }
    if (method.equals("GET")) {
      return Optional.of(AdminApi.ok(json()));
    }
    return Optional.of(AdminApi.error(405, "Use GET or DELETE on /__admin/" + ROUTE + "."));
  }
}
