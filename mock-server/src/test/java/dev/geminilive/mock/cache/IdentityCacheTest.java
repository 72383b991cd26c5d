package dev.geminilive.mock.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kept by identity, two slots per key, bounded: what the frame and summary caches rely on. */
class IdentityCacheTest {
  @Test
  void aValueIsFoundByTheVeryKeyItWasKeptForNeverByAnEqualOne() {
    IdentityCache<String, Integer> cache = new IdentityCache<>(16);
    String key = new String("chunk");
    cache.put(key, 1);
    assertThat(cache.get(key)).isEqualTo(1);
    assertThat(cache.get(new String("chunk"))).isNull();
  }

  @Test
  void twoKeysShareAPairAndAThirdEvictsExactlyOneOfThem() {
    // Two slots in all: every key lands in the same pair.
    IdentityCache<Object, String> cache = new IdentityCache<>(2);
    Object a = new Object();
    Object b = new Object();
    Object c = new Object();
    cache.put(a, "a");
    cache.put(b, "b");
    assertThat(cache.get(a)).isEqualTo("a");
    assertThat(cache.get(b)).isEqualTo("b");

    cache.put(c, "c");
    assertThat(cache.get(c)).isEqualTo("c");
    List<String> left = new ArrayList<>();
    for (Object k : List.of(a, b)) {
      if (cache.get(k) != null) {
        left.add(cache.get(k));
      }
    }
    assertThat(left).hasSize(1);

    // Putting a key that is there replaces its own entry, not its neighbour's.
    cache.put(c, "c2");
    assertThat(cache.get(c)).isEqualTo("c2");
    assertThat(cache.get(left.get(0).equals("a") ? a : b)).isEqualTo(left.get(0));
  }

  @Test
  void manyKeysNeverGrowItPastItsSlots() {
    IdentityCache<Object, Integer> cache = new IdentityCache<>(8);
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Object k = new Object();
      keys.add(k);
      cache.put(k, i);
    }
    assertThat(keys.stream().filter(k -> cache.get(k) != null).count()).isBetween(1L, 8L);
    assertThat(cache.get(keys.get(999))).isEqualTo(999);
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new IdentityCache<>(12)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdentityCache<>(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
