package dev.geminilive.mock.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * One flush per burst of frames: a reply is written frame by frame, and a flush per frame costs a
 * system call each (once the largest gap to a bare Netty server). Frames written while this
 * connection is being read are flushed when the read completes; frames written by the loop's
 * timer (paced audio) when the timer's batch ends, not later: Netty's own consolidation defers
 * those to a task that runs only after the loop has read every ready connection, which at a
 * thousand sessions held paced audio back by whole read batches. Anything else flushes at once.
 *
 * <p>After each read completes the loop's timer gets its due sends out ({@link LoopTimer#runDue}),
 * for the same reason: a batch of reads from many connections must not hold paced audio back.
 */
final class BurstFlushHandler extends ChannelDuplexHandler {
  private boolean reading;
  private boolean pending;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    flushPending(ctx);
    ctx.fireChannelReadComplete();
    LoopTimer.runDue();
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (reading) {
      pending = true;
    } else if (!pending && LoopTimer.flushAtBatchEnd(ctx.channel().eventLoop(), () -> flushPending(ctx))) {
      pending = true;
    } else if (!pending) {
      ctx.flush();
    }
  }

  private void flushPending(ChannelHandlerContext ctx) {
    if (pending) {
      pending = false;
      ctx.flush();
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    reading = false;
    flushPending(ctx);
    ctx.close(promise);
  }

  @Override
  public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
    reading = false;
    flushPending(ctx);
    ctx.disconnect(promise);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    reading = false;
    flushPending(ctx);
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable()) {
      flushPending(ctx); // let the backlog drain rather than sit unflushed
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    flushPending(ctx);
  }
}
