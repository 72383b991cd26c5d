package dev.geminilive.mock.cache;

/**
 * What was worked out from an object the server handles again and again (a reply chunk's base64
 * string, a shared message), kept by the object's identity: the persona and scenarios send the
 * same immutable objects in every reply of every session, so encoding or summarising them once
 * is enough. Equal but distinct objects simply miss, which is always correct.
 *
 * <p>Small and bounded: a power-of-two number of slots, each key in one of two neighbouring slots
 * by its identity hash (a reply's dozen chunks would collide in a single slot one time in four).
 * Shared by every event loop without locks: entries are immutable and read racily, so a reader
 * sees a whole entry or an older one, and at worst misses.
 *
 * @param <K> what is looked up (by identity)
 * @param <V> what was worked out from it (immutable, or never changed once put)
 */
public final class IdentityCache<K, V> {
  private record Entry<K, V>(K key, V value) {}

  private final Entry<K, V>[] slots;
  private final int mask;

  /** @param slots how many entries at most, a power of two (at least 2) */
  @SuppressWarnings("unchecked")
  public IdentityCache(int slots) {
    if (slots < 2 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, at least 2: " + slots);
    }
    this.slots = (Entry<K, V>[]) new Entry<?, ?>[slots];
    this.mask = slots - 1;
  }

  /** The value kept for this very object, or null. */
  public V get(K key) {
    int slot = System.identityHashCode(key) & mask;
    Entry<K, V> e = slots[slot];
    if (e != null && e.key() == key) {
      return e.value();
    }
    e = slots[slot ^ 1];
    return e != null && e.key() == key ? e.value() : null;
  }

  /**
   * Keeps {@code value} for {@code key}: in the slot that holds the key already, else in an empty
   * one of its two, else in place of the first one's entry.
   */
  public void put(K key, V value) {
    int slot = System.identityHashCode(key) & mask;
    Entry<K, V> first = slots[slot];
    Entry<K, V> second = slots[slot ^ 1];
    int at = first != null && first.key() == key ? slot
        : second != null && second.key() == key ? slot ^ 1
        : first != null && second == null ? slot ^ 1
        : slot;
    slots[at] = new Entry<>(key, value);
  }
}
