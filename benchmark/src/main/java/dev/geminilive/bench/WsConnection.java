package dev.geminilive.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One lean WebSocket client connection of the load generator. Runs on the generator's event loop;
 * server frames are recognised by byte searches, never parsed, so the generator stays cheap.
 */
final class WsConnection extends SimpleChannelInboundHandler<Object> {
  /** What a workload does with a connection. All calls happen on the event loop. */
  interface Listener {
    void onOpen(WsConnection c);

    void onMessage(WsConnection c, ByteBuf frame);

    void onClosed(WsConnection c, int code);
  }

  static final ByteBuf SETUP_COMPLETE = ascii("\"setupComplete\"");
  static final ByteBuf TURN_COMPLETE = ascii("\"turnComplete\":true");
  static final ByteBuf INLINE_DATA = ascii("\"inlineData\"");
  static final ByteBuf MODEL_TURN = ascii("\"modelTurn\"");

  private final WebSocketClientHandshaker handshaker;
  final Listener listener;
  final int index;
  Channel channel;
  private boolean closed;
  /** The reason of the server's close frame, once one came. */
  String closeReason;
  /** Free for the workload. */
  Object state;

  WsConnection(URI uri, Listener listener, int index) {
    this.handshaker = WebSocketClientHandshakerFactory.newHandshaker(
        uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 4 * 1024 * 1024);
    this.listener = listener;
    this.index = index;
  }

  static ByteBuf ascii(String s) {
    return Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
  }

  static boolean contains(ByteBuf haystack, ByteBuf needle) {
    return ByteBufUtil.indexOf(needle.duplicate(), haystack) >= 0;
  }

  void sendText(ByteBuf preEncoded) {
    channel.writeAndFlush(new TextWebSocketFrame(preEncoded.retainedDuplicate()));
  }

  void sendClose() {
    channel.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"));
  }

  boolean isOpen() {
    return !closed && channel != null && channel.isActive();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    handshaker.handshake(channel);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (!handshaker.isHandshakeComplete()) {
      handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
      listener.onOpen(this);
      return;
    }
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      listener.onMessage(this, ((WebSocketFrame) msg).content());
    } else if (msg instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
    } else if (msg instanceof CloseWebSocketFrame close) {
      closeReason = close.reasonText();
      end(close.statusCode());
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    end(1006);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void end(int code) {
    if (!closed) {
      closed = true;
      listener.onClosed(this, code);
    }
  }
}
