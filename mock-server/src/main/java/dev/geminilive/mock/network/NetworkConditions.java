package dev.geminilive.mock.network;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How the network between the mock and one client misbehaves: added latency with jitter on
 * every server frame, a bandwidth cap, bunching (frames held, then delivered together), and a
 * one-off stall. Immutable; {@link #NONE} is a perfect network (the mock's default). Frames keep
 * their order whatever the conditions, as TCP delivers them.
 *
 * @param latencyMs added one-way delay of every server frame
 * @param jitterMs each frame's delay varies by up to this much either way (uniform, seeded),
 *     never below zero; a frame is never delivered before the one sent before it
 * @param bytesPerSecond link rate for server frames (their WebSocket bytes); 0 for no cap
 * @param bunch frames held and delivered together; null for none
 * @param stall a one-off stall; null for none
 * @param seed seed of the jitter, so a run can be repeated frame for frame
 */
public record NetworkConditions(
    long latencyMs, long jitterMs, long bytesPerSecond, Bunch bunch, Stall stall, long seed) {

  /** A perfect network: no handler is installed and frames go out as they are sent. */
  public static final NetworkConditions NONE = new NetworkConditions(0, 0, 0, null, null, 0);

  /** Held frames are released together once {@code frames} are due, or the oldest has waited {@code maxHoldMs}. */
  public record Bunch(int frames, long maxHoldMs) {
    public static final long DEFAULT_MAX_HOLD_MS = 1_000;
  }

  /**
   * Nothing is delivered for {@code ms}: from the moment the conditions apply, or {@code afterMs}
   * later, or right after the {@code afterAudioChunks}-th server message carrying audio.
   */
  public record Stall(long ms, Long afterMs, Integer afterAudioChunks) {}

  public NetworkConditions {
    if (latencyMs < 0 || jitterMs < 0 || bytesPerSecond < 0) {
      throw new IllegalArgumentException("latency, jitter and bandwidth must be 0 or more");
    }
  }

  /** True for a perfect network. */
  public boolean none() {
    return latencyMs == 0 && jitterMs == 0 && bytesPerSecond == 0 && bunch == null && stall == null;
  }

  public NetworkConditions withStall(Stall s) {
    return new NetworkConditions(latencyMs, jitterMs, bytesPerSecond, bunch, s, seed);
  }

  /** One line for the journal and session listings, e.g. {@code latency 200 ms ± 50 ms, 16000 B/s}. */
  public String describe() {
    if (none()) {
      return "none (frames go out as sent)";
    }
    List<String> parts = new ArrayList<>();
    if (latencyMs > 0 || jitterMs > 0) {
      parts.add("latency " + latencyMs + " ms" + (jitterMs > 0 ? " ± " + jitterMs + " ms (seed " + seed + ")" : ""));
    }
    if (bytesPerSecond > 0) {
      parts.add("bandwidth " + bytesPerSecond + " B/s");
    }
    if (bunch != null) {
      parts.add("bunches of " + bunch.frames() + " frames (held at most " + bunch.maxHoldMs() + " ms)");
    }
    if (stall != null) {
      parts.add("stall " + stall.ms() + " ms " + (stall.afterAudioChunks() != null
          ? "after audio chunk " + stall.afterAudioChunks()
          : stall.afterMs() != null ? stall.afterMs() + " ms after this applies" : "now"));
    }
    return String.join(", ", parts);
  }

  /** The same shape {@link NetworkSpec} reads (admin API answers, scenario keys). */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    if (latencyMs > 0) {
      n.put("latencyMs", latencyMs);
    }
    if (jitterMs > 0) {
      n.put("jitterMs", jitterMs);
    }
    if (bytesPerSecond > 0) {
      n.put("bytesPerSecond", bytesPerSecond);
    }
    if (bunch != null) {
      n.putObject("bunch").put("frames", bunch.frames()).put("maxHoldMs", bunch.maxHoldMs());
    }
    if (stall != null) {
      ObjectNode s = n.putObject("stall").put("ms", stall.ms());
      if (stall.afterMs() != null) {
        s.put("afterMs", stall.afterMs());
      }
      if (stall.afterAudioChunks() != null) {
        s.put("afterAudioChunks", stall.afterAudioChunks());
      }
    }
    if (seed != 0) {
      n.put("seed", seed);
    }
    return n;
  }
}
