package dev.geminilive.mock.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.timeline.SessionTimeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the dashboard knows about sessions: a {@link SessionTimeline} per journalled session, kept
 * up to date by one background thread, and the live feed of list rows for connected pages.
 *
 * <p>The thread wakes every {@link #TICK_MILLIS} ms but only works while a page is connected or
 * was used in the last minute, so a mock nobody looks at pays nothing. Each tick copies only the
 * entries recorded since the last one, so a thousand open sessions cost their new frames, not
 * their history. Nothing here runs on an event loop.
 */
final class SessionBoard implements AutoCloseable {
  static final long TICK_MILLIS = 500;
  private static final long IDLE_AFTER_MILLIS = 60_000;
  private static final long HEARTBEAT_MILLIS = 15_000;

  private final Journal journal;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, SessionTimeline> timelines = new ConcurrentHashMap<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  /** Per session, what it looked like at the last tick (so unchanged sessions cost nothing). */
  private final Map<String, Long> fingerprints = new HashMap<>();
  private final ScheduledExecutorService ticker;
  /** Idle from the start: until a page asks, the journals are not summarised (a benchmark's
   * first minute paid a tenth of a core for it). Pages get up-to-date timelines either way. */
  private volatile long lastUse = Long.MIN_VALUE / 2;
  private long lastHeartbeat = System.currentTimeMillis();

  private static final class Subscriber {
    final Predicate<String> sink;
    volatile boolean needsReset = true;

    Subscriber(Predicate<String> sink) {
      this.sink = sink;
    }
  }

  SessionBoard(Journal journal) {
    this.journal = journal;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gemini-live-dashboard");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A page asked for something: keep summarising for a while. */
  void touch() {
    lastUse = System.currentTimeMillis();
  }

  /** A live feed: the first chunk is every row, later chunks what changed. */
  Runnable subscribe(Predicate<String> sink) {
    touch();
    Subscriber s = new Subscriber(sink);
    subscribers.add(s);
    ticker.execute(this::tickSafely); // the first rows now, not half a tick later
    return () -> subscribers.remove(s);
  }

  /** The timeline of a retained session, brought up to date. */
  Optional<SessionTimeline> timeline(String id) {
    touch();
    Optional<SessionJournal> s = journal.session(id);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    SessionTimeline t = timelines.computeIfAbsent(id, SessionTimeline::new);
    t.update(s.get());
    return Optional.of(t);
  }

  /** Every retained session as a list row, oldest first. */
  ArrayNode rows() {
    touch();
    ArrayNode all = json.createArrayNode();
    for (SessionJournal s : journal.sessions()) {
      SessionTimeline t = timelines.computeIfAbsent(s.sessionId(), SessionTimeline::new);
      t.update(s);
      all.add(row(s, t));
    }
    return all;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      // a bad tick must not end the ticker; the next one starts over
      for (Subscriber s : subscribers) {
        s.needsReset = true;
      }
    }
  }

  private synchronized void tick() {
    long now = System.currentTimeMillis();
    if (subscribers.isEmpty() && now - lastUse > IDLE_AFTER_MILLIS) {
      return;
    }
    List<SessionJournal> sessions = journal.sessions();
    Set<String> present = new HashSet<>();
    ArrayNode changed = json.createArrayNode();
    for (SessionJournal s : sessions) {
      present.add(s.sessionId());
      // Most sessions did nothing since the last tick: a fingerprint skips them without work.
      long fingerprint = s.recordedEntries() * 4 + (s.isClosed() ? 2 : 0) + (s.attribute("model") != null ? 1 : 0);
      Long before = fingerprints.put(s.sessionId(), fingerprint);
      if (before != null && before == fingerprint) {
        continue;
      }
      SessionTimeline t = timelines.computeIfAbsent(s.sessionId(), SessionTimeline::new);
      t.update(s);
      changed.add(row(s, t));
    }
    List<String> removed = new ArrayList<>();
    for (String id : new ArrayList<>(fingerprints.keySet())) {
      if (!present.contains(id)) {
        fingerprints.remove(id);
        timelines.remove(id);
        removed.add(id);
      }
    }
    timelines.keySet().retainAll(present);
    boolean heartbeat = now - lastHeartbeat >= HEARTBEAT_MILLIS;
    if (heartbeat) {
      lastHeartbeat = now;
    }
    String delta = changed.isEmpty() && removed.isEmpty() ? null : event(false, changed, removed);
    String reset = null;
    for (Subscriber sub : subscribers) {
      String chunk;
      if (sub.needsReset) {
        chunk = reset != null ? reset : (reset = event(true, rows(), List.of()));
      } else if (delta != null) {
        chunk = delta;
      } else if (heartbeat) {
        chunk = ": still here\n\n"; // lets the page and proxies see a live connection
      } else {
        continue;
      }
      sub.needsReset = !sub.sink.test(chunk);
    }
  }

  private String event(boolean reset, ArrayNode rows, List<String> removed) {
    ObjectNode body = json.createObjectNode();
    body.put("reset", reset);
    body.put("serverTime", System.currentTimeMillis());
    body.set("sessions", rows);
    ArrayNode gone = body.putArray("removed");
    removed.forEach(gone::add);
    return "event: sessions\ndata: " + body + "\n\n";
  }

  private ObjectNode row(SessionJournal s, SessionTimeline t) {
    ObjectNode row = json.createObjectNode();
    Map<String, String> a = s.attributes();
    row.put("id", s.sessionId());
    row.put("openedAt", s.openedAtEpochMillis());
    row.put("model", a.getOrDefault("model", ""));
    row.put("family", a.getOrDefault("family", ""));
    row.put("endpoint", a.getOrDefault("flavour", "") + " " + a.getOrDefault("apiVersion", ""));
    row.put("path", Redactor.text(s.path()));
    row.put("scenario", a.getOrDefault("scenario", "persona"));
    row.put("state", s.isClosed() ? "closed" : a.containsKey("model") ? "open" : "connecting");
    row.put("turns", t.turns());
    row.put("alarms", t.alarms());
    row.put("durationMs", Math.round(t.lastMs()));
    row.put("entries", s.recordedEntries());
    if (s.closeCode() != null) {
      row.put("closeCode", s.closeCode());
      row.put("closeReason", s.closeReason());
      // 1000 is a normal close; 1005 is a client's close frame without a code (the JS SDK's close()).
      row.put("error", s.closeCode() != 1000 && s.closeCode() != 1005);
    } else {
      row.put("error", false);
    }
    if (a.containsKey("scenarioMismatch")) {
      row.put("mismatch", a.get("scenarioMismatch"));
    }
    return row;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    subscribers.clear();
  }
}
