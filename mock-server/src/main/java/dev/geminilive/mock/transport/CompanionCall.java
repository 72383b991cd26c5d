package dev.geminilive.mock.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one plain HTTP request to the {@link HttpCompanion} on its worker threads and writes the
 * reply back. The connection reads nothing more until the reply is written, so replies on a
 * keep-alive connection stay in request order.
 */
final class CompanionCall {
  private static final Logger LOG = LoggerFactory.getLogger("gemini-live-mock");

  private CompanionCall() {}

  static void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, ServerContext server) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : request.headers()) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    HttpCompanion.Call call = new HttpCompanion.Call(
        request.method().name(), request.uri(), headers, ByteBufUtil.getBytes(request.content()),
        server.config().tls() == null ? "http" : "https",
        request.headers().get(HttpHeaderNames.HOST, "localhost"));
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    ctx.channel().config().setAutoRead(false);
    try {
      server.companionExecutor().execute(() -> {
        HttpCompanion.Reply reply;
        try {
          reply = server.companion().serve(call);
        } catch (Exception e) {
          // Exception, not RuntimeException: WireMock throws checked ones unchecked (a stub's
          // missing body file is a FileNotFoundException); uncaught, it would kill this worker
          // and leave the connection waiting forever.
          LOG.warn("{} {} failed: {}", call.method(), Redaction.uri(call.uri()), e.toString(), e);
          reply = new HttpCompanion.Reply(500, Map.of("Content-Type", List.of("application/json")),
              GoogleErrors.body(500, "INTERNAL", "The mock failed to answer: " + e));
        }
        write(ctx, reply, keepAlive);
      });
    } catch (RejectedExecutionException e) { // the server is stopping
      ctx.close();
    }
  }

  private static void write(ChannelHandlerContext ctx, HttpCompanion.Reply reply, boolean keepAlive) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    for (Map.Entry<String, List<String>> h : reply.headers().entrySet()) {
      String name = h.getKey();
      // Framing is ours to decide: the body is whole.
      if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
          || name.equalsIgnoreCase("Connection")) {
        continue;
      }
      response.headers().add(name, h.getValue());
    }
    HttpUtil.setContentLength(response, reply.body().length);
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) done -> {
      if (!keepAlive || !done.isSuccess()) {
        done.channel().close();
      } else {
        done.channel().config().setAutoRead(true);
        done.channel().read();
      }
    });
  }
}
