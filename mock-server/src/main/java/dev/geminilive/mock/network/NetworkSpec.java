package dev.geminilive.mock.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.text.Spelling;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link NetworkConditions} from the JSON shape every front end shares (a scenario's
 * {@code network} key and step, the admin API's body, the options of {@code serve}):
 *
 * <pre>{@code
 * {"latencyMs": 200, "jitterMs": 50, "bytesPerSecond": 16000,
 *  "bunch": {"frames": 5, "maxHoldMs": 1000},
 *  "stall": {"ms": 3000, "afterMs": 2000}, "seed": 7}
 * }</pre>
 *
 * Every problem is reported with a JSON pointer relative to the object read, so the caller can
 * place it (a file's line and column, an option's name).
 */
public final class NetworkSpec {
  /** Longest latency, jitter or stall accepted: beyond it a client's own timeouts decide anyway. */
  public static final long MAX_DELAY_MS = 600_000;
  /** Slowest cap accepted: below it one audio chunk would take longer than a second to cross. */
  public static final long MIN_BYTES_PER_SECOND = 100;

  private static final Set<String> KEYS = Set.of("latencyMs", "jitterMs", "bytesPerSecond", "bunch", "stall", "seed");
  private static final Set<String> BUNCH_KEYS = Set.of("frames", "maxHoldMs");
  private static final Set<String> STALL_KEYS = Set.of("ms", "afterMs", "afterAudioChunks");

  /** One problem: where (a JSON pointer from the object read, e.g. {@code /stall/ms}) and what. */
  public record Problem(String pointer, String message) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ": ") + message;
    }
  }

  /** The conditions, or null when there are problems. */
  public record Result(NetworkConditions conditions, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final List<Problem> problems = new ArrayList<>();

  private NetworkSpec() {}

  /** Reads {@code node}; null or an empty object is a perfect network ({@link NetworkConditions#NONE}). */
  public static Result read(JsonNode node) {
    return new NetworkSpec().readObject(node);
  }

  private Result readObject(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new Result(NetworkConditions.NONE, List.of());
    }
    if (!node.isObject()) {
      problems.add(new Problem("", "network conditions are an object, e.g. {latencyMs: 200, jitterMs: 50}"));
      return new Result(null, List.copyOf(problems));
    }
    unknownKeys(node, KEYS, "");
    long latency = number(node, "latencyMs", "", 0, MAX_DELAY_MS, 0);
    long jitter = number(node, "jitterMs", "", 0, MAX_DELAY_MS, 0);
    long rate = 0;
    if (node.has("bytesPerSecond")) {
      rate = number(node, "bytesPerSecond", "", MIN_BYTES_PER_SECOND, Long.MAX_VALUE, 0);
    }
    NetworkConditions.Bunch bunch = null;
    if (node.has("bunch")) {
      JsonNode b = node.get("bunch");
      if (!b.isObject()) {
        problems.add(new Problem("/bunch", "bunch is an object: {frames: 5, maxHoldMs: 1000}"));
      } else {
        unknownKeys(b, BUNCH_KEYS, "/bunch");
        if (!b.has("frames")) {
          problems.add(new Problem("/bunch", "bunch needs frames: how many frames are delivered together (2 or more)"));
        }
        int frames = (int) number(b, "frames", "/bunch", 2, 1_000, 2);
        long hold = number(b, "maxHoldMs", "/bunch", 1, MAX_DELAY_MS, NetworkConditions.Bunch.DEFAULT_MAX_HOLD_MS);
        bunch = new NetworkConditions.Bunch(frames, hold);
      }
    }
    NetworkConditions.Stall stall = null;
    if (node.has("stall")) {
      JsonNode s = node.get("stall");
      if (!s.isObject()) {
        problems.add(new Problem("/stall", "stall is an object: {ms: 3000} (now), {ms: 3000, afterMs: 2000}"
            + " or {ms: 3000, afterAudioChunks: 10}"));
      } else {
        unknownKeys(s, STALL_KEYS, "/stall");
        if (!s.has("ms")) {
          problems.add(new Problem("/stall", "stall needs ms: how long nothing is delivered"));
        }
        long ms = number(s, "ms", "/stall", 1, MAX_DELAY_MS, 1);
        Long after = s.has("afterMs") ? number(s, "afterMs", "/stall", 0, MAX_DELAY_MS, 0) : null;
        Integer chunks = s.has("afterAudioChunks")
            ? (int) number(s, "afterAudioChunks", "/stall", 1, 1_000_000, 1) : null;
        if (after != null && chunks != null) {
          problems.add(new Problem("/stall/afterAudioChunks",
              "give afterMs or afterAudioChunks, not both: a stall starts once"));
        }
        stall = new NetworkConditions.Stall(ms, after, chunks);
      }
    }
    long seed = 0;
    if (node.has("seed")) {
      JsonNode v = node.get("seed");
      if (!v.canConvertToLong() || !v.isIntegralNumber()) {
        problems.add(new Problem("/seed", "seed is a whole number, not " + v));
      } else {
        seed = v.asLong();
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, List.copyOf(problems));
    }
    return new Result(new NetworkConditions(latency, jitter, rate, bunch, stall, seed), List.of());
  }

  private long number(JsonNode parent, String key, String at, long min, long max, long absent) {
    JsonNode v = parent.get(key);
    if (v == null || v.isNull()) {
      return absent;
    }
    String pointer = at + "/" + key;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problems.add(new Problem(pointer, key + " is a whole number" + (key.endsWith("Ms") ? " of milliseconds" : "")
          + ", not " + v));
      return absent;
    }
    long n = v.asLong();
    if (n < min || n > max) {
      problems.add(new Problem(pointer, key + " must be " + (max == Long.MAX_VALUE ? "at least " + min
          : "between " + min + " and " + max) + ", not " + n));
      return absent;
    }
    return n;
  }

  private void unknownKeys(JsonNode node, Set<String> known, String at) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!known.contains(key)) {
        problems.add(new Problem(at + "/" + key, "unknown key \"" + key + "\"" + suggestion(key, known)
            + "; known: " + String.join(", ", new java.util.TreeSet<>(known))));
      }
    }
  }

  private static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3; // a typo or two, not another word
    for (String k : known) {
      String written = key.toLowerCase(java.util.Locale.ROOT);
      String name = k.toLowerCase(java.util.Locale.ROOT);
      // "latency" for latencyMs: the unit suffix is the part most often left out.
      int d = Math.min(Spelling.distance(written, name),
          Spelling.distance(written, name.replaceFirst("ms$", "")));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }
}
