package dev.geminilive.mock.session;

import dev.geminilive.mock.protocol.ServerMessage;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Sends a list of server messages, each at its offset from the start, on the session's event
 * loop. Offsets are absolute, so scheduling delays never accumulate into drift.
 */
public final class PacedPlayback {
  /** A message and when to send it, in nanoseconds of scenario time from the start. */
  public record Timed(long offsetNanos, ServerMessage message) {}

  private final List<Timed> messages;
  private final SessionControl control;
  private final Runnable onDone;
  private long startNanos;
  private int next;
  private Future<?> pending;
  private boolean cancelled;

  public PacedPlayback(List<Timed> messages, SessionControl control, Runnable onDone) {
    this.messages = List.copyOf(messages);
    this.control = control;
    this.onDone = onDone;
  }

  public void start() {
    startNanos = System.nanoTime();
    step();
  }

  /** Stops before the next message; returns true when messages were left unsent. */
  public boolean cancel() {
    cancelled = true;
    if (pending != null) {
      pending.cancel(false);
    }
    return next < messages.size();
  }

  public boolean finished() {
    return next >= messages.size();
  }

  private void step() {
    pending = null;
    while (!cancelled && next < messages.size()) {
      Timed t = messages.get(next);
      long due = control.settings().scaledNanos(t.offsetNanos());
      long elapsed = System.nanoTime() - startNanos;
      if (due > elapsed) {
        pending = control.schedule(this::step, due - elapsed);
        return;
      }
      next++;
      if (due > 0) {
        control.paced(elapsed - due); // how late against its own clock (the pacing metric)
      }
      control.send(t.message());
    }
    if (!cancelled && onDone != null) {
      onDone.run();
    }
  }
}
