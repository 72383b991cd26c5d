package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frames and events of one session, in order. Written by the session's event loop, read by
 * tests and the admin API from other threads. Bounded: past {@code capacity} entries (or the
 * session's share of the journal-wide budget, when many sessions are open) the oldest are
 * dropped and counted, so a long audio session cannot grow memory without limit.
 */
public final class SessionJournal {
  private final String sessionId;
  private final String path;
  private final long openedAtNanos = System.nanoTime();
  private final long openedAtEpochMillis = System.currentTimeMillis();
  private final int capacity;
  private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
  private final Map<String, String> attributes = new ConcurrentHashMap<>();
  private long nextSeq = 1;
  private long dropped;
  private long fromClient;
  private long fromServer;
  private volatile Integer closeCode;
  private volatile String closeReason;
  private volatile long closedAtNanos;

  /** The session's current share of the journal-wide budget; never above {@code capacity}. */
  private final java.util.function.IntSupplier share;

  SessionJournal(String sessionId, String path, int capacity) {
    this(sessionId, path, capacity, () -> capacity);
  }

  SessionJournal(String sessionId, String path, int capacity, java.util.function.IntSupplier share) {
    this.sessionId = sessionId;
    this.path = path;
    this.capacity = capacity;
    this.share = share;
  }

  public String sessionId() {
    return sessionId;
  }

  /** The request path with credentials redacted. */
  public String path() {
    return path;
  }

  public long openedAtEpochMillis() {
    return openedAtEpochMillis;
  }

  public void record(Direction direction, String kind, JsonNode json, String note) {
    add(direction, kind, json == null ? null : JournalEntry.bytes(json), note);
  }

  /** As {@link #record}, with the message already as compact UTF-8 JSON (kept as given, not copied). */
  public void recordJson(Direction direction, String kind, byte[] json, String note) {
    add(direction, kind, json, note);
  }

  private void add(Direction direction, String kind, byte[] json, String note) {
    long now = System.nanoTime() - openedAtNanos;
    synchronized (this) {
      int limit = Math.min(capacity, share.getAsInt());
      while (entries.size() >= limit && !entries.isEmpty()) {
        entries.removeFirst();
        dropped++;
      }
      entries.addLast(new JournalEntry(nextSeq++, now, direction, kind, json, note));
      if (direction == Direction.CLIENT_TO_SERVER) {
        fromClient++;
      } else if (direction == Direction.SERVER_TO_CLIENT) {
        fromServer++;
      }
    }
  }

  public void event(String kind, String note) {
    record(Direction.EVENT, kind, null, note);
  }

  public synchronized List<JournalEntry> entries() {
    return new ArrayList<>(entries);
  }

  /**
   * The kept entries after sequence number {@code seq}, oldest first: lets a reader that polls
   * (the dashboard's summariser) copy only what is new instead of the whole session.
   */
  public synchronized List<JournalEntry> entriesAfter(long seq) {
    ArrayDeque<JournalEntry> tail = new ArrayDeque<>();
    for (var it = entries.descendingIterator(); it.hasNext(); ) {
      JournalEntry e = it.next();
      if (e.seq() <= seq) {
        break;
      }
      tail.addFirst(e);
    }
    return new ArrayList<>(tail);
  }

  /** Entries dropped (oldest first) because the session outgrew its capacity. */
  public synchronized long droppedEntries() {
    return dropped;
  }

  /** Entries ever recorded, kept or dropped: the last sequence number. */
  public synchronized long recordedEntries() {
    return nextSeq - 1;
  }

  /** Client frames ever recorded (kept or dropped), to compare with what a client sent. */
  public synchronized long framesFromClient() {
    return fromClient;
  }

  /** Server frames ever recorded (kept or dropped), to compare with what a client received. */
  public synchronized long framesFromServer() {
    return fromServer;
  }

  public int capacity() {
    return capacity;
  }

  /** Facts about the session for listings: model, scenario, credential kind. */
  public void attribute(String name, String value) {
    if (value != null) {
      attributes.put(name, value);
    }
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public Map<String, String> attributes() {
    return Map.copyOf(attributes);
  }

  /** Records how the session ended; the first call wins (a close answered by a close is one end). */
  public synchronized void ended(int code, String reason) {
    if (closedAtNanos == 0) {
      closeCode = code;
      closeReason = reason;
      closedAtNanos = System.nanoTime();
    }
  }

  public boolean isClosed() {
    return closedAtNanos != 0;
  }

  long closedAtNanos() {
    return closedAtNanos;
  }

  /** The close code that ended the session (sent or received), or null while open. */
  public Integer closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }
}
