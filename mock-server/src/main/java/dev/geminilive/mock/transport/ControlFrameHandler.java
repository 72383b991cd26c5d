package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.session.CloseState;
import dev.geminilive.mock.session.LiveSession;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Control frames, and the close handshake they carry: a client's close is echoed (RFC 6455
 * §5.5.1) or, when it answers ours, ends the connection; pings are answered, pongs dropped. Once
 * our close frame is out, data frames stop here: the session has nothing more to say to them.
 * Only data frames pass on.
 */
final class ControlFrameHandler extends ChannelInboundHandlerAdapter {
  private final LiveSession session;
  private final SessionJournal journal;
  private final CloseState closing;

  ControlFrameHandler(LiveSession session, SessionJournal journal) {
    this.session = session;
    this.journal = journal;
    this.closing = session.closeState();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof CloseWebSocketFrame close) {
      try {
        onClose(ctx, close);
      } finally {
        close.release();
      }
    } else if (msg instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content())); // the pong takes over the buffer
    } else if (msg instanceof PongWebSocketFrame pong) {
      pong.release(); // a keep-alive answer; nothing to do
    } else if (msg instanceof WebSocketFrame data && closing.closeSent()) {
      data.release();
      journal.event("ignored", "frame after the server's close frame");
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void onClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
    int code = close.statusCode() < 0 ? 1005 : close.statusCode();
    if (close.statusCode() >= 0 && !sendableCloseCode(code) && !closing.closeSent()) {
      // Netty lets some codes through that no endpoint may send (e.g. 5000); do not echo them.
      session.onViolation(new ProtocolViolation(1002,
          "WebSocket protocol error: close code " + code + " is not allowed (RFC 6455 section 7.4)."),
          "(close frame)");
      return;
    }
    if (!closing.closeSent()) {
      String reason = close.reasonText();
      session.onClientClosed(code, reason);
      // Echo the close, then end the TCP connection.
      CloseWebSocketFrame echo =
          close.statusCode() < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
      ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close(); // the client answered our close: the handshake is complete
    }
  }

  private static boolean sendableCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  }
}
