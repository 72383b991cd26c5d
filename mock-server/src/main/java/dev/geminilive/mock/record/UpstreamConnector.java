package dev.geminilive.mock.record;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens the upstream half of a proxied session: TCP (and TLS for {@code wss}) and the WebSocket
 * handshake, on the client connection's own event loop, so that the two halves of a session never
 * need a lock. Reports exactly one outcome: the open channel, or why it could not be opened.
 */
final class UpstreamConnector {
  /** Why the upstream could not be opened. */
  record Failure(int httpStatus, HttpHeaders headers, byte[] body, String message) {
    /** True when the upstream answered the upgrade with an HTTP error: that answer is passed on. */
    boolean answered() {
      return httpStatus > 0;
    }
  }

  /** Receives the outcome: an open WebSocket channel, or a failure. */
  interface Outcome {
    void opened(Channel channel);

    void failed(Failure failure);
  }

  private static final int MAX_HANDSHAKE_RESPONSE_BYTES = 1024 * 1024;

  private final SslContext tls;
  private final long timeoutMillis;
  private final int maxFrameBytes;

  UpstreamConnector(SslContext tls, long timeoutMillis, int maxFrameBytes) {
    this.tls = tls;
    this.timeoutMillis = timeoutMillis;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * @param uri {@code ws://} or {@code wss://} with path and query
   * @param headers sent on the upgrade request (the client's own, credentials included)
   */
  void open(EventLoop loop, URI uri, HttpHeaders headers, Outcome outcome) {
    boolean secure = uri.getScheme().equals("wss");
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
        uri, WebSocketVersion.V13, null, false, headers, maxFrameBytes);
    Once once = new Once(outcome);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (secure) {
              SSLEngine engine = tls.newEngine(ch.alloc(), uri.getHost(), port);
              SSLParameters params = engine.getSSLParameters();
              params.setEndpointIdentificationAlgorithm("HTTPS"); // check the host name, as SDKs do
              engine.setSSLParameters(params);
              ch.pipeline().addLast("tls", new SslHandler(engine));
            }
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE_BYTES));
            ch.pipeline().addLast("handshake", new Handshake(handshaker, once));
          }
        });
    ChannelFuture connect = bootstrap.connect(uri.getHost(), port);
    ScheduledFuture<?> timer = loop.schedule(() -> {
      if (once.fail(new Failure(0, null, null, "no WebSocket handshake within " + timeoutMillis + " ms"))) {
        connect.channel().close();
      }
    }, timeoutMillis, TimeUnit.MILLISECONDS);
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        timer.cancel(false);
        once.fail(new Failure(0, null, null, describe(f.cause())));
      }
    });
    connect.channel().closeFuture().addListener(f -> {
      timer.cancel(false);
      once.fail(new Failure(0, null, null, "the upstream closed the connection during the handshake"));
    });
  }

  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (root instanceof javax.net.ssl.SSLException ? "TLS failed: " : "") + message;
  }

  /** Makes sure the outcome is told once. */
  private static final class Once {
    private final Outcome outcome;
    private boolean told;

    Once(Outcome outcome) {
      this.outcome = outcome;
    }

    boolean fail(Failure failure) {
      if (told) {
        return false;
      }
      told = true;
      outcome.failed(failure);
      return true;
    }

    boolean open(Channel channel) {
      if (told) {
        return false;
      }
      told = true;
      outcome.opened(channel);
      return true;
    }
  }

  /** Sends the upgrade request and reads the answer. */
  private static final class Handshake extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final WebSocketClientHandshaker handshaker;
    private final Once once;

    Handshake(WebSocketClientHandshaker handshaker, Once once) {
      this.handshaker = handshaker;
      this.once = once;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      handshaker.handshake(ctx.channel());
      super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (response.status().code() != 101) {
        byte[] body = ByteBufUtil.getBytes(response.content());
        once.fail(new Failure(response.status().code(), response.headers().copy(), body,
            "the upstream answered the upgrade with HTTP " + response.status().code() + ": "
                + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)));
        ctx.close();
        return;
      }
      try {
        handshaker.finishHandshake(ctx.channel(), response);
      } catch (RuntimeException e) {
        once.fail(new Failure(0, null, null, "bad WebSocket handshake from the upstream: " + e.getMessage()));
        ctx.close();
        return;
      }
      ctx.pipeline().addAfter(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(64 * 1024 * 1024));
      ctx.pipeline().remove(this);
      if (!once.open(ctx.channel())) {
        ctx.close();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
        // Reported before the channel closes, so the outcome names the real cause.
        once.fail(new Failure(0, null, null, "TLS failed: " + describe(tls.cause()).replace("TLS failed: ", "")));
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      once.fail(new Failure(0, null, null, describe(cause)));
      ctx.close();
    }
  }
}
