package dev.geminilive.mock.transport;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One timer per event loop for every session on it: the timed sends of all sessions (audio
 * chunks paced on their own clock, lifetimes) wait in one queue ordered by due time, and one
 * Netty task, armed for the earliest, runs every task that has fallen due in one batch. A
 * thousand sessions pacing 10 chunks a second then cost one wake-up per batch instead of one
 * scheduled task each. Used only from its loop's thread; a call from elsewhere goes through
 * {@link EventLoop#schedule} as before.
 */
final class LoopTimer {
  private static final FastThreadLocal<LoopTimer> PER_LOOP = new FastThreadLocal<>();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("gemini-live-mock");

  private final EventLoop loop;
  private final PriorityQueue<Task> queue = new PriorityQueue<>(Task.ORDER);
  private long seq;
  private io.netty.util.concurrent.ScheduledFuture<?> armed;
  private long armedFor = Long.MAX_VALUE;
  /** Flushes asked for by the batch now running, done when it ends (one per connection). */
  private final java.util.ArrayList<Runnable> flushes = new java.util.ArrayList<>();
  private boolean inBatch;

  private LoopTimer(EventLoop loop) {
    this.loop = loop;
  }

  /** Runs {@code task} on {@code loop} after {@code delayNanos}. */
  static Future<?> schedule(EventLoop loop, Runnable task, long delayNanos) {
    if (!loop.inEventLoop()) {
      return loop.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
    LoopTimer timer = PER_LOOP.get();
    if (timer == null || timer.loop != loop) {
      timer = new LoopTimer(loop);
      PER_LOOP.set(timer);
    }
    return timer.add(task, System.nanoTime() + Math.max(0, delayNanos));
  }

  /**
   * Runs the tasks of the calling loop's timer that are due now. Called between two client
   * frames: with a thousand connections readable at once, the loop reads all of them before its
   * scheduled tasks get a turn, and paced audio due meanwhile would wait for the whole batch (the
   * tail of the pacing lateness at 1,000 sessions). A peek and a clock read when nothing is due.
   */
  static void runDue() {
    LoopTimer timer = PER_LOOP.getIfExists();
    if (timer != null && !timer.inBatch && timer.loop.inEventLoop()) {
      Task head = timer.queue.peek();
      if (head != null && head.due <= System.nanoTime()) {
        timer.fire();
      }
    }
  }

  /**
   * Defers {@code flush} to the end of the timer batch running on this thread, if one is: the
   * sends of one batch then cost one flush per connection. False when no batch is running.
   */
  static boolean flushAtBatchEnd(EventLoop loop, Runnable flush) {
    LoopTimer timer = PER_LOOP.getIfExists();
    if (timer == null || !timer.inBatch || timer.loop != loop) {
      return false;
    }
    timer.flushes.add(flush);
    return true;
  }

  private Task add(Runnable run, long due) {
    Task t = new Task(this, run, due, seq++);
    queue.add(t);
    if (!inBatch && due < armedFor) { // a running batch arms once, when it ends
      arm(due);
    }
    return t;
  }

  private void arm(long due) {
    if (armed != null) {
      armed.cancel(false);
    }
    armedFor = due;
    armed = loop.schedule(this::fireArmed, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void fireArmed() {
    armed = null;
    armedFor = Long.MAX_VALUE;
    if (!inBatch) { // never inside a running batch (an embedded loop runs tasks inside writes); it re-arms
      fire();
    }
  }

  /** Runs every due task; the armed wake-up, if any, stays (it finds nothing due, or the rest). */
  private void fire() {
    inBatch = true;
    try {
      long now = System.nanoTime();
      Task t;
      while ((t = queue.peek()) != null && t.due <= now) {
        queue.poll();
        if (t.state != Task.WAITING) {
          continue; // cancelled from another thread, removal still on its way
        }
        t.state = Task.RUN;
        try {
          t.run.run();
        } catch (RuntimeException e) {
          // as Netty does for a failed scheduled task: logged, and the other tasks still run
          LOG.warn("a timed task failed", e);
        }
        // Tasks added by the one just run may be due already: pick them up in this batch.
        now = System.nanoTime();
      }
    } finally {
      inBatch = false;
      for (int i = 0; i < flushes.size(); i++) {
        flushes.get(i).run();
      }
      flushes.clear();
    }
    Task next = queue.peek();
    if (next != null && next.due < armedFor) {
      arm(next.due);
    }
  }

  private void cancel(Task t) {
    queue.remove(t); // O(n), but cancels are rare: a barge-in, a closed session
    if (queue.isEmpty() && armed != null) {
      armed.cancel(false);
      armed = null;
      armedFor = Long.MAX_VALUE;
    }
  }

  /** A queued task; its future is only what callers of a timer need (cancel, done). */
  private static final class Task implements Future<Object> {
    static final java.util.Comparator<Task> ORDER =
        java.util.Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq);
    static final int WAITING = 0;
    static final int RUN = 1;
    static final int CANCELLED = 2;
    final LoopTimer timer;
    final Runnable run;
    final long due;
    final long seq;
    volatile int state;

    Task(LoopTimer timer, Runnable run, long due, long seq) {
      this.timer = timer;
      this.run = run;
      this.due = due;
      this.seq = seq;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      if (state != WAITING) {
        return false;
      }
      state = CANCELLED;
      if (timer.loop.inEventLoop()) {
        timer.cancel(this);
      } else {
        timer.loop.execute(() -> timer.cancel(this));
      }
      return true;
    }

    @Override
    public boolean isCancelled() {
      return state == CANCELLED;
    }

    @Override
    public boolean isDone() {
      return state != WAITING;
    }

    @Override
    public Object get() throws ExecutionException {
      throw new UnsupportedOperationException("a timer task cannot be waited for");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws ExecutionException {
      throw new UnsupportedOperationException("a timer task cannot be waited for");
    }
  }
}
