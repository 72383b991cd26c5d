package dev.geminilive.mock.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Lets the loop's timer send what has fallen due after each connection's read completes. Netty
 * reads every ready connection before its scheduled tasks run: with a thousand connections
 * streaming 20 frames a second, that batch held paced audio back (the tail of the pacing
 * lateness at 1,000 sessions). Costs a peek and a clock read when nothing is due.
 */
@ChannelHandler.Sharable
final class DueSendsHandler extends ChannelInboundHandlerAdapter {
  /** Stateless: one instance serves every connection. */
  static final DueSendsHandler INSTANCE = new DueSendsHandler();

  private DueSendsHandler() {}

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.fireChannelReadComplete(); // this connection's own handlers (and its flush) first
    LoopTimer.runDue();
  }
}
