package dev.geminilive.mock.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that opens a connection and never finishes its first request (slowloris) holds a
 * socket and a buffer: after {@link ServerLimits#handshakeTimeoutMillis()} it gets a 408 and the
 * connection is closed. The first whole request disarms it and the handler leaves the pipeline;
 * later keep-alive requests fall under the idle timeout.
 */
final class HandshakeTimeout extends ChannelInboundHandlerAdapter {
  private final long millis;
  private ScheduledFuture<?> timer;

  HandshakeTimeout(ServerLimits limits) {
    this.millis = limits.handshakeTimeoutMillis();
  }

  /** Armed when the connection's pipeline is built, so the clock starts at the connect. */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    var channel = ctx.channel();
    ScheduledFuture<?> armed = channel.eventLoop().schedule(() -> {
      if (channel.isActive()) {
        FullHttpResponse response = GoogleErrors.response(HttpResponseStatus.REQUEST_TIMEOUT,
            GoogleErrors.body(408, "DEADLINE_EXCEEDED", "Handshake timeout: no complete HTTP request"
                + " within " + millis + " ms of connecting (--handshake-timeout-ms)."), true);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }, millis, TimeUnit.MILLISECONDS);
    timer = armed;
    channel.closeFuture().addListener(f -> armed.cancel(false));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest && timer != null) {
      timer.cancel(false);
      timer = null;
      ctx.fireChannelRead(msg);
      if (ctx.pipeline().context(this) != null) {
        ctx.pipeline().remove(this); // its one job is done
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
