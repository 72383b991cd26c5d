package dev.geminilive.mock.transport;

import dev.geminilive.mock.admin.AdminApi;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each whole HTTP request goes: {@code /__admin/} to the admin API, a Live WebSocket upgrade
 * to the {@link LiveTunnel} when recording or else to {@link LiveUpgrade}, anything else to the
 * REST companion or a JSON 404 in the style of Google's APIs. A Live upgrade replaces this handler
 * with the Live pipeline; {@link AdminGate} watches for that.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger("gemini-live-mock");
  private final ServerContext server;

  HttpRouter(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
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
          GoogleErrors.body(404, "NOT_FOUND", "No Live endpoint or stub at " + path + "."));
      return;
    }
    if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
          GoogleErrors.body(400, "FAILED_PRECONDITION",
              "This is a Live API WebSocket endpoint; connect with a WebSocket upgrade."));
      return;
    }
    if (server.tunnel() != null) {
      server.tunnel().open(ctx, request, endpoint.get(), server.config());
      return;
    }
    LiveUpgrade.start(ctx, request, uri, endpoint.get(), server);
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

  private static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, byte[] body) {
    FullHttpResponse response = GoogleErrors.response(status, body, false);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    var future = ctx.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
