package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.ClientMessageDecoder.Decoded;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.session.LiveSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a Live connection: hands each decoded client message to its
 * {@link LiveSession}, and when the connection ends tells the session (if nobody closed it) and
 * the journal, and logs one line for the session. An error on the connection closes this
 * connection only.
 */
final class LiveSessionHandler extends SimpleChannelInboundHandler<Decoded> {
  private static final Logger LOG = LoggerFactory.getLogger("gemini-live-mock");

  private final LiveSession session;
  private final SessionJournal journal;
  private final Journal journals;

  LiveSessionHandler(LiveSession session, SessionJournal journal, Journal journals) {
    super(Decoded.class);
    this.session = session;
    this.journal = journal;
    this.journals = journals;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Decoded decoded) {
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

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session.closeState().isOpen()) {
      session.onClientClosed(1006, "connection lost without a close frame");
    }
    journals.closed(journal);
    // One line per session: what was asked, what was played, how it ended.
    String scenario = journal.attribute("scenario");
    if (scenario == null) {
      String prefix = journal.attribute("prefix");
      scenario = prefix == null || prefix.isEmpty() ? "(default persona)" : "(default persona, prefix " + prefix + ")";
    }
    long turns = journal.keptTurnsCompleted();
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
    String what = FrameErrors.transportError(cause);
    LOG.warn("session {}: {}", journal.sessionId(), what);
    LOG.debug("session {}: transport error", journal.sessionId(), cause);
    journal.event("transport-error", what);
    ctx.close();
  }
}
