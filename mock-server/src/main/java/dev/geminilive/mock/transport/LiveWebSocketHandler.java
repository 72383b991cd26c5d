package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.protocol.ApiSurface;
import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.session.CloseState;
import dev.geminilive.mock.session.LiveSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a Live connection: control frames, then whole data frames decoded into
 * client messages for the session. A bad frame closes this connection only.
 */
final class LiveWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger LOG = LoggerFactory.getLogger("gemini-live-mock");
  private static final int PREVIEW_BYTES = 200;

  private final LiveSession session;
  private final SessionJournal journal;
  private final Journal journals;
  private final ClientMessageDecoder decoder;
  private final int maxFrameBytes;
  private final ServerLimits limits;
  private SessionGate gate;
  private final CloseState closing;

  /** @param gate the session count to leave when the connection ends; null if never entered */
  LiveWebSocketHandler(
      LiveSession session, SessionJournal journal, Journal journals,
      ServerConfig config, SessionGate gate) {
    this.session = session;
    this.journal = journal;
    this.journals = journals;
    this.closing = session.closeState();
    // Each API surface knows its own fields (Vertex-only and Developer-only ones).
    this.decoder = new ClientMessageDecoder(ApiSurface.of(
        session.connection().flavour() == ApiFlavour.VERTEX, session.connection().apiVersion()));
    this.maxFrameBytes = config.maxFrameBytes();
    this.limits = config.limits();
    this.gate = gate;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame close) {
      onClose(ctx, close);
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof PongWebSocketFrame) {
      // keep-alive answer; nothing to do
    } else {
      onData(frame.content(), frame instanceof TextWebSocketFrame);
    }
  }

  private void onData(ByteBuf content, boolean text) {
    if (closing.closeSent()) {
      journal.event("ignored", "frame after the server's close frame");
      return;
    }
    int start = content.readerIndex();
    if (!Utf8Check.valid(content)) {
      session.onViolation(new ProtocolViolation(ProtocolViolation.INVALID_PAYLOAD, text
              ? "WebSocket protocol error: the text frame is not valid UTF-8 (RFC 6455 section 8.1)."
              : "Invalid JSON payload received. The message is not valid UTF-8."),
          preview(content, start));
      return;
    }
    ClientMessageDecoder.Decoded decoded;
    try {
      decoded = decoder.decode(new ByteBufInputStream(content));
    } catch (ProtocolViolation v) {
      session.onViolation(v, preview(content, start));
      return;
    }
    try {
      session.onMessage(decoded);
    } catch (RuntimeException bug) {
      // A bug in the mock must still end this session with a close frame, as the service's
      // internal errors do, never with a dropped socket.
      // The trace is for the mock's maintainers (debug level); the warning and the journal say
      // what happened without naming classes.
      LOG.warn("session {}: internal error of the mock on {}", journal.sessionId(), decoded.message().kind());
      LOG.debug("session {}: internal error", journal.sessionId(), bug);
      session.onViolation(new ProtocolViolation(1011, "Internal error occurred."),
          "(internal error of the mock on " + decoded.message().kind() + ")");
    }
  }

  /** The start of a refused frame, for the journal; built only when a frame is refused. */
  private static String preview(ByteBuf content, int start) {
    return content.toString(start, Math.min(PREVIEW_BYTES, content.writerIndex() - start), StandardCharsets.UTF_8);
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
    String reason = close.reasonText();
    if (!closing.closeSent()) {
      session.onClientClosed(code, reason);
      // Echo the close (RFC 6455 §5.5.1), then end the TCP connection.
      CloseWebSocketFrame echo =
          close.statusCode() < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
      ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close(); // the client answered our close: the handshake is complete
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (closing.closeSent()) {
        ctx.close(); // our close was not answered either
      } else {
        journal.event("limit", "idle timeout");
        session.close(ServerLimits.POLICY_VIOLATION, ServerLimits.idleTimeout(limits.idleTimeoutMillis()));
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  /**
   * The channel turns unwritable when more than {@link ServerLimits#maxBacklogBytes()} wait for a
   * client that does not read: a slow consumer is closed rather than buffered without bound.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable() && !closing.closeSent() && ctx.channel().isActive()) {
      journal.event("limit", "backlog above " + limits.maxBacklogBytes() + " bytes");
      session.close(ServerLimits.POLICY_VIOLATION, ServerLimits.backlog(limits.maxBacklogBytes()));
    }
    super.channelWritabilityChanged(ctx);
  }

  private static boolean sendableCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (gate != null) {
      gate.leave();
      gate = null;
    }
    if (closing.isOpen()) {
      session.onClientClosed(1006, "connection lost without a close frame");
    }
    journals.closed(journal);
    // One line per session: what was asked, what was played, how it ended.
    String scenario = journal.attribute("scenario");
    if (scenario == null) {
      String prefix = journal.attribute("prefix");
      scenario = prefix == null || prefix.isEmpty() ? "(default persona)" : "(default persona, prefix " + prefix + ")";
    }
    long turns = journal.entries().stream()
        .filter(e -> e.fromServer() && e.kind().contains(".turnComplete")).count();
    LOG.info(
        "session {} ended: model={} family={} scenario={} turns={} close={} {}",
        journal.sessionId(),
        journal.attribute("model"),
        journal.attribute("family"),
        scenario,
        turns,
        journal.closeCode(),
        journal.closeReason() == null ? "" : journal.closeReason());
    super.channelInactive(ctx);
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
      if (!closing.closeSent()) {
        ctx.close(); // the session was already closed; nothing to say
      }
    } else {
      String what = FrameErrors.transportError(cause);
      LOG.warn("session {}: {}", journal.sessionId(), what);
      LOG.debug("session {}: transport error", journal.sessionId(), cause);
      journal.event("transport-error", what);
      ctx.close();
    }
  }
}
