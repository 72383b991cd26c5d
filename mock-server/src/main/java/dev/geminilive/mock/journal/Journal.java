package dev.geminilive.mock.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every session's journal, in-process. Closed sessions age out after {@code retainClosed}
 * sessions or {@code retainClosedNanos}, whichever comes first, so a server that runs for days
 * keeps flat memory.
 */
public final class Journal {
  private final ConcurrentMap<String, SessionJournal> sessions = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final int entriesPerSession;
  private final int retainClosed;
  private final long retainClosedNanos;

  public Journal(int entriesPerSession, int retainClosed, long retainClosedMillis) {
    this.entriesPerSession = entriesPerSession;
    this.retainClosed = retainClosed;
    this.retainClosedNanos = TimeUnit.MILLISECONDS.toNanos(retainClosedMillis);
  }

  public static Journal withDefaults() {
    return new Journal(10_000, 1_000, TimeUnit.MINUTES.toMillis(30));
  }

  public SessionJournal open(String path) {
    String id = "s" + counter.incrementAndGet();
    SessionJournal journal = new SessionJournal(id, path, entriesPerSession);
    sessions.put(id, journal);
    return journal;
  }

  /** Called when a session's connection is gone: its journal starts to age. */
  public void closed(SessionJournal journal) {
    journal.ended(1006, "connection lost without a close frame");
    evict();
  }

  public Optional<SessionJournal> session(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  /** All retained sessions, oldest first. */
  public List<SessionJournal> sessions() {
    List<SessionJournal> list = new ArrayList<>(sessions.values());
    list.sort(Comparator.comparingLong(s -> Long.parseLong(s.sessionId().substring(1))));
    return list;
  }

  /** The most recently opened session, if any. */
  public Optional<SessionJournal> latest() {
    List<SessionJournal> all = sessions();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public void clear() {
    sessions.clear();
  }

  private void evict() {
    long now = System.nanoTime();
    List<SessionJournal> closed = new ArrayList<>();
    for (SessionJournal s : sessions.values()) {
      if (s.isClosed()) {
        if (now - s.closedAtNanos() > retainClosedNanos) {
          sessions.remove(s.sessionId());
        } else {
          closed.add(s);
        }
      }
    }
    if (closed.size() > retainClosed) {
      closed.sort(Comparator.comparingLong(SessionJournal::closedAtNanos));
      for (int i = 0; i < closed.size() - retainClosed; i++) {
        sessions.remove(closed.get(i).sessionId());
      }
    }
  }
}
