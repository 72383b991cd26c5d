package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frames and events of one session, in order. Written by the session's event loop, read by
 * tests and the admin API from other threads. Bounded: past {@code capacity} entries (or the
 * session's share of the journal-wide budget, when many sessions are open) the oldest are
 * dropped and counted, so a long audio session cannot grow memory without limit.
 *
 * <p>Kept entries live in a ring of reusable slots whose byte buffers are overwritten as old
 * entries drop out, and {@link JournalEntry} objects are made only when someone reads. A thousand
 * audio sessions record some 24,000 entries a second, each kept for seconds: as objects they all
 * outlived the young generation, filled the old one and made the serial collector stop the server
 * for full collections of hundreds of milliseconds (seen in JFR at 1,000 sessions), which is
 * exactly when paced audio went out late.
 */
public final class SessionJournal {
  private final String sessionId;
  private final String path;
  private final long openedAtNanos = System.nanoTime();
  private final long openedAtEpochMillis = System.currentTimeMillis();
  private final int capacity;
  /** Kept entries, oldest at {@code head}; slots past {@code size} are free for reuse. */
  private Slot[] ring = new Slot[8];
  private int head;
  private int size;
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
    String canonicalKind = Kinds.canonical(kind);
    synchronized (this) {
      int limit = Math.min(capacity, share.getAsInt());
      while (size >= limit && size > 0) {
        head = head + 1 == ring.length ? 0 : head + 1; // the dropped slot is not touched: cold memory
        size--;
        dropped++;
      }
      if (size == ring.length) {
        grow(limit);
      }
      int at = head + size < ring.length ? head + size : head + size - ring.length;
      Slot slot = ring[at];
      if (slot == null) {
        slot = ring[at] = new Slot();
      }
      slot.fill(nextSeq++, now, direction, canonicalKind, json, note);
      size++;
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

  /** Doubles the ring, but not past what the share allows now (a slot holds its buffer for good). */
  private void grow(int limit) {
    Slot[] bigger = new Slot[Math.max(ring.length + 1, Math.min(ring.length * 2, limit))];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(head + i) % ring.length];
    }
    ring = bigger;
    head = 0;
  }

  public synchronized List<JournalEntry> entries() {
    List<JournalEntry> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(ring[(head + i) % ring.length].entry());
    }
    return out;
  }

  /**
   * The kept entries after sequence number {@code seq}, oldest first: lets a reader that polls
   * (the dashboard's summariser) copy only what is new instead of the whole session.
   */
  public synchronized List<JournalEntry> entriesAfter(long seq) {
    int first = size;
    while (first > 0 && ring[(head + first - 1) % ring.length].seq > seq) {
      first--;
    }
    List<JournalEntry> out = new ArrayList<>(size - first);
    for (int i = first; i < size; i++) {
      out.add(ring[(head + i) % ring.length].entry());
    }
    return out;
  }

  /** One kept entry; its JSON buffer is reused by the entries that take the slot later. */
  private static final class Slot {
    private static final int MIN_BUFFER = 16;
    long seq;
    long nanos;
    Direction direction;
    String kind;
    String note;
    byte[] json;
    int jsonLength = -1;

    void fill(long seq, long nanos, Direction direction, String kind, byte[] json, String note) {
      this.seq = seq;
      this.nanos = nanos;
      this.direction = direction;
      this.kind = kind;
      this.note = note;
      if (json == null) {
        jsonLength = -1;
        return;
      }
      int n = json.length;
      // Reuse the buffer unless it is too small, or much too big for what slots usually hold.
      if (this.json == null || this.json.length < n || (this.json.length > 1024 && this.json.length > 4 * n)) {
        this.json = new byte[Math.max(MIN_BUFFER, (n + 15) & ~15)];
      }
      System.arraycopy(json, 0, this.json, 0, n);
      jsonLength = n;
    }

    JournalEntry entry() {
      byte[] copy = jsonLength < 0 ? null : java.util.Arrays.copyOf(json, jsonLength);
      return new JournalEntry(seq, nanos, direction, kind, copy, note);
    }
  }

  /**
   * One string per entry kind ({@code realtimeInput.audio}, ...): callers build kinds afresh for
   * every frame, and a fresh string held by a long-lived slot would be promoted and die there.
   */
  static final class Kinds {
    private static final int MAX = 4096;
    private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();

    private Kinds() {}

    static String canonical(String kind) {
      if (kind == null) {
        return null;
      }
      String known = CANONICAL.get(kind);
      if (known != null) {
        return known;
      }
      if (CANONICAL.size() < MAX) {
        String prior = CANONICAL.putIfAbsent(kind, kind);
        return prior == null ? kind : prior;
      }
      return kind;
    }
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
