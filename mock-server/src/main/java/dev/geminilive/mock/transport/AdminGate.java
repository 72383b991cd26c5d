package dev.geminilive.mock.transport;

import dev.geminilive.mock.security.AdminGuard;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Sits between the HTTP decoder and the aggregator: every request head passes the
 * {@link AdminGuard} before its body is read, so a refused admin call never costs the body's
 * buffer and never reaches the router. Also answers requests the decoder could not read
 * (oversized request line or headers), which would otherwise reach the router as a placeholder.
 * After a Live upgrade passes, it leaves the pipeline.
 */
final class AdminGate extends ChannelInboundHandlerAdapter {
  /** The same body for a missing and a wrong token: a caller learns nothing from it. */
  private static final byte[] UNAUTHORIZED = json(401, "UNAUTHENTICATED", "Unauthorized.");

  private final AdminGuard guard;
  private final boolean overTls;
  /** A refused request's body up to this size is read and dropped before the connection closes. */
  private static final long MAX_DISCARD_BYTES = 64 * 1024;

  /** True while the body of a refused request is still arriving (it is dropped). */
  private boolean discarding;
  /** True when the connection closes once the refused request's body has been dropped. */
  private boolean closeAfterDiscard;
  /** True while a Live upgrade request passes; once it has, WebSocket frames follow. */
  private boolean upgrading;

  AdminGate(AdminGuard guard, boolean overTls) {
    this.guard = guard;
    this.overTls = overTls;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      discarding = false;
      closeAfterDiscard = false;
      upgrading = false;
      if (request.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        refuseUnreadable(ctx, request.decoderResult());
        return;
      }
      AdminGuard.Verdict verdict = guard.check(head(ctx, request));
      if (verdict == AdminGuard.Verdict.NOT_ADMIN) {
        upgrading = request.headers().contains(HttpHeaderNames.UPGRADE);
        if (!upgrading && guard.isAdminCredential(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
          request.headers().remove(HttpHeaderNames.AUTHORIZATION);
        }
        passOn(ctx, msg);
        return;
      }
      if (verdict == AdminGuard.Verdict.ALLOW) {
        // Checked: nothing downstream (WireMock's admin, logs) needs or keeps the credential.
        request.headers().remove(HttpHeaderNames.AUTHORIZATION);
        passOn(ctx, msg);
        return;
      }
      boolean complete = msg instanceof LastHttpContent;
      boolean keepAlive = complete && HttpUtil.isKeepAlive(request);
      // A small body still on its way is read and dropped before closing: closing with unread
      // bytes makes the kernel send a reset, which can destroy the answer before the client reads it.
      // A large or unbounded one is not worth the wait.
      long length = HttpUtil.getContentLength(request, -1L);
      discarding = !complete;
      closeAfterDiscard = discarding && length >= 0 && length <= MAX_DISCARD_BYTES;
      ReferenceCountUtil.release(msg);
      refuse(ctx, verdict, keepAlive, !closeAfterDiscard);
      return;
    }
    if (discarding && msg instanceof HttpContent) {
      ReferenceCountUtil.release(msg);
      if (msg instanceof LastHttpContent) {
        discarding = false;
        if (closeAfterDiscard) {
          ctx.close();
        }
      }
      return;
    }
    passOn(ctx, msg);
  }

  private void passOn(ChannelHandlerContext ctx, Object msg) {
    boolean last = msg instanceof LastHttpContent;
    ctx.fireChannelRead(msg);
    // The router replaces itself when the upgrade succeeds: no HTTP request follows on this channel.
    if (upgrading && last && ctx.pipeline().context(this) != null && ctx.pipeline().get(HttpRouter.class) == null) {
      upgrading = false;
      ctx.pipeline().remove(this);
    }
  }

  private AdminGuard.Request head(ChannelHandlerContext ctx, HttpRequest request) {
    var headers = request.headers();
    SocketAddress remote = ctx.channel().remoteAddress();
    return new AdminGuard.Request(request.method().name(), request.uri(),
        headers.getAll(HttpHeaderNames.AUTHORIZATION), headers.get(HttpHeaderNames.ORIGIN),
        headers.get(HttpHeaderNames.HOST), headers.get("Sec-Fetch-Site"), headers.get("Sec-Fetch-Mode"),
        remote instanceof InetSocketAddress inet ? inet.getAddress() : null, overTls);
  }

  private static void refuse(ChannelHandlerContext ctx, AdminGuard.Verdict verdict, boolean keepAlive,
      boolean closeNow) {
    FullHttpResponse response = switch (verdict) {
      case UNAUTHORIZED -> {
        FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, UNAUTHORIZED);
        // Bearer for tools; Basic so that a browser opening the dashboard asks for the token.
        r.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"gemini-live-mock admin\"");
        r.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gemini-live-mock admin\", charset=\"UTF-8\"");
        yield r;
      }
      case DISABLED -> response(HttpResponseStatus.NOT_FOUND,
          json(404, "NOT_FOUND", "The admin API is turned off (--no-admin)."));
      case TLS_REQUIRED -> response(HttpResponseStatus.FORBIDDEN,
          json(403, "PERMISSION_DENIED", "The admin API answers over TLS only (--admin-require-tls)."));
      case LOOPBACK_ONLY -> response(HttpResponseStatus.FORBIDDEN, json(403, "PERMISSION_DENIED",
          "The admin API answers clients on this machine only, because no admin token is set."
              + " Start the mock with " + dev.geminilive.mock.security.AdminSecurity.TOKEN_ENV
              + " (or --admin-token) and send it as 'Authorization: Bearer <token>'."));
      case CROSS_ORIGIN -> response(HttpResponseStatus.FORBIDDEN,
          json(403, "PERMISSION_DENIED", "Admin requests from a page of another origin are refused."));
      default -> throw new IllegalStateException("not a refusal: " + verdict);
    };
    send(ctx, response, keepAlive, closeNow);
  }

  /** 414 for an oversized request line, 431 for oversized headers, 400 for anything else unreadable. */
  private static void refuseUnreadable(ChannelHandlerContext ctx, DecoderResult result) {
    Throwable cause = result.cause();
    FullHttpResponse response;
    if (cause instanceof TooLongHttpLineException) {
      response = response(HttpResponseStatus.REQUEST_URI_TOO_LONG,
          json(414, "INVALID_ARGUMENT", "The request line is too long."));
    } else if (cause instanceof TooLongHttpHeaderException) {
      response = response(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          json(431, "INVALID_ARGUMENT", "The request headers are too large."));
    } else {
      response = response(HttpResponseStatus.BAD_REQUEST,
          json(400, "INVALID_ARGUMENT", "The request is not valid HTTP/1.1."));
    }
    // The decoder discards everything after a bad message: this connection is done.
    send(ctx, response, false, true);
  }

  private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
    HttpUtil.setContentLength(response, body.length);
    return response;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive,
      boolean closeNow) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var future = ctx.writeAndFlush(response);
    if (!keepAlive && closeNow) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static byte[] json(int code, String status, String message) {
    return ("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
