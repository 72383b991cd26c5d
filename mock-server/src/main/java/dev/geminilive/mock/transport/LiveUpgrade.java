package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.ConnectionInfo;
import dev.geminilive.mock.session.LiveSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * Turns one Live upgrade request into a session: checks the credential (a refusal is an HTTP
 * error, never a WebSocket), opens the session's journal, builds the {@link LiveSession} over a
 * {@link NettySessionTransport}, puts the {@link LivePipeline} in the router's place and answers
 * the handshake. What happens once the handshake is done (admission, setup timeout) belongs to
 * {@link ConnectionLimitsHandler}, told by a {@link LiveHandshakeComplete} event.
 */
final class LiveUpgrade {
  private LiveUpgrade() {}

  /** @param router the router's context: the Live pipeline replaces it */
  static void start(ChannelHandlerContext router, FullHttpRequest request, QueryStringDecoder uri,
      LiveEndpoint endpoint, ServerContext server) {
    ServerConfig config = server.config();
    WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(config.maxFrameBytes())
        // No extension is negotiated (no permessage-deflate), so RSV bits are a protocol error.
        .allowExtensions(false)
        // FrameCheckHandler sends the close, so that its reason names the limit that was broken.
        .closeOnProtocolViolation(false)
        .build();
    String scheme = config.tls() == null ? "ws" : "wss";
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            scheme + "://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + uri.rawPath(),
            null, decoderConfig)
        .newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(router.channel());
      return;
    }
    Credential credential = Credential.find(endpoint, uri, request.headers());
    SessionJournal journal = server.journal().open(Redaction.uri(request.uri()));
    journal.attribute("flavour", endpoint.flavour().name());
    journal.attribute("apiVersion", endpoint.apiVersion());
    journal.attribute("credential", credential.kind() + (credential.placement() == null ? "" : "@" + credential.placement()));
    journal.attribute("prefix", endpoint.prefix());
    journal.attribute("userAgent", request.headers().get(HttpHeaderNames.USER_AGENT));
    ConnectionInfo info = new ConnectionInfo(
        journal.sessionId(), endpoint.flavour(), endpoint.apiVersion(), endpoint.constrained(),
        endpoint.prefix(), credential.kind(), credential.placement(), credential.value());
    CredentialPolicy.Refusal refusal = server.credentials().check(credential);
    if (refusal != null) {
      // Refused at the upgrade: no WebSocket, an HTTP error (what a browser reports as 1006).
      journal.event("auth", "credential refused: " + credential.kind() + "; upgrade answered HTTP "
          + refusal.httpStatus() + " " + refusal.status());
      journal.ended(1006, "upgrade refused: HTTP " + refusal.httpStatus() + " " + refusal.reason());
      router.writeAndFlush(GoogleErrors.response(HttpResponseStatus.valueOf(refusal.httpStatus()),
              GoogleErrors.body(refusal.httpStatus(), refusal.status(), refusal.reason()), false))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    NettySessionTransport transport =
        new NettySessionTransport(router.channel(), config.binaryFrames(), config.closeTimeoutMillis(),
            server.pacing());
    LiveSession session = new LiveSession(info, transport, journal, server.profiles(),
        config.session(), server.responders(), server.resumptions());
    LivePipeline.install(router, session, journal, server);
    Channel channel = router.channel();
    handshaker.handshake(channel, request).addListener(done -> {
      if (!done.isSuccess()) {
        router.close();
      } else {
        channel.pipeline().fireUserEventTriggered(LiveHandshakeComplete.INSTANCE);
      }
    });
  }
}
