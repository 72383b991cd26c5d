package dev.geminilive.mock.transport;

import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.dashboard.DashboardRoutes;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.network.NetworkAdminRoutes;
import dev.geminilive.mock.network.NetworkShaping;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.security.AdminGuard;
import dev.geminilive.mock.session.ResponderFactory;
import dev.geminilive.mock.session.ResumptionStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * The Gemini Live mock server: one port for Live WebSockets ({@code ws} or {@code wss}) and the
 * admin API. Start it, give an SDK its {@link #baseUrl()}, read what happened from its
 * {@link #journal()}.
 */
public final class LiveServer implements AutoCloseable {
  /** Largest HTTP request (upgrade or admin call) accepted before the WebSocket starts. */
  private static final int MAX_HTTP_REQUEST_BYTES = 1024 * 1024;

  private final ServerContext context;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private final ExecutorService companionExecutor;

  private LiveServer(ServerContext context, EventLoopGroup boss, EventLoopGroup workers, Channel channel,
      ExecutorService companionExecutor) {
    this.context = context;
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
    this.companionExecutor = companionExecutor;
  }

  /** Starts with the bundled profiles and the default persona. */
  public static LiveServer start(ServerConfig config) throws InterruptedException {
    return start(config, ProfileCatalog.bundled(), session -> new PersonaResponder());
  }

  public static LiveServer start(ServerConfig config, ProfileCatalog profiles, ResponderFactory responders)
      throws InterruptedException {
    return start(config, profiles, responders, List.of(), Companions.none());
  }

  /** As above, with extra admin routes (e.g. the scenario library's). */
  public static LiveServer start(
      ServerConfig config, ProfileCatalog profiles, ResponderFactory responders, List<AdminRoutes> adminRoutes)
      throws InterruptedException {
    return start(config, profiles, responders, adminRoutes, Companions.none());
  }

  /** Starts with REST companions on the same port (see {@code dev.geminilive.mock.rest}). */
  public static LiveServer start(ServerConfig config, ProfileCatalog profiles, ResponderFactory responders,
      Companions companions) throws InterruptedException {
    return start(config, profiles, responders, List.of(), companions);
  }

  /** Starts with extra admin routes and REST companions. */
  public static LiveServer start(ServerConfig config, ProfileCatalog profiles, ResponderFactory responders,
      List<AdminRoutes> adminRoutes, Companions companions) throws InterruptedException {
    if (config.admin().requireTls() && config.admin().enabled() && config.tls() == null) {
      throw new IllegalArgumentException(
          "--admin-require-tls: the admin API must be served over TLS, but TLS is off (add --tls)");
    }
    AdminGuard adminGuard = new AdminGuard(config.admin());
    Journal journal = Journal.withDefaults();
    // Companion calls may block (stub files, delays): they run here, never on an event loop.
    ExecutorService companionExecutor = companions.http() == null ? null : companionExecutor();
    List<AdminRoutes> routes = new ArrayList<>(adminRoutes);
    routes.add(new DashboardRoutes(journal));
    PacingStats pacing = new PacingStats();
    routes.add(pacing);
    NetworkShaping networks = new NetworkShaping(config.network());
    routes.add(new NetworkAdminRoutes(networks));
    ServerContext context = new ServerContext(config, journal, new AdminApi(journal, routes), profiles,
        responders, new CredentialPolicy(config.requiredKey(), companions.tokens()), new ResumptionStore(),
        companions.http(), companionExecutor, new SessionGate(config.limits().maxSessions()),
        companions.tunnel(), networks, pacing);
    SslContext ssl = sslContext(config);
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    try {
      Channel channel = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ChannelPipeline p = ch.pipeline();
              p.addLast("due-sends", DueSendsHandler.INSTANCE);
              p.addLast("burst-flush", new BurstFlushHandler());
              if (ssl != null) {
                p.addLast("tls", ssl.newHandler(ch.alloc()));
              }
              ServerLimits limits = config.limits();
              if (limits.idleTimeoutMillis() > 0) {
                // Reader idleness only: a client that listens to a long reply is not idle.
                p.addLast("idle", new IdleStateHandler(
                    limits.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
              }
              p.addLast("http", new HttpServerCodec());
              // Before the aggregator: a refused admin request is answered from its head alone.
              p.addLast("admin-gate", new AdminGate(adminGuard, ssl != null));
              p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
              p.addLast("handshake-timeout", new HandshakeTimeout(limits));
              // A Live upgrade replaces the router with the Live handlers (LivePipeline).
              p.addLast("router", new HttpRouter(context));
            }
          })
          .bind(new InetSocketAddress(config.host(), config.port()))
          .sync()
          .channel();
      return new LiveServer(context, boss, workers, channel, companionExecutor);
    } catch (RuntimeException | InterruptedException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      if (companionExecutor != null) {
        companionExecutor.shutdownNow();
      }
      throw e;
    }
  }

  private static ExecutorService companionExecutor() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "http-companion-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static SslContext sslContext(ServerConfig config) {
    if (config.tls() == null) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(config.tls().privateKey(), config.tls().certificate()).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The base URL to give an SDK ({@code httpOptions.baseUrl}); SDKs derive ws/wss from it. */
  public String baseUrl() {
    String host = context.config().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (context.config().tls() == null ? "http" : "https") + "://" + host + ":" + port();
  }

  public Journal journal() {
    return context.journal();
  }

  public ServerConfig config() {
    return context.config();
  }

  /** The network conditions of new sessions and of each live one (see docs/timing.md). */
  public NetworkShaping networks() {
    return context.networks();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    context.admin().close();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (companionExecutor != null) {
      companionExecutor.shutdownNow();
    }
  }
}
