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
  /**
   * Entries kept over all open sessions by default (about 40 MB): with many sessions open, each
   * keeps an equal share, at least {@link #MIN_SHARE}, so a thousand audio sessions stay small.
   */
  public static final int DEFAULT_OPEN_BUDGET = 200_000;
  /** The fewest entries a session keeps however many are open. */
  public static final int MIN_SHARE = 100;
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
  private final AtomicInteger openCount = new AtomicInteger();
  private final int entriesPerSession;
  private final int openBudget;
  private final int retainClosed;
  private final long retainClosedNanos;

  public Journal(int entriesPerSession, int retainClosed, long retainClosedMillis) {
    this(entriesPerSession, Integer.MAX_VALUE, retainClosed, retainClosedMillis);
  }

  /**
   * @param entriesPerSession most entries one session keeps
   * @param openBudget entries kept over all open sessions together (shared equally, at least
   *     {@link #MIN_SHARE} each)
   * @param retainClosed closed sessions kept
   * @param retainClosedMillis how long a closed session is kept
   */
  public Journal(int entriesPerSession, int openBudget, int retainClosed, long retainClosedMillis) {
    if (entriesPerSession < 1 || openBudget < 1 || retainClosed < 0 || retainClosedMillis < 0) {
      throw new IllegalArgumentException("journal bounds out of range");
    }
    this.entriesPerSession = entriesPerSession;
    this.openBudget = openBudget;
    this.retainClosed = retainClosed;
    this.retainClosedNanos = TimeUnit.MILLISECONDS.toNanos(retainClosedMillis);
  }

  public static Journal withDefaults() {
    return new Journal(DEFAULT_ENTRIES_PER_SESSION, DEFAULT_OPEN_BUDGET, DEFAULT_RETAIN_CLOSED,
        DEFAULT_RETAIN_CLOSED_MILLIS);
  }

  /** Each open session's share of the budget. */
  int share() {
    return Math.max(MIN_SHARE, openBudget / Math.max(1, openCount.get()));
  }

  public SessionJournal open(String path) {
    String id = "s" + counter.incrementAndGet();
    openCount.incrementAndGet();
    SessionJournal journal = new SessionJournal(id, path, entriesPerSession, this::share);
    sessions.put(id, journal);
    evict(System.nanoTime()); // ages out old sessions even when none closes for a while
    return journal;
  }

  /** Called when a session's connection is gone: its journal starts to age. */
  public void closed(SessionJournal journal) {
    journal.ended(1006, "connection lost without a close frame");
    openCount.decrementAndGet();
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
    closedCount.set(0); // open sessions stay counted: they will still call closed()
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

  /** Sessions open now. */
  public int openSessions() {
    return openCount.get();
  }

  /** Entries each open session may keep now: its share of the budget, at most the per-session cap. */
  public int currentShare() {
    return Math.min(entriesPerSession, share());
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
