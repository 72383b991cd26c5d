package dev.geminilive.mock.record;

import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.transport.LiveEndpoint;
import dev.geminilive.mock.transport.LiveTunnel;
import dev.geminilive.mock.transport.ServerConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record mode: every Live session the server accepts is proxied to the upstream with the client's
 * own credential, and written as a scenario file when it ends. Credentials go from the client's
 * request to the upstream's and nowhere else: not into a recording, not into a log line.
 *
 * <p>Give it to the server as its {@link LiveTunnel}; {@link #close()} writes the sessions still
 * open (marked incomplete) and waits for every file to be written.
 */
public final class Recorder implements LiveTunnel, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("gemini-live-mock");
  /** Headers that belong to one hop's handshake, not to the client's request. */
  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "upgrade", "sec-websocket-key",
      "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "content-length",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-authorization", "proxy-connection");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final RecorderOptions options;
  private final UpstreamConnector connector;
  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<SessionTape, RecordingInfo> open = new ConcurrentHashMap<>();
  /** File writing is off the event loops; one thread keeps the order of the log lines. */
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "recording-writer");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger written = new AtomicInteger();

  public Recorder(RecorderOptions options) throws IOException {
    this.options = options;
    Files.createDirectories(options.out());
    this.connector = new UpstreamConnector(clientTls(options.trustPem()), options.connectTimeoutMillis(),
        64 * 1024 * 1024);
  }

  private static SslContext clientTls(Path trustPem) throws IOException {
    SslContextBuilder builder = SslContextBuilder.forClient();
    if (trustPem != null) {
      builder.trustManager(trustPem.toFile());
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IOException("cannot set up TLS for the upstream: " + e.getMessage(), e);
    }
  }

  public RecorderOptions options() {
    return options;
  }

  /** How many recordings have been written so far. */
  public int written() {
    return written.get();
  }

  @Override
  public void open(ChannelHandlerContext ctx, FullHttpRequest request, LiveEndpoint endpoint, ServerConfig config) {
    long start = System.nanoTime();
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.rawPath();
    String method = path.substring(path.lastIndexOf("/ws/"));
    URI target = upstreamUri(endpoint.flavour(), method, request.uri());
    HttpHeaders headers = new DefaultHttpHeaders();
    for (Map.Entry<String, String> h : request.headers()) {
      if (!HOP_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        headers.add(h.getKey(), h.getValue());
      }
    }
    RecordingInfo info = new RecordingInfo(newId(endpoint.prefix()), endpoint.flavour(), method,
        withoutQuery(target), credentialKind(endpoint, uri, request.headers()), Instant.now());
    SessionTape tape = new SessionTape();
    open.put(tape, info);
    FullHttpRequest upgrade = request.retainedDuplicate();
    Channel client = ctx.channel();
    client.closeFuture().addListener(f -> {
      if (upgrade.refCnt() > 0) {
        upgrade.release();
      }
    });
    connector.open(client.eventLoop(), target, headers, new UpstreamConnector.Outcome() {
      @Override
      public void opened(Channel upstream) {
        if (!client.isActive()) {
          tape.markIncomplete("the client left before the upstream answered");
          upstream.close();
          finish(tape, info);
          return;
        }
        ProxySession session = new ProxySession(client, tape, start, options.stallMillis(),
            options.closeTimeoutMillis(), () -> finish(tape, info));
        handshakeClient(ctx, upgrade, config, session, () -> session.attach(upstream), upstream);
      }

      @Override
      public void failed(UpstreamConnector.Failure failure) {
        if (!client.isActive()) {
          tape.markIncomplete("the client left before the upstream answered");
          finish(tape, info);
          return;
        }
        if (failure.answered()) {
          // The upstream refused the upgrade itself: the client gets that same answer.
          tape.markIncomplete(failure.message());
          relay(ctx, failure);
          client.closeFuture().addListener(f -> finish(tape, info));
          upgrade.release();
          return;
        }
        ProxySession session = new ProxySession(client, tape, start, 0, options.closeTimeoutMillis(),
            () -> finish(tape, info));
        handshakeClient(ctx, upgrade, config, session, () -> session.unavailable(failure.message()), null);
      }
    });
  }

  private void handshakeClient(ChannelHandlerContext ctx, FullHttpRequest upgrade, ServerConfig config,
      ProxySession session, Runnable then, Channel upstream) {
    WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(config.maxFrameBytes())
        .allowExtensions(false)
        .build();
    String scheme = config.tls() == null ? "ws" : "wss";
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
        scheme + "://" + upgrade.headers().get(HttpHeaderNames.HOST, "localhost") + upgrade.uri(),
        null, decoderConfig).newHandshaker(upgrade);
    Channel client = ctx.channel();
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(client);
      if (upstream != null) {
        upstream.close();
      }
      upgrade.release();
      return;
    }
    ctx.pipeline().replace(ctx.handler(), "ws-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
    ctx.pipeline().addLast("proxy", session.clientSide());
    handshaker.handshake(client, upgrade).addListener(done -> {
      upgrade.release();
      if (!done.isSuccess()) {
        client.close();
        if (upstream != null) {
          upstream.close();
        }
        return;
      }
      then.run();
    });
  }

  private static void relay(ChannelHandlerContext ctx, UpstreamConnector.Failure failure) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(failure.httpStatus()), Unpooled.wrappedBuffer(failure.body()));
    String type = failure.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    }
    HttpUtil.setContentLength(response, failure.body().length);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private URI upstreamUri(ApiFlavour flavour, String method, String requestUri) {
    URI base = flavour == ApiFlavour.VERTEX && options.vertexUpstream() != null
        ? options.vertexUpstream() : options.upstream();
    String scheme = switch (base.getScheme()) {
      case "https", "wss" -> "wss";
      default -> "ws";
    };
    String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    int q = requestUri.indexOf('?');
    String query = q < 0 ? "" : requestUri.substring(q);
    String authority = base.getRawAuthority();
    return URI.create(scheme + "://" + authority + basePath + method + query);
  }

  private static String withoutQuery(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath().substring(0,
        uri.getRawPath().lastIndexOf("/ws/"));
  }

  /** The kind and place of the credential, for the recording; the value is never looked at twice. */
  private static String credentialKind(LiveEndpoint endpoint, QueryStringDecoder uri, HttpHeaders headers) {
    Map<String, List<String>> q = uri.parameters();
    if (q.containsKey("key")) return "api-key@query";
    if (q.containsKey("access_token")) return (endpoint.constrained() ? "ephemeral-token" : "bearer") + "@query";
    if (headers.contains("x-goog-api-key")) return "api-key@header";
    String auth = headers.get(HttpHeaderNames.AUTHORIZATION, "");
    if (auth.regionMatches(true, 0, "Token ", 0, 6)) return "ephemeral-token@header";
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) return "bearer@header";
    return "none";
  }

  private String newId(String prefix) {
    String base = prefix == null || prefix.isEmpty() ? "recorded"
        : prefix.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (base.isEmpty()) {
      base = "recorded";
    }
    String stamp = STAMP.format(Instant.now());
    while (true) {
      String id = String.format(Locale.ROOT, "%s-%s-%03d", base, stamp, sequence.incrementAndGet());
      if (!Files.exists(options.out().resolve(id + ".yaml"))) {
        return id;
      }
    }
  }

  private void finish(SessionTape tape, RecordingInfo info) {
    if (open.remove(tape) == null) {
      return; // already written (by close())
    }
    writer.execute(() -> write(tape, info));
  }

  private void write(SessionTape tape, RecordingInfo info) {
    try {
      Path file = ScenarioWriter.write(options.out(), info, tape);
      written.incrementAndGet();
      LOG.info("recorded session {} to {}{}", info.id(), file, tape.incomplete() ? " (incomplete)" : "");
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write recording {}: {}", info.id(), e.toString());
    }
  }

  /**
   * Marks the sessions open now as cut short by the recorder: call before the server stops
   * listening (which closes their connections), so their files say why they end there.
   */
  public void stopping() {
    for (SessionTape tape : open.keySet()) {
      tape.markIncomplete("the recorder stopped while the session was open");
    }
  }

  /** Writes the sessions still open (incomplete) and waits for all files. */
  @Override
  public void close() {
    stopping();
    for (Map.Entry<SessionTape, RecordingInfo> e : Map.copyOf(open).entrySet()) {
      if (open.remove(e.getKey()) != null) {
        writer.execute(() -> write(e.getKey(), e.getValue()));
      }
    }
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
