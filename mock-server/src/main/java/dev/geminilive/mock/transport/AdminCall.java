package dev.geminilive.mock.transport;

import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * An admin request: answered on the admin API's own threads, never on the event loop (a listing
 * of a thousand sessions or a 15-minute timeline takes real time), and written back to the
 * channel from there. A streaming route (server-sent events) keeps the connection open.
 */
final class AdminCall {
  /** The dashboard's page may load only what the mock itself serves. */
  private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
      + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private AdminCall() {}

  static void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, String rawPath, AdminApi admin) {
    String method = request.method().name();
    // Only the dashboard reads query parameters (a window of a timeline); other routes never saw one.
    int q = request.uri().indexOf('?');
    String path = q >= 0 && rawPath.startsWith(AdminApi.PREFIX + "ui/") ? rawPath + request.uri().substring(q) : rawPath;
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Channel channel = ctx.channel();
    try {
      admin.executor().execute(() -> {
        Optional<AdminStream> stream = admin.stream(method, path);
        if (stream.isPresent()) {
          stream(channel, stream.get());
          return;
        }
        AdminApi.Response r;
        try {
          r = admin.handle(method, path, body);
        } catch (RuntimeException e) {
          r = AdminApi.error(500, "The admin API failed: " + e);
        }
        respond(channel, keepAlive, r);
      });
    } catch (RejectedExecutionException e) {
      respond(channel, false, AdminApi.error(503, "The server is shutting down."));
    }
  }

  private static void respond(Channel channel, boolean keepAlive, AdminApi.Response r) {
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
    headers(response.headers(), r.contentType());
    HttpUtil.setContentLength(response, r.body().length);
    HttpUtil.setKeepAlive(response, keepAlive);
    var future = channel.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static void headers(HttpHeaders h, String contentType) {
    h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    h.set("X-Content-Type-Options", "nosniff");
    h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    if (contentType.startsWith("text/html")) {
      h.set("Content-Security-Policy", PAGE_POLICY);
      h.set("Referrer-Policy", "no-referrer");
    }
  }

  /**
   * Server-sent events: headers now, then each chunk the source produces. A chunk is written only
   * while the channel is writable, so a slow page cannot make the server buffer without bound; the
   * source is told and resends the full state later.
   */
  private static void stream(Channel channel, AdminStream source) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    headers(response.headers(), AdminStream.EVENT_STREAM);
    response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    channel.writeAndFlush(response);
    Runnable stop = source.subscribe(chunk -> {
      if (!channel.isActive() || !channel.isWritable()) {
        return false;
      }
      channel.writeAndFlush(new DefaultHttpContent(
          Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.UTF_8))));
      return true;
    });
    channel.closeFuture().addListener(f -> stop.run());
  }
}
