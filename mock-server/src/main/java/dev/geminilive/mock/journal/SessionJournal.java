package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;

/**
 * The frames and events of one session, in order. Written by the session's event loop, read by
 * tests and the admin API from other threads. Bounded: past {@code capacity} entries (or the
 * session's share of the journal-wide budget, when many sessions are open) the oldest are
 * dropped and counted, so a long audio session cannot grow memory without limit.
 *
 * <p>Kept entries have no object of their own: their fields sit in parallel primitive arrays
 * used as a ring, and their JSON bytes back to back in one byte ring (the arena) per session.
 * {@link JournalEntry} objects are made only when someone reads. In the arena an entry's JSON is
 * packed: the phrases most entries share become two-byte tokens ({@link JournalDictionary}).
 * A thousand audio sessions keep some 200,000 entries; as objects (first one per entry, later a
 * slot and a buffer each) they filled the old generation, and every full collection of the
 * serial collector had to trace them all, stopping the server for tens to hundreds of
 * milliseconds while paced audio waited.
 * Here a session is a dozen arrays however many entries it keeps, and recording an entry
 * stores no reference in the common case (no card for the young collector to scan).
 */
public final class SessionJournal {
  /** JSON at least this long gets an array of its own: in the arena it would double the arena. */
  static final int LARGE = 4096;
  private static final int MIN_ARENA = 1024;
  private static final int MIN_ENTRIES = 8;
  private static final Direction[] DIRECTIONS = Direction.values();
  /** Set in {@link #flags} for a kept server entry whose kind marks a turn's end. */
  private static final byte TURN_COMPLETE = (byte) 0x80;
  /** Set in {@link #flags} when the arena holds the JSON packed by {@link JournalDictionary}. */
  private static final byte PACKED = 0x40;
  private static final int DIRECTION_MASK = 0x03;
  private static final short NO_KIND = -1;
  /** The kind is not in the shared table (it is full); see {@link #oddKinds}. */
  private static final short ODD_KIND = -2;
  /** In {@link #offset}: the JSON is in {@link #large}, not in the arena. */
  private static final int IN_LARGE = -1;

  private final String sessionId;
  private final String path;
  private final long openedAtNanos = System.nanoTime();
  private final long openedAtEpochMillis = System.currentTimeMillis();
  private final int capacity;
  /** The session's current share of the journal-wide budget; never above {@code capacity}. */
  private final IntSupplier share;

  // Kept entries: ring positions head .. head+size-1; the entry at head has seq nextSeq-size.
  private long[] nanos = new long[MIN_ENTRIES];
  /** Direction ordinal, plus {@link #TURN_COMPLETE}. */
  private byte[] flags = new byte[MIN_ENTRIES];
  private short[] kinds = new short[MIN_ENTRIES];
  /** Start of the JSON in the arena, or {@link #IN_LARGE}. */
  private int[] offset = new int[MIN_ENTRIES];
  /** Bytes stored (packed, in the arena), or -1 for an entry without JSON. */
  private int[] length = new int[MIN_ENTRIES];
  /** Made on the first note: most entries (every frame) have none. */
  private String[] notes;
  private String[] oddKinds;
  private byte[][] large;
  private int head;
  private int size;

  // The arena: live bytes are [start, tail), or [start, wrapEnd) then [0, tail) when wrapped.
  private byte[] arena;
  private int start;
  private int tail;
  private int wrapEnd;
  private boolean wrapped;
  private int arenaEntries;
  private int arenaBytes;

  private final Map<String, String> attributes = new ConcurrentHashMap<>();
  private long nextSeq = 1;
  private long dropped;
  private long fromClient;
  private long fromServer;
  private int keptTurnsCompleted;
  private volatile Integer closeCode;
  private volatile String closeReason;
  private volatile long closedAtNanos;

  SessionJournal(String sessionId, String path, int capacity) {
    this(sessionId, path, capacity, () -> capacity);
  }

  SessionJournal(String sessionId, String path, int capacity, IntSupplier share) {
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
    add(direction, kind, json == null ? null : JournalEntry.bytes(json), note, true);
  }

  /** As {@link #record}, with the message already as compact UTF-8 JSON (copied). */
  public void recordJson(Direction direction, String kind, byte[] json, String note) {
    add(direction, kind, json, note, false);
  }

  public void event(String kind, String note) {
    record(Direction.EVENT, kind, null, note);
  }

  /** @param owned whether {@code json} is a fresh array nobody else holds (no copy needed) */
  private void add(Direction direction, String kind, byte[] json, String note, boolean owned) {
    long now = System.nanoTime() - openedAtNanos;
    short kindId = Kinds.id(kind);
    byte flag = (byte) direction.ordinal();
    if (direction == Direction.SERVER_TO_CLIENT && (kindId >= 0 ? Kinds.endsTurn(kindId) : Kinds.endsTurn(kind))) {
      flag |= TURN_COMPLETE;
    }
    synchronized (this) {
      int limit = Math.min(capacity, share.getAsInt());
      while (size >= limit && size > 0) {
        dropOldest();
      }
      int n = json == null ? -1 : json.length;
      shrinkIfOversized(limit, n >= 0 && n < LARGE ? n : 0);
      if (size == nanos.length) {
        resizeEntries(Math.max(size + 1, Math.min(size * 2, limit)));
      }
      int at = position(size);
      nanos[at] = now;
      flags[at] = flag;
      kinds[at] = kindId;
      length[at] = n;
      if (kindId == ODD_KIND || (oddKinds != null && oddKinds[at] != null)) {
        if (oddKinds == null) {
          oddKinds = new String[nanos.length];
        }
        oddKinds[at] = kindId == ODD_KIND ? kind : null;
      }
      if (note != null || (notes != null && notes[at] != null)) {
        if (notes == null) {
          notes = new String[nanos.length];
        }
        notes[at] = note;
      }
      if (n >= LARGE) {
        if (large == null) {
          large = new byte[nanos.length][];
        }
        large[at] = owned ? json : json.clone();
        offset[at] = IN_LARGE;
      } else if (n >= 0) {
        int where = allocate(n, limit);
        int m = JournalDictionary.pack(json, arena, where);
        if (m < 0) {
          System.arraycopy(json, 0, arena, where, n);
          m = n;
        } else if (m < n) {
          flags[at] = (byte) (flag | PACKED);
        }
        tail = where + m; // packing never lengthens: give back what it saved
        length[at] = m;
        offset[at] = where;
        arenaEntries++;
        arenaBytes += m;
      }
      size++;
      nextSeq++;
      if ((flag & TURN_COMPLETE) != 0) {
        keptTurnsCompleted++;
      }
      if (direction == Direction.CLIENT_TO_SERVER) {
        fromClient++;
      } else if (direction == Direction.SERVER_TO_CLIENT) {
        fromServer++;
      }
    }
  }

  private int position(int index) {
    int at = head + index;
    return at < nanos.length ? at : at - nanos.length;
  }

  /** Drops the entry at head; its fields stay as they are (overwritten on reuse). */
  private void dropOldest() {
    int at = head;
    if ((flags[at] & TURN_COMPLETE) != 0) {
      keptTurnsCompleted--;
    }
    int n = length[at];
    if (n >= 0 && offset[at] == IN_LARGE) {
      large[at] = null; // a big array must not outlive its entry
    } else if (n >= 0) {
      arenaEntries--;
      arenaBytes -= n;
      start = offset[at] + n;
      if (arenaEntries == 0) {
        start = tail = wrapEnd = 0;
        wrapped = false;
      } else if (wrapped && start == wrapEnd) {
        start = 0;
        wrapped = false;
      }
    }
    head = head + 1 == nanos.length ? 0 : head + 1;
    size--;
    dropped++;
  }

  /** Where {@code n} bytes go in the arena: contiguous, at the tail or wrapped to the start. */
  private int allocate(int n, int limit) {
    if (arena == null) {
      arena = new byte[Math.max(MIN_ARENA, n)];
    }
    if (!wrapped) {
      if (tail + n <= arena.length) {
        return bump(n);
      }
      if (n <= start) {
        wrapEnd = tail;
        wrapped = true;
        tail = 0;
        return bump(n);
      }
    } else if (tail + n <= start) {
      return bump(n);
    }
    // Full: copy the live bytes to the front of a bigger arena. Half as big again, but no bigger
    // than what `limit` entries of the average size so far need (doubling would leave a session
    // that stops at its share up to half empty), and always with an eighth to spare for wrapping.
    int needed = arenaBytes + n;
    long projected = (long) needed * limit / (arenaEntries + 1);
    long grown = Math.min(arena.length + (long) arena.length / 2, projected);
    compactInto((int) Math.min(Integer.MAX_VALUE - 8, Math.max(grown, needed + needed / 8L + n)));
    return bump(n);
  }

  private int bump(int n) {
    int where = tail;
    tail += n;
    return where;
  }

  /**
   * After the share shrank (more sessions open) or a big entry dropped, gives back memory the
   * kept entries no longer need. Hysteresis (shrink at a quarter, to half) keeps it from thrashing.
   */
  private void shrinkIfOversized(int limit, int incoming) {
    if (nanos.length > MIN_ENTRIES && nanos.length > 2 * limit && size < limit) {
      resizeEntries(Math.max(MIN_ENTRIES, limit));
    }
    if (arena != null && arena.length > 4 * MIN_ARENA && (arenaBytes + incoming) * 4 < arena.length) {
      compactInto(Math.max(MIN_ARENA, 2 * (arenaBytes + incoming)));
    }
  }

  private void compactInto(int newLength) {
    byte[] to = new byte[newLength];
    int p = 0;
    for (int i = 0; i < size; i++) {
      int at = position(i);
      int n = length[at];
      if (n >= 0 && offset[at] != IN_LARGE) {
        System.arraycopy(arena, offset[at], to, p, n);
        offset[at] = p;
        p += n;
      }
    }
    arena = to;
    start = 0;
    tail = p;
    wrapEnd = 0;
    wrapped = false;
  }

  /** Moves the kept entries to arrays of {@code newLength}, oldest at 0. */
  private void resizeEntries(int newLength) {
    nanos = unring(nanos, new long[newLength]);
    flags = unring(flags, new byte[newLength]);
    kinds = unring(kinds, new short[newLength]);
    offset = unring(offset, new int[newLength]);
    length = unring(length, new int[newLength]);
    notes = notes == null ? null : unring(notes, new String[newLength]);
    oddKinds = oddKinds == null ? null : unring(oddKinds, new String[newLength]);
    large = large == null ? null : unring(large, new byte[newLength][]);
    head = 0;
  }

  private <T> T unring(T from, T to) {
    int length = java.lang.reflect.Array.getLength(from);
    int first = Math.min(size, length - head);
    System.arraycopy(from, head, to, 0, first);
    System.arraycopy(from, 0, to, first, size - first);
    return to;
  }

  public synchronized List<JournalEntry> entries() {
    return copy(0);
  }

  /**
   * The kept entries after sequence number {@code seq}, oldest first: lets a reader that polls
   * (the dashboard's summariser) copy only what is new instead of the whole session.
   */
  public synchronized List<JournalEntry> entriesAfter(long seq) {
    long firstSeq = nextSeq - size;
    return copy(seq < firstSeq ? 0 : seq >= nextSeq - 1 ? size : (int) (seq - firstSeq + 1));
  }

  private List<JournalEntry> copy(int from) {
    List<JournalEntry> out = new ArrayList<>(size - from);
    long firstSeq = nextSeq - size;
    for (int i = from; i < size; i++) {
      out.add(entry(i, firstSeq + i));
    }
    return out;
  }

  private JournalEntry entry(int index, long seq) {
    int at = position(index);
    int n = length[at];
    byte[] json = null;
    if (n >= 0) {
      // The large array is never written again, so the entry may share it.
      json = offset[at] == IN_LARGE ? large[at]
          : (flags[at] & PACKED) != 0 ? JournalDictionary.unpack(arena, offset[at], n)
          : Arrays.copyOfRange(arena, offset[at], offset[at] + n);
    }
    short k = kinds[at];
    String kind = k == NO_KIND ? null : k == ODD_KIND ? oddKinds[at] : Kinds.name(k);
    return new JournalEntry(seq, nanos[at], DIRECTIONS[flags[at] & DIRECTION_MASK], kind, json,
        notes == null ? null : notes[at]);
  }

  /**
   * Kept server entries whose kind ends a turn ({@code serverContent.turnComplete}...): what the
   * session's closing log line counts, without copying the entries.
   */
  public synchronized int keptTurnsCompleted() {
    return keptTurnsCompleted;
  }

  /** Bytes the arena holds now, used or not (for tests of its bounds). */
  synchronized int arenaCapacity() {
    return arena == null ? 0 : arena.length;
  }

  /** Bytes the kept entries take in the arena, packed (for tests and measurements). */
  synchronized int arenaBytes() {
    return arenaBytes;
  }

  /** Entries the ring can hold before it grows (for tests of its bounds). */
  synchronized int entrySlots() {
    return nanos.length;
  }

  /**
   * A small number for every entry kind ({@code realtimeInput.audio}, ...), shared by all
   * sessions: an entry keeps two bytes instead of a reference. Kinds can come from what clients
   * send, so the table is bounded; past it a kind is kept as a string beside the entry.
   */
  static final class Kinds {
    static final int MAX = 4096;
    private static final Map<String, Short> IDS = new ConcurrentHashMap<>();
    private static final AtomicReferenceArray<String> NAMES = new AtomicReferenceArray<>(MAX);
    /** Per id, whether the kind marks a turn's end (decided once, not searched per entry). */
    private static final boolean[] ENDS_TURN = new boolean[MAX];
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Kinds() {}

    static short id(String kind) {
      if (kind == null) {
        return NO_KIND;
      }
      Short known = IDS.get(kind);
      if (known != null) {
        return known;
      }
      if (NEXT.get() >= MAX) {
        return ODD_KIND;
      }
      Short made = IDS.computeIfAbsent(kind, k -> {
        int id = NEXT.getAndIncrement();
        if (id >= MAX) {
          return null;
        }
        ENDS_TURN[id] = endsTurn(k);
        NAMES.set(id, k); // written after the flag: whoever sees the id sees the flag
        return (short) id;
      });
      return made == null ? ODD_KIND : made;
    }

    static boolean endsTurn(short id) {
      return ENDS_TURN[id];
    }

    static boolean endsTurn(String kind) {
      return kind != null && kind.contains(".turnComplete");
    }

    static String name(short id) {
      return NAMES.get(id);
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
