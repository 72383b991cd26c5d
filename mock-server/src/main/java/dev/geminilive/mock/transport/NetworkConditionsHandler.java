package dev.geminilive.mock.transport;

import dev.geminilive.mock.network.DeliveryPlan;
import dev.geminilive.mock.network.NetworkConditions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delays, throttles, bunches and stalls the server frames of one Live connection, as a bad
 * network would (see {@link DeliveryPlan} for the arithmetic). Installed only when a session asks
 * for misbehaviour, so a perfect network costs nothing; removes itself once its conditions are
 * cleared and nothing is held.
 *
 * <p>Frames are held in a {@link PendingWriteQueue}, which counts them towards the channel's
 * writability, so a cap below the reply's rate ends in the backlog limit instead of unbounded
 * memory. Order is kept (each frame is due no earlier than the one before it); a close asked
 * while frames are held waits for them, as a FIN follows the data; a reset ({@code drop}) does
 * not wait; held frames are released when the connection ends.
 */
final class NetworkConditionsHandler extends ChannelDuplexHandler {
  /** How Jackson writes an audio part's MIME type (no spaces), as a byte pattern. */
  private static final ByteBuf AUDIO_MIME =
      Unpooled.unreleasableBuffer(Unpooled.copiedBuffer("\"mimeType\":\"audio/", StandardCharsets.US_ASCII));

  private DeliveryPlan plan;
  private NetworkConditions pendingConditions;
  private ChannelHandlerContext ctx;
  private PendingWriteQueue queue;
  private final ArrayDeque<Long> dues = new ArrayDeque<>();
  private ScheduledFuture<?> release;
  private long releaseAt;
  private ChannelPromise deferredClose;

  NetworkConditionsHandler(NetworkConditions conditions) {
    this.pendingConditions = conditions;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.queue = new PendingWriteQueue(ctx);
    this.plan = new DeliveryPlan(pendingConditions, now());
    pendingConditions = null;
  }

  /** New conditions from now on; call on the event loop. */
  void update(NetworkConditions conditions) {
    plan = plan.next(conditions, now());
    // A timed stall covers frames already held as well.
    long floor = Long.MIN_VALUE;
    ArrayDeque<Long> adjusted = new ArrayDeque<>(dues.size());
    for (long due : dues) {
      floor = Math.max(floor, plan.adjust(due));
      adjusted.add(floor);
    }
    dues.clear();
    dues.addAll(adjusted);
    reschedule();
    removeIfIdle();
  }

  /** Nothing more is delivered for {@code ms}, held frames included; call on the event loop. */
  void stallNow(long ms) {
    long end = plan.stallNow(now(), ms);
    ArrayDeque<Long> adjusted = new ArrayDeque<>(dues.size());
    for (long due : dues) {
      adjusted.add(Math.max(due, end));
    }
    dues.clear();
    dues.addAll(adjusted);
    reschedule();
  }

  NetworkConditions conditions() {
    return plan == null ? pendingConditions : plan.conditions();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof WebSocketFrame frame)) {
      // The handshake's HTTP response, before any frame: nothing to shape.
      if (queue.isEmpty()) {
        ctx.write(msg, promise);
      } else {
        queue.add(msg, promise);
        dues.add(dues.peekLast());
      }
      return;
    }
    long now = now();
    boolean audio = plan.countsAudio() && carriesAudio(frame);
    long due = plan.plan(now, wireBytes(frame), audio);
    queue.add(msg, promise);
    dues.add(due);
    reschedule();
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    boolean reset = Integer.valueOf(0).equals(ctx.channel().config().getOption(ChannelOption.SO_LINGER));
    if (queue.isEmpty() || reset) {
      // A reset loses what is in flight, as a dropped network does.
      discard();
      ctx.close(promise);
    } else if (deferredClose == null) {
      deferredClose = promise;
    } else {
      // A second close (the close timeout, an idle timer) waits for the same moment.
      ChannelPromise first = deferredClose;
      first.addListener(f -> promise.trySuccess());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    discard();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discard();
  }

  private void discard() {
    cancelRelease();
    dues.clear();
    if (queue != null && !queue.isEmpty()) {
      queue.removeAndFailAll(new ClosedChannelException());
    }
    if (deferredClose != null) {
      ChannelPromise close = deferredClose;
      deferredClose = null;
      ctx.close(close);
    }
  }

  private void reschedule() {
    if (queue.isEmpty()) {
      return;
    }
    long at = nextRelease(now());
    if (release != null && releaseAt <= at) {
      return;
    }
    cancelRelease();
    releaseAt = at;
    long delay = at - now();
    if (delay <= 0) {
      releaseDue();
      return;
    }
    release = ctx.executor().schedule(this::releaseDue, delay, TimeUnit.NANOSECONDS);
  }

  /** When the next frames may go out: the head's due time, later when a bunch is still filling. */
  private long nextRelease(long now) {
    long head = dues.peekFirst();
    NetworkConditions.Bunch bunch = plan.conditions().bunch();
    if (bunch == null || head > now) {
      return head;
    }
    if (ready(now) >= bunch.frames()) {
      return now;
    }
    // Not enough yet: wait for the frame that completes the bunch, or the oldest's hold to end.
    long holdEnd = head + bunch.maxHoldMs() * 1_000_000L;
    int i = 0;
    for (long due : dues) {
      if (++i == bunch.frames()) {
        return Math.min(Math.max(due, now), holdEnd);
      }
    }
    return holdEnd;
  }

  private int ready(long now) {
    int n = 0;
    for (long due : dues) {
      if (due > now) {
        break;
      }
      n++;
    }
    return n;
  }

  private void releaseDue() {
    release = null;
    if (!ctx.channel().isActive() && deferredClose == null) {
      discard();
      return;
    }
    long now = now();
    if (queue.isEmpty()) {
      return;
    }
    if (nextRelease(now) > now) {
      reschedule();
      return;
    }
    int n = ready(now);
    for (int i = 0; i < n; i++) {
      dues.pollFirst();
      queue.removeAndWrite();
    }
    ctx.flush();
    if (!queue.isEmpty()) {
      reschedule();
    } else if (deferredClose != null) {
      ChannelPromise close = deferredClose;
      deferredClose = null;
      ctx.close(close);
    } else {
      removeIfIdle();
    }
  }

  /** Cleared conditions and nothing held: step out of the pipeline (the perfect-network path). */
  private void removeIfIdle() {
    if (plan.conditions().none() && queue.isEmpty() && deferredClose == null && ctx.pipeline().get(getClass()) == this) {
      ctx.pipeline().remove(this);
    }
  }

  private void cancelRelease() {
    if (release != null) {
      release.cancel(false);
      release = null;
    }
  }

  private long now() {
    return ctx.executor().ticker().nanoTime();
  }

  /** Bytes on the wire: payload plus the server's unmasked WebSocket header (RFC 6455 §5.2). */
  static int wireBytes(WebSocketFrame frame) {
    int payload = frame.content().readableBytes();
    return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
  }

  private static boolean carriesAudio(WebSocketFrame frame) {
    if (!(frame instanceof BinaryWebSocketFrame) && !(frame instanceof TextWebSocketFrame)) {
      return false;
    }
    return ByteBufUtil.indexOf(AUDIO_MIME, frame.content()) >= 0;
  }
}
