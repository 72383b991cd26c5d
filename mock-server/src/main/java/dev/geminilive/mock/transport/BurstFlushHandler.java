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
 */
final class BurstFlushHandler extends ChannelDuplexHandler {
  private boolean reading;
  private boolean pending;
  /** Given to the timer when a batch's flush is deferred; made once, not per flush. */
  private Runnable flushAtBatchEnd;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    flushAtBatchEnd = () -> flushPending(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    endRead(ctx);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (pending) {
      return; // a flush is already due when the read or the timer batch ends
    }
    if (reading || LoopTimer.flushAtBatchEnd(ctx.channel().eventLoop(), flushAtBatchEnd)) {
      pending = true;
    } else {
      ctx.flush();
    }
  }

  /** A read ends (completed, or cut short by a close or an error): what it wrote goes out. */
  private void endRead(ChannelHandlerContext ctx) {
    reading = false;
    flushPending(ctx);
  }

  private void flushPending(ChannelHandlerContext ctx) {
    if (pending) {
      pending = false;
      ctx.flush();
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    endRead(ctx);
    ctx.close(promise);
  }

  @Override
  public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
    endRead(ctx);
    ctx.disconnect(promise);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    endRead(ctx);
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
