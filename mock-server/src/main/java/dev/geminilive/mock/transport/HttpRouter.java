package dev.geminilive.mock.transport;

import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.ConnectionInfo;
import dev.geminilive.mock.session.LiveSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First stop of every HTTP request: Live upgrades become sessions, {@code /__admin/} goes to the
 * admin API, anything else is a JSON 404 in the style of Google's APIs.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger("gemini-live-mock");
  private final ServerContext server;
  private ScheduledFuture<?> handshakeTimeout;

  HttpRouter(ServerContext server) {
    this.server = server;
  }

  /**
   * A client that opens a connection and never finishes its request (slowloris) holds a socket
   * and a buffer; after the handshake timeout it gets a 408 and the connection is closed.
   */
  void armHandshakeTimeout(Channel channel) {
    long ms = server.config().limits().handshakeTimeoutMillis();
    ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
      if (channel.isActive()) {
        byte[] body = googleError(408, "DEADLINE_EXCEEDED", "Handshake timeout: no complete HTTP request"
            + " within " + ms + " ms of connecting (--handshake-timeout-ms).");
        FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, body.length);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }, ms, TimeUnit.MILLISECONDS);
    handshakeTimeout = timer;
    channel.closeFuture().addListener(f -> timer.cancel(false));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (handshakeTimeout != null) {
      // The first request arrived whole; later keep-alive requests fall under the idle timeout.
      handshakeTimeout.cancel(false);
      handshakeTimeout = null;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.rawPath();
    if (path.startsWith(AdminApi.PREFIX) && (server.companion() == null || server.admin().owns(path))) {
      AdminCall.dispatch(ctx, request, path, server.admin());
      return;
    }
    Optional<LiveEndpoint> endpoint = LiveEndpoint.parse(path);
    if (endpoint.isEmpty()) {
      if (server.companion() != null) {
        CompanionCall.dispatch(ctx, request, server);
        return;
      }
      respond(ctx, request, HttpResponseStatus.NOT_FOUND,
          googleError(404, "NOT_FOUND", "No Live endpoint or stub at " + path + "."));
      return;
    }
    if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
          googleError(400, "FAILED_PRECONDITION",
              "This is a Live API WebSocket endpoint; connect with a WebSocket upgrade."));
      return;
    }
    if (server.tunnel() != null) {
      server.tunnel().open(ctx, request, endpoint.get(), server.config());
      return;
    }
    upgrade(ctx, request, uri, endpoint.get());
  }

  private void upgrade(
      ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, LiveEndpoint endpoint) {
    ServerConfig config = server.config();
    WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(config.maxFrameBytes())
        // No extension is negotiated (no permessage-deflate), so RSV bits are a protocol error.
        .allowExtensions(false)
        // Our handler sends the close, so that its reason names the limit that was broken.
        .closeOnProtocolViolation(false)
        .build();
    String scheme = config.tls() == null ? "ws" : "wss";
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            scheme + "://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + uri.rawPath(),
            null, decoderConfig)
        .newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
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
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(refusal.httpStatus()), Unpooled.wrappedBuffer(
              googleError(refusal.httpStatus(), refusal.status(), refusal.reason())));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
      HttpUtil.setContentLength(response, response.content().readableBytes());
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    boolean admitted = server.gate().tryEnter();
    NettySessionTransport transport =
        new NettySessionTransport(ctx.channel(), config.binaryFrames(), config.closeTimeoutMillis(), server.pacing());
    LiveSession session = new LiveSession(info, transport, journal, server.profiles(),
        config.session(), server.responders(), server.resumptions());
    ctx.pipeline().replace(this, "ws-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
    ctx.pipeline().addLast("live-session", new LiveWebSocketHandler(
        session, journal, server.journal(), config, admitted ? server.gate() : null));
    NetworkLink.attach(ctx.channel(), journal, server.networks());
    // A client that stops reading makes the channel unwritable past this mark (see the handler).
    int backlog = config.limits().maxBacklogBytes();
    ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(backlog / 2, backlog));
    Channel channel = ctx.channel();
    handshaker.handshake(channel, request).addListener(done -> {
      if (!done.isSuccess()) {
        ctx.close();
      } else if (!admitted) {
        journal.event("limit", "max sessions reached: " + server.gate().max());
        session.close(ServerLimits.TRY_AGAIN_LATER, ServerLimits.tooManySessions(server.gate().max()));
      } else {
        long ms = config.limits().setupTimeoutMillis();
        ScheduledFuture<?> setupTimer = channel.eventLoop().schedule(() -> {
          if (session.state() == LiveSession.State.AWAITING_SETUP) {
            journal.event("limit", "setup timeout");
            session.close(ServerLimits.POLICY_VIOLATION, ServerLimits.setupTimeout(ms));
          }
        }, ms, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> setupTimer.cancel(false));
      }
    });
  }

  /** Before the upgrade, a failure (typically a TLS handshake the client aborted) ends the connection. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root = cause.getCause() == null ? cause : cause.getCause();
    if (root instanceof javax.net.ssl.SSLException) {
      LOG.info("connection from {} dropped: TLS handshake failed ({}); does the client trust the mock's"
          + " certificate? See export-cert.", ctx.channel().remoteAddress(), root.getMessage());
    } else {
      LOG.info("connection from {} dropped: {}", ctx.channel().remoteAddress(), root.toString());
    }
    ctx.close();
  }

  static byte[] googleError(int code, String status, String message) {
    String json = "{\"error\":{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "\\\"")
        + "\",\"status\":\"" + status + "\"}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
    HttpUtil.setContentLength(response, body.length);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    var future = ctx.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
