package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.CloseState;
import dev.geminilive.mock.session.LiveSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's limits on one Live connection ({@link ServerLimits}): a place among
 * {@code maxSessions} (past it, the handshake completes and the session closes with 1013), the
 * setup timeout, the idle timeout and the outbound backlog. Each ends the session with a close
 * whose reason names the limit, and a {@code limit} note in the journal.
 */
final class ConnectionLimitsHandler extends ChannelInboundHandlerAdapter {
  private final LiveSession session;
  private final SessionJournal journal;
  private final ServerLimits limits;
  private final CloseState closing;
  private final SessionGate gate;
  /** True while this connection holds a place in the gate; given back once, when it ends. */
  private boolean admitted;

  ConnectionLimitsHandler(LiveSession session, SessionJournal journal, ServerLimits limits, SessionGate gate) {
    this.session = session;
    this.journal = journal;
    this.limits = limits;
    this.closing = session.closeState();
    this.gate = gate;
  }

  /** Installed before the handshake: the place is taken and the backlog bounded from the start. */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    admitted = gate.tryEnter();
    // A client that stops reading makes the channel unwritable past this mark (see below).
    int backlog = limits.maxBacklogBytes();
    ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(backlog / 2, backlog));
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
    if (event == LiveHandshakeComplete.INSTANCE) {
      onHandshakeComplete(ctx.channel());
    }
    super.userEventTriggered(ctx, event);
  }

  /** A full server still completes the handshake, so that the client reads a close code and reason. */
  private void onHandshakeComplete(Channel channel) {
    if (!admitted) {
      journal.event("limit", "max sessions reached: " + gate.max());
      session.close(ServerLimits.TRY_AGAIN_LATER, ServerLimits.tooManySessions(gate.max()));
      return;
    }
    long ms = limits.setupTimeoutMillis();
    ScheduledFuture<?> setupTimer = channel.eventLoop().schedule(() -> {
      if (session.state() == LiveSession.State.AWAITING_SETUP) {
        journal.event("limit", "setup timeout");
        session.close(ServerLimits.POLICY_VIOLATION, ServerLimits.setupTimeout(ms));
      }
    }, ms, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> setupTimer.cancel(false));
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

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (admitted) {
      admitted = false;
      gate.leave();
    }
    super.channelInactive(ctx);
  }
}
