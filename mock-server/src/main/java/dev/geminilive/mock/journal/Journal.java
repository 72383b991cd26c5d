package dev.geminilive.mock.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every session's journal, in-process. Closed sessions age out after {@code retainClosed}
 * sessions or {@code retainClosedNanos}, whichever comes first, so a server that runs for days
 * keeps flat memory. Open sessions are never evicted; each is bounded by its own capacity.
 */
public final class Journal {
  /** Entries kept per session by default: about 25 s of two-way 50 ms audio, ~150 bytes each. */
  public static final int DEFAULT_ENTRIES_PER_SESSION = 1_000;
  /** Closed sessions kept by default. */
  public static final int DEFAULT_RETAIN_CLOSED = 200;
  /** How long a closed session is kept by default. */
  public static final long DEFAULT_RETAIN_CLOSED_MILLIS = TimeUnit.MINUTES.toMillis(10);

  private final ConcurrentMap<String, SessionJournal> sessions = new ConcurrentHashMap<>();
  /** Closed sessions in the order they closed: eviction takes from the head, O(1) per close. */
  private final ConcurrentLinkedQueue<SessionJournal> closedOrder = new ConcurrentLinkedQueue<>();
  private final AtomicInteger closedCount = new AtomicInteger();
  private final AtomicLong counter = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong droppedOfEvicted = new AtomicLong();
  private final int entriesPerSession;
  private final int retainClosed;
  private final long retainClosedNanos;

  public Journal(int entriesPerSession, int retainClosed, long retainClosedMillis) {
    if (entriesPerSession < 1 || retainClosed < 0 || retainClosedMillis < 0) {
      throw new IllegalArgumentException("journal bounds out of range");
    }
    this.entriesPerSession = entriesPerSession;
    this.retainClosed = retainClosed;
    this.retainClosedNanos = TimeUnit.MILLISECONDS.toNanos(retainClosedMillis);
  }

  public static Journal withDefaults() {
    return new Journal(DEFAULT_ENTRIES_PER_SESSION, DEFAULT_RETAIN_CLOSED, DEFAULT_RETAIN_CLOSED_MILLIS);
  }

  public SessionJournal open(String path) {
    String id = "s" + counter.incrementAndGet();
    SessionJournal journal = new SessionJournal(id, path, entriesPerSession);
    sessions.put(id, journal);
    evict(System.nanoTime()); // ages out old sessions even when none closes for a while
    return journal;
  }

  /** Called when a session's connection is gone: its journal starts to age. */
  public void closed(SessionJournal journal) {
    journal.ended(1006, "connection lost without a close frame");
    closedOrder.add(journal);
    closedCount.incrementAndGet();
    evict(System.nanoTime());
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
    closedOrder.clear();
    closedCount.set(0);
  }

  /** Sessions opened since start. */
  public long openedSessions() {
    return counter.get();
  }

  /** Closed sessions forgotten because they aged out. */
  public long evictedSessions() {
    return evicted.get();
  }

  /** Entries dropped for capacity, over retained sessions and those already evicted. */
  public long droppedEntries() {
    long sum = droppedOfEvicted.get();
    for (SessionJournal s : sessions.values()) {
      sum += s.droppedEntries();
    }
    return sum;
  }

  public int entriesPerSession() {
    return entriesPerSession;
  }

  private void evict(long now) {
    while (true) {
      SessionJournal oldest = closedOrder.peek();
      if (oldest == null) {
        return;
      }
      boolean tooMany = closedCount.get() > retainClosed; // size() of the queue is O(n)
      boolean tooOld = now - oldest.closedAtNanos() > retainClosedNanos;
      if (!tooMany && !tooOld) {
        return;
      }
      if (closedOrder.remove(oldest)) {
        closedCount.decrementAndGet();
        if (sessions.remove(oldest.sessionId(), oldest)) {
          evicted.incrementAndGet();
          droppedOfEvicted.addAndGet(oldest.droppedEntries());
        }
      }
    }
  }
}
