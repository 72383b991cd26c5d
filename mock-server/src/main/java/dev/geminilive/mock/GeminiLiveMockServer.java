package dev.geminilive.mock;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.record.Recorder;
import dev.geminilive.mock.rest.EphemeralTokens;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.scenario.engine.ScenarioAdminRoutes;
import dev.geminilive.mock.scenario.engine.ScenarioSelector;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.ResponderFactory;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.Companions;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Gemini Live mock as one object: the Live WebSocket server, its REST companions (ephemeral
 * tokens, OAuth token endpoint, WireMock stubs) on the same port, the scenario library and the
 * model profiles, started and stopped together. The CLI's {@code serve}, the JUnit 5 extension,
 * the conformance suite and the container image all start the mock through this class.
 *
 * <pre>{@code
 * try (GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options().tls(true))) {
 *   Client client = Client.builder().apiKey("any-key")
 *       .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build()).build();
 *   ...
 *   mock.journal().latest();
 * }
 * }</pre>
 *
 * <p>Like WireMock's {@code WireMockServer}: construct with options, {@link #start()},
 * {@link #stop()}; a stopped server can be started again (on a new free port when the port is 0).
 */
public final class GeminiLiveMockServer implements AutoCloseable {
  private final GeminiLiveMockOptions options;
  private Running running;

  /** What exists only while the server runs. */
  private record Running(LiveServer live, RestCompanion rest, ScenarioLibrary library, ProfileCatalog profiles,
      Recorder recorder) {}

  public GeminiLiveMockServer(GeminiLiveMockOptions options) {
    this.options = options;
  }

  /** Builds and starts a server in one call. */
  public static GeminiLiveMockServer start(GeminiLiveMockOptions options) {
    GeminiLiveMockServer server = new GeminiLiveMockServer(options);
    server.start();
    return server;
  }

  /**
   * Starts listening; does nothing when already running.
   *
   * @throws IllegalArgumentException when an option names a folder or file that is missing or
   *     broken (the message says which); {@link dev.geminilive.mock.profile.ProfileException} for
   *     a broken profile file
   * @throws MockStartException when the server cannot listen (e.g. the port is taken)
   */
  public synchronized void start() {
    if (running != null) {
      return;
    }
    Path stubs = options.stubs().orElse(null);
    if (stubs != null && !Files.isDirectory(stubs)) {
      throw new IllegalArgumentException("stubs folder " + stubs + " does not exist");
    }
    // A missing scenario folder is not fatal: the library reports it and picks it up once it
    // appears (a container's mounted folder may lack scenarios/).
    Path scenarios = options.scenarios().orElse(null);
    ProfileCatalog profiles = options.profiles().orElseGet(() -> options.profilesDir()
        .map(ProfileCatalog::withDirectory).orElseGet(ProfileCatalog::bundled));
    TlsMaterial tls = tls();
    if (options.adminSecurity().requireTls() && options.adminSecurity().enabled() && tls == null) {
      throw new IllegalArgumentException("--admin-require-tls needs TLS: add --tls (or --tls-cert and --tls-key).");
    }
    ServerConfig config = serverConfig(tls);

    ScenarioLibrary library = null;
    ResponderFactory responders = options.responders();
    List<AdminRoutes> adminRoutes = new ArrayList<>();
    if (scenarios != null) {
      library = ScenarioServer.library(scenarios, profiles);
      if (options.scenarioReloadMillis() > 0) {
        library.watch(options.scenarioReloadMillis());
      }
    } else {
      // Scenarios can still come at run time (from Java or the admin API).
      library = ScenarioLibrary.withoutFolder(profiles);
    }
    responders = new ScenarioSelector(library, responders);
    adminRoutes.add(new ScenarioAdminRoutes(library));
    adminRoutes.addAll(options.adminRoutes());
    Recorder recorder = null;
    if (options.recording().isPresent()) {
      try {
        recorder = new Recorder(options.recording().get());
      } catch (IOException e) {
        if (library != null) {
          library.close();
        }
        throw new IllegalArgumentException("cannot record to " + options.recording().get().out() + ": "
            + e.getMessage(), e);
      }
    }
    RestCompanion rest = options.rest()
        ? RestCompanion.start(stubs, options.requiredKey().orElse(null)) : null;
    try {
      Companions companions = rest == null ? Companions.none() : rest.companions();
      LiveServer live = LiveServer.start(config, profiles, responders, adminRoutes,
          recorder == null ? companions : companions.withTunnel(recorder));
      running = new Running(live, rest, library, profiles, recorder);
    } catch (InterruptedException e) {
      closeQuietly(rest, library);
      closeQuietly(recorder);
      Thread.currentThread().interrupt();
      throw new MockStartException("interrupted while starting the Gemini Live mock", e);
    } catch (Exception e) {
      // Netty rethrows a bind failure (a checked exception) without declaring it.
      closeQuietly(rest, library);
      closeQuietly(recorder);
      throw new MockStartException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + e.getMessage(), e);
    }
  }

  private TlsMaterial tls() {
    if (options.tlsMaterial().isPresent()) {
      return options.tlsMaterial().get();
    }
    if (options.tlsCertificatePem().isPresent()) {
      Path cert = options.tlsCertificatePem().get();
      Path key = options.tlsPrivateKeyPem().orElseThrow();
      try {
        return TlsMaterial.fromPem(cert, key);
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot read TLS certificate " + cert + " / key " + key + ": "
            + e.getMessage(), e);
      }
    }
    return options.tlsEnabled() ? TlsMaterial.selfSigned(options.tlsHostnames()) : null;
  }

  private ServerConfig serverConfig(TlsMaterial tls) {
    return ServerConfig.defaults()
        .withHost(options.host())
        .withPort(options.port())
        .withTls(tls)
        .withBinaryFrames(options.binaryFrames())
        .withRequiredKey(options.requiredKey().orElse(null))
        .withSession(new SessionSettings(options.timeScale(), options.defaultSilenceMs(),
            options.timing(), options.timingSeed().orElseGet(() -> new java.util.SplittableRandom().nextLong())))
        .withMaxFrameBytes(options.maxFrameBytes())
        .withCloseTimeoutMillis(options.closeTimeoutMillis())
        .withLimits(options.limits())
        .withAdmin(options.adminSecurity())
        .withNetwork(options.network());
  }

  /** Stops listening and releases everything started with it; does nothing when stopped. */
  public synchronized void stop() {
    if (running == null) {
      return;
    }
    Running r = running;
    running = null;
    if (r.recorder() != null) {
      r.recorder().stopping(); // the open sessions' files say the recorder cut them short
    }
    r.live().close();
    closeQuietly(r.rest(), r.library());
    // After the listener: sessions still open are written, marked incomplete.
    closeQuietly(r.recorder());
  }

  private static void closeQuietly(Recorder recorder) {
    if (recorder != null) {
      recorder.close();
    }
  }

  private static void closeQuietly(RestCompanion rest, ScenarioLibrary library) {
    if (rest != null) {
      rest.close();
    }
    if (library != null) {
      library.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return running != null;
  }

  public GeminiLiveMockOptions options() {
    return options;
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return running().live().port();
  }

  /**
   * The base URL to give an SDK ({@code httpOptions.baseUrl}): {@code http(s)://host:port}; SDKs
   * derive {@code ws}/{@code wss} from it.
   */
  public String baseUrl() {
    return running().live().baseUrl();
  }

  /** The dashboard: sessions live, and each session's timeline (part of the admin API). */
  public String dashboardUrl() {
    return baseUrl() + "/__admin/ui";
  }

  /**
   * The base URL that selects a scenario: SDKs keep a base URL's path and append {@code /ws/...},
   * so the id arrives as the path prefix the mock selects scenarios by.
   */
  public String baseUrlFor(String scenarioId) {
    String id = scenarioId == null ? "" : scenarioId.replaceAll("^/+|/+$", "");
    return id.isEmpty() ? baseUrl() : baseUrl() + "/" + id;
  }

  /** What the Live server was started with (host, port, TLS, limits, session settings). */
  public ServerConfig config() {
    return running().live().config();
  }

  /**
   * The admin token, for clients of the admin API ({@code Authorization: Bearer <token>}); empty
   * when none is set.
   */
  public Optional<String> adminToken() {
    return Optional.ofNullable(config().admin().token());
  }

  /** The certificate and key served; empty without TLS. */
  public Optional<TlsMaterial> tlsMaterial() {
    return Optional.ofNullable(config().tls());
  }

  /** Every Live session's frames, as the admin API shows them. */
  public Journal journal() {
    return running().live().journal();
  }

  /**
   * Network conditions for sessions opened from now on (the admin API's {@code /__admin/network});
   * {@link NetworkConditions#NONE} for a perfect network.
   */
  public void networkDefaults(NetworkConditions conditions) {
    running().live().networks().defaults(conditions);
  }

  /**
   * Network conditions of one open session from now on (its journal's id, e.g.
   * {@code journal().latest().get().sessionId()}).
   *
   * @return false when no such session is open
   */
  public boolean network(String sessionId, NetworkConditions conditions) {
    return running().live().networks().link(sessionId).map(l -> {
      l.apply(conditions, "Java API");
      return true;
    }).orElse(false);
  }

  /** Delivers nothing more to one open session for {@code ms}; false when no such session is open. */
  public boolean stallNetwork(String sessionId, long ms) {
    if (ms < 1) {
      throw new IllegalArgumentException("a stall lasts 1 ms or more, not " + ms);
    }
    return running().live().networks().link(sessionId).map(l -> {
      l.stallNow(ms, "Java API");
      return true;
    }).orElse(false);
  }

  /** The model-family profiles in use. */
  public ProfileCatalog profiles() {
    return running().profiles();
  }

  /** The recorder; empty unless started in record mode. */
  public Optional<Recorder> recorder() {
    return Optional.ofNullable(running().recorder());
  }

  /**
   * The scenario library: the folder's scenarios, if one was given, and those added at run time
   * ({@link ScenarioLibrary#put}, {@code POST /__admin/scenarios}). Always present.
   */
  public Optional<ScenarioLibrary> scenarioLibrary() {
    return Optional.ofNullable(running().library());
  }

  /**
   * The embedded WireMock, waiting for it to finish starting if need be: {@code stubFor(...)},
   * {@code verify(...)}.
   *
   * @throws IllegalStateException when started with {@code rest(false)}
   */
  public WireMockServer wireMock() {
    return rest().wireMock().server();
  }

  /** The ephemeral tokens minted so far by {@code POST .../auth_tokens}. */
  public EphemeralTokens authTokens() {
    return rest().tokens();
  }

  /** Forgets recorded sessions and REST requests (stubs, scenarios and profiles stay). */
  public void resetJournals() {
    Running r = running();
    r.live().journal().clear();
    if (r.rest() != null) {
      r.rest().wireMock().server().resetRequests();
    }
  }

  private RestCompanion rest() {
    RestCompanion rest = running().rest();
    if (rest == null) {
      throw new IllegalStateException("the REST companions are off (options rest(false))");
    }
    return rest;
  }

  private synchronized Running running() {
    if (running == null) {
      throw new IllegalStateException("the Gemini Live mock is not running; call start() first");
    }
    return running;
  }

  @Override
  public String toString() {
    Running r;
    synchronized (this) {
      r = running;
    }
    return "GeminiLiveMockServer[" + (r == null ? "stopped" : r.live().baseUrl()) + "]";
  }
}
