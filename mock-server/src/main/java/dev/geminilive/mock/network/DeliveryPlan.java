package dev.geminilive.mock.network;

import java.util.SplittableRandom;

/**
 * When each server frame reaches the client under some {@link NetworkConditions}: the arithmetic
 * of the network, kept apart from Netty so it can be checked on its own. Frames cross a serial
 * link (the bandwidth cap), then take the latency plus a seeded jitter; a frame is never due
 * before the frame sent before it (TCP delivers in order: a late frame holds up the ones behind
 * it). A stall moves every frame due inside it to its end. Not thread-safe: one per connection,
 * used on its event loop.
 */
public final class DeliveryPlan {
  private static final long MS = 1_000_000L;

  private final NetworkConditions conditions;
  private final long appliedNanos;
  private final SplittableRandom jitter;
  private long lastDue;
  private long linkFree;
  private int audioChunks;
  /** A stall timed from when the conditions applied: [from, until). */
  private long stallFrom = Long.MAX_VALUE;
  private long stallUntil = Long.MIN_VALUE;

  /** A fresh plan: nothing sent yet. */
  public DeliveryPlan(NetworkConditions conditions, long nowNanos) {
    this(conditions, nowNanos, Long.MIN_VALUE, Long.MIN_VALUE);
  }

  private DeliveryPlan(NetworkConditions conditions, long nowNanos, long lastDue, long linkFree) {
    this.conditions = conditions;
    this.appliedNanos = nowNanos;
    this.jitter = new SplittableRandom(conditions.seed());
    this.lastDue = lastDue;
    this.linkFree = linkFree;
    NetworkConditions.Stall s = conditions.stall();
    if (s != null && s.afterAudioChunks() == null) {
      stallFrom = nowNanos + (s.afterMs() == null ? 0 : s.afterMs() * MS);
      stallUntil = stallFrom + s.ms() * MS;
    }
  }

  /**
   * New conditions from now on. Frames already planned keep their times, and no later frame
   * overtakes them.
   */
  public DeliveryPlan next(NetworkConditions newConditions, long nowNanos) {
    return new DeliveryPlan(newConditions, nowNanos, lastDue, linkFree);
  }

  public NetworkConditions conditions() {
    return conditions;
  }

  /** True while a stall waits for an audio chunk: only then must frames be looked into. */
  public boolean countsAudio() {
    NetworkConditions.Stall s = conditions.stall();
    return s != null && s.afterAudioChunks() != null && audioChunks < s.afterAudioChunks();
  }

  /** The latest time planned so far; frames queued before a stall that starts now are held to it. */
  public long lastDue() {
    return lastDue;
  }

  /**
   * Plans one frame sent at {@code nowNanos}.
   *
   * @param wireBytes the frame's bytes on the wire (header included), for the bandwidth cap
   * @param audio whether it carries model audio (for a stall after the k-th chunk)
   * @return when it is due at the client, in the same clock as {@code nowNanos}
   */
  public long plan(long nowNanos, int wireBytes, boolean audio) {
    long sent = nowNanos;
    if (conditions.bytesPerSecond() > 0) {
      long start = Math.max(nowNanos, linkFree);
      linkFree = start + wireBytes * 1_000_000_000L / conditions.bytesPerSecond();
      sent = linkFree;
    }
    long delay = conditions.latencyMs() * MS;
    long j = conditions.jitterMs() * MS;
    if (j > 0) {
      delay += jitter.nextLong(2 * j + 1) - j;
    }
    long due = adjust(Math.max(sent + Math.max(0, delay), lastDue));
    lastDue = due;
    NetworkConditions.Stall s = conditions.stall();
    if (audio && s != null && s.afterAudioChunks() != null && ++audioChunks == s.afterAudioChunks()) {
      // This chunk gets through; whatever follows waits out the stall.
      lastDue = due + s.ms() * MS;
    }
    return due;
  }

  /**
   * A frame due at {@code due} under this plan's timed stall: the stall's end when it falls inside
   * it. Also applied to frames planned before these conditions and not yet delivered.
   */
  public long adjust(long due) {
    return due >= stallFrom && due < stallUntil ? stallUntil : due;
  }

  /**
   * A stall that starts now (the admin API's on-demand stall): frames not yet delivered and frames
   * sent in the next {@code ms} are delivered when it ends.
   *
   * @return when the stall ends
   */
  public long stallNow(long nowNanos, long ms) {
    long end = nowNanos + ms * MS;
    lastDue = Math.max(lastDue, end);
    return end;
  }

  /** When the conditions applied (a stall's {@code afterMs} counts from here). */
  public long appliedNanos() {
    return appliedNanos;
  }
}
