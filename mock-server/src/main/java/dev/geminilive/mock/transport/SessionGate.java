package dev.geminilive.mock.transport;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts live WebSocket sessions against {@link ServerLimits#maxSessions()}; shared by all loops. */
final class SessionGate {
  private final int max;
  private final AtomicInteger live = new AtomicInteger();

  SessionGate(int max) {
    this.max = max;
  }

  /** Takes a place; false when the server is full (nothing taken then). */
  boolean tryEnter() {
    while (true) {
      int n = live.get();
      if (n >= max) {
        return false;
      }
      if (live.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void leave() {
    live.decrementAndGet();
  }

  int live() {
    return live.get();
  }

  int max() {
    return max;
  }
}
