package dev.geminilive.mock.transport;

import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.session.LiveSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Refuses what cannot be a Live message before anyone parses it: a message that is not UTF-8
 * ({@link Utf8Check}, for text frames as RFC 6455 §8.1 requires and for binary ones, whose JSON
 * must be UTF-8 too), and the frames Netty's decoder and aggregator report as too big or broken.
 * The session closes with a reason in the mock's words; other connections are not affected.
 */
final class FrameCheckHandler extends ChannelInboundHandlerAdapter {
  private final LiveSession session;
  private final int maxFrameBytes;

  FrameCheckHandler(LiveSession session, int maxFrameBytes) {
    this.session = session;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof WebSocketFrame frame && !Utf8Check.valid(frame.content())) {
      try {
        ByteBuf content = frame.content();
        session.onViolation(new ProtocolViolation(ProtocolViolation.INVALID_PAYLOAD, frame instanceof TextWebSocketFrame
                ? "WebSocket protocol error: the text frame is not valid UTF-8 (RFC 6455 section 8.1)."
                : "Invalid JSON payload received. The message is not valid UTF-8."),
            FramePreview.of(content, content.readerIndex()));
      } finally {
        frame.release();
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      // A fragmented message grew past the limit in the aggregator.
      session.onViolation(
          new ProtocolViolation(ServerLimits.MESSAGE_TOO_BIG, ServerLimits.tooBig(maxFrameBytes)),
          "(oversized message)");
    } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      // Netty's decoder refused the frame and now discards the rest of the input; we close.
      int code = corrupted.closeStatus() == null ? 1002 : corrupted.closeStatus().code();
      String reason = code == ServerLimits.MESSAGE_TOO_BIG
          ? ServerLimits.tooBig(maxFrameBytes)
          : FrameErrors.reason(corrupted.getMessage());
      // The decoder now drains and drops input, so the client's answering close is never seen:
      // the transport's close timeout ends the connection.
      session.onViolation(new ProtocolViolation(code, reason), "(corrupted frame)");
      if (!session.closeState().closeSent()) {
        ctx.close(); // the session was already closed; nothing to say
      }
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }
}
