package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.LiveSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * The handlers of a Live connection, built in one place. Netty's handshaker puts its frame
 * decoder and encoder in front of them; after that, a frame from the client passes, in order:
 * <pre>
 * ws-aggregator     joins a fragmented message, up to maxFrameBytes
 * live-control      close handshake, ping/pong; drops data that arrives after our close
 * live-limits       admission, setup and idle timeouts, outbound backlog
 * live-frame-check  UTF-8 and the frame errors the decoder and aggregator report
 * live-decoder      JSON into a client message of the connection's API surface
 * live-session      hands the message to the LiveSession; the connection's end
 * </pre>
 * A {@link NetworkConditionsHandler}, when a session asks for a bad network, sits between the
 * aggregator and live-control.
 * Each of them ends the session through {@link LiveSession}, whose close state says how it ended.
 */
final class LivePipeline {
  private LivePipeline() {}

  /** Replaces the router ({@code router}'s handler) with the Live handlers. */
  static void install(ChannelHandlerContext router, LiveSession session, SessionJournal journal, ServerContext server) {
    ServerConfig config = server.config();
    ChannelPipeline p = router.pipeline();
    p.replace(router.handler(), "ws-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
    p.addLast("live-control", new ControlFrameHandler(session, journal));
    p.addLast("live-limits", new ConnectionLimitsHandler(session, journal, config.limits(), server.gate()));
    p.addLast("live-frame-check", new FrameCheckHandler(session, config.maxFrameBytes()));
    p.addLast("live-decoder", new ClientFrameDecoder(session));
    p.addLast("live-session", new LiveSessionHandler(session, journal, server.journal()));
    // Outbound shaping (a bad network) goes in front of live-control, and only when a session asks
    // for it: the session's frames, pongs and close echoes all pass it on their way out.
    NetworkLink.attach(p.channel(), journal, server.networks());
  }
}
