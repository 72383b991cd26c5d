package dev.geminilive.mock;

import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.security.AdminSecurity;
import dev.geminilive.mock.session.ResponderFactory;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.timing.TimingMode;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.ServerConfig;
import dev.geminilive.mock.transport.ServerLimits;
import dev.geminilive.mock.record.RecorderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link GeminiLiveMockServer} is started with, set fluently (the role WireMock's
 * {@code WireMockConfiguration} plays for {@code WireMockServer}):
 *
 * <pre>{@code
 * GeminiLiveMockServer mock = new GeminiLiveMockServer(GeminiLiveMockOptions.options()
 *     .dynamicPort()
 *     .tls(true)
 *     .scenarios(Path.of("src/test/resources/scenarios"))
 *     .stubs(Path.of("src/test/resources/wiremock"))
 *     .timeScale(0.1));
 * mock.start();
 * }</pre>
 *
 * Setters check their argument and return {@code this}; the getters are what the server reads.
 * Folders and profile files are checked when the server starts. Defaults suit embedding in a
 * test: loopback, a free port, plain {@code http}/{@code ws}, the default persona, the bundled
 * model profiles, the REST companions on, scenario files read once.
 */
public final class GeminiLiveMockOptions {
  private String host = "127.0.0.1";
  private int port = 0;
  private boolean selfSignedTls;
  private TlsMaterial tlsMaterial;
  private Path tlsCertPem;
  private Path tlsKeyPem;
  private final List<String> tlsHostnames = new ArrayList<>();
  private boolean binaryFrames = true;
  private String requiredKey;
  private Path scenarios;
  private long scenarioReloadMillis;
  private Path profilesDir;
  private ProfileCatalog profiles;
  private boolean rest = true;
  private Path stubs;
  private double timeScale = SessionSettings.defaults().timeScale();
  private int defaultSilenceMs = SessionSettings.defaults().defaultSilenceMs();
  private TimingMode timing = TimingMode.FAST;
  private Long timingSeed;
  private int maxFrameBytes = ServerConfig.defaults().maxFrameBytes();
  private long closeTimeoutMillis = ServerConfig.defaults().closeTimeoutMillis();
  private ServerLimits limits = ServerLimits.defaults();
  private ResponderFactory responders = session -> new PersonaResponder();
  private final List<AdminRoutes> adminRoutes = new ArrayList<>();
  private AdminSecurity admin = AdminSecurity.defaults();
  private RecorderOptions recording;
  private NetworkConditions network = NetworkConditions.NONE;

  /** Starts from the defaults; prefer {@link #options()}. */
  public GeminiLiveMockOptions() {}

  /** The defaults, to be refined fluently. */
  public static GeminiLiveMockOptions options() {
    return new GeminiLiveMockOptions();
  }

  // ---- where it listens -------------------------------------------------------------------

  /** Address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} in a container. */
  public GeminiLiveMockOptions host(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** Port to bind; 0 picks a free one (the default). */
  public GeminiLiveMockOptions port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    this.port = port;
    return this;
  }

  /** Picks a free port at start; read it back with {@link GeminiLiveMockServer#port()}. */
  public GeminiLiveMockOptions dynamicPort() {
    return port(0);
  }

  // ---- TLS ----------------------------------------------------------------------------------

  /**
   * Serve {@code https}/{@code wss} with a self-signed certificate made at start (the google-genai
   * Java SDK always connects with {@code wss}). Read the certificate back with
   * {@link GeminiLiveMockServer#tlsMaterial()}.
   */
  public GeminiLiveMockOptions tls(boolean selfSigned) {
    this.selfSignedTls = selfSigned;
    if (!selfSigned) {
      this.tlsMaterial = null;
      this.tlsCertPem = null;
      this.tlsKeyPem = null;
    }
    return this;
  }

  /**
   * Names and addresses the self-signed certificate is made for, besides {@code localhost},
   * {@code 127.0.0.1} and {@code ::1} (e.g. the Docker host clients reach a container through).
   */
  public GeminiLiveMockOptions tlsHostnames(String... hosts) {
    for (String h : hosts) {
      tlsHostnames.add(Objects.requireNonNull(h, "host"));
    }
    return this;
  }

  /** Serve {@code https}/{@code wss} with this certificate and key (e.g. one shared by a JVM). */
  public GeminiLiveMockOptions tls(TlsMaterial material) {
    this.tlsMaterial = Objects.requireNonNull(material, "material");
    return this;
  }

  /** Serve {@code https}/{@code wss} with a PEM certificate and its PEM private key, read at start. */
  public GeminiLiveMockOptions tlsPem(Path certificatePem, Path privateKeyPem) {
    this.tlsCertPem = Objects.requireNonNull(certificatePem, "certificatePem");
    this.tlsKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    return this;
  }

  // ---- wire behaviour -----------------------------------------------------------------------

  /** Send server messages as text frames instead of binary ones (the real service sends binary). */
  public GeminiLiveMockOptions textFrames(boolean text) {
    this.binaryFrames = !text;
    return this;
  }

  /** Accept only this API key or token, refusing others as the service does; null accepts any. */
  public GeminiLiveMockOptions requiredKey(String key) {
    this.requiredKey = key == null || key.isEmpty() ? null : key;
    return this;
  }

  /**
   * Multiplies server-side delays (audio pacing, lifetimes, goAway); 0.1 is ten times faster,
   * 0 sends everything at once and lifts lifetime limits.
   */
  public GeminiLiveMockOptions timeScale(double scale) {
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be 0 or more, not " + scale);
    }
    this.timeScale = scale;
    return this;
  }

  /**
   * {@code FAST} (the default here: no added delays, what tests want) or {@code REALISTIC}: replies
   * take as long as the family's timing profile says (time to first audio, chunk cadence,
   * transcription lag, end-of-speech silence; {@code docs/timing.md}). {@code serve} defaults to
   * realistic. The time scale applies to both.
   */
  public GeminiLiveMockOptions timing(TimingMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("timing must be FAST or REALISTIC, not null");
    }
    this.timing = mode;
    return this;
  }

  /**
   * Seeds the realistic timing draws: the same seed (and the same order of sessions) gives the
   * same schedule. Without one, a seed is picked at start and written into each session's journal.
   */
  public GeminiLiveMockOptions timingSeed(long seed) {
    this.timingSeed = seed;
    return this;
  }

  /** Silence that ends a spoken turn when the client's setup does not say. */
  public GeminiLiveMockOptions defaultSilenceMs(int millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("default silence must be 0 or more ms, not " + millis);
    }
    this.defaultSilenceMs = millis;
    return this;
  }

  /** Largest client message after reassembly of fragments; a bigger one is closed with 1009. */
  public GeminiLiveMockOptions maxFrameBytes(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("max frame bytes must be positive, not " + bytes);
    }
    this.maxFrameBytes = bytes;
    return this;
  }

  /** How long to wait for the client's close frame after sending ours. */
  public GeminiLiveMockOptions closeTimeoutMillis(long millis) {
    this.closeTimeoutMillis = millis;
    return this;
  }

  /** What one connection may cost: sessions at once, timeouts, backlog. */
  public GeminiLiveMockOptions limits(ServerLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * The network every new session starts with: added latency and jitter on server frames, a
   * bandwidth cap, bunching, a stall ({@link NetworkConditions#NONE}, the default, is a perfect
   * network with no handler installed). A scenario or the admin API can change one session's.
   */
  public GeminiLiveMockOptions network(NetworkConditions conditions) {
    this.network = Objects.requireNonNull(conditions, "conditions");
    return this;
  }

  // ---- who answers --------------------------------------------------------------------------

  /**
   * Scenario folder: a session picks a scenario by URL prefix, API key value or the admin queue;
   * sessions that pick none go to {@link #responders(ResponderFactory)}. Null for none.
   */
  public GeminiLiveMockOptions scenarios(Path folder) {
    this.scenarios = folder;
    return this;
  }

  /** Poll the scenario folder for changes every {@code millis}; 0 (the default) reads it once. */
  public GeminiLiveMockOptions scenarioReloadMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("reload interval must be 0 or more ms, not " + millis);
    }
    this.scenarioReloadMillis = millis;
    return this;
  }

  /** Who answers sessions that no scenario claims; the default persona by default. */
  public GeminiLiveMockOptions responders(ResponderFactory factory) {
    this.responders = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /** Also load model-family profiles from {@code folder/*.yaml}, before the bundled ones. */
  public GeminiLiveMockOptions profilesDir(Path folder) {
    this.profilesDir = folder;
    return this;
  }

  /** Use exactly these model-family profiles (overrides {@link #profilesDir(Path)}). */
  public GeminiLiveMockOptions profiles(ProfileCatalog catalog) {
    this.profiles = catalog;
    return this;
  }

  // ---- REST and admin -----------------------------------------------------------------------

  /**
   * Serve the REST companions on the Live port (default on): {@code auth_tokens}, the OAuth token
   * endpoint and WireMock for everything else. Off: non-Live HTTP requests get a JSON 404 and
   * WireMock is not started.
   */
  public GeminiLiveMockOptions rest(boolean on) {
    this.rest = on;
    return this;
  }

  /** WireMock folder ({@code mappings/*.json}, {@code __files/}) for non-Live HTTP requests. */
  public GeminiLiveMockOptions stubs(Path folder) {
    this.stubs = folder;
    return this;
  }

  /** Extra routes under {@code /__admin/}, asked after the mock's own and before WireMock's. */
  public GeminiLiveMockOptions adminRoutes(AdminRoutes routes) {
    this.adminRoutes.add(Objects.requireNonNull(routes, "routes"));
    return this;
  }

  /**
   * Every {@code /__admin/} route except {@code /__admin/health} then requires this token, sent
   * as {@code Authorization: Bearer <token>} (or as the password of basic auth); null for none.
   * See docs/security.md.
   */
  public GeminiLiveMockOptions adminToken(String token) {
    this.admin = admin.token(token);
    return this;
  }

  /** Guards the admin API with a fresh random token; read it back with {@link #adminToken()}. */
  public GeminiLiveMockOptions randomAdminToken() {
    return adminToken(AdminSecurity.randomToken());
  }

  /** Off: every {@code /__admin/} route except {@code /__admin/health} answers 404. On by default. */
  public GeminiLiveMockOptions admin(boolean on) {
    this.admin = admin.enabled(on);
    return this;
  }

  /** Serve the admin API over TLS only; the server then refuses to start without TLS. */
  public GeminiLiveMockOptions adminRequireTls(boolean required) {
    this.admin = admin.requireTls(required);
    return this;
  }

  /**
   * Without a token, answer admin requests from other machines too. Off by default: bound to a
   * network address without a token, the admin API answers this machine only.
   */
  public GeminiLiveMockOptions adminOpenToNetwork(boolean open) {
    this.admin = admin.openToNetwork(open);
    return this;
  }

  /** All admin settings at once. */
  public GeminiLiveMockOptions admin(AdminSecurity security) {
    this.admin = Objects.requireNonNull(security, "security");
    return this;
  }

  // ---- record mode --------------------------------------------------------------------------

  /**
   * Record mode: every Live session is passed on to the upstream in {@code recording} with the
   * client's own credential, and written as a scenario file when it ends (see
   * docs/recording.md). REST and admin requests are still served locally. Null turns it off.
   */
  public GeminiLiveMockOptions record(RecorderOptions recording) {
    this.recording = recording;
    return this;
  }

  // ---- what the server reads ----------------------------------------------------------------

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** True when the server will speak TLS, whatever the source of its certificate. */
  public boolean tlsEnabled() {
    return selfSignedTls || tlsMaterial != null || tlsCertPem != null;
  }

  public List<String> tlsHostnames() {
    return List.copyOf(tlsHostnames);
  }

  public Optional<TlsMaterial> tlsMaterial() {
    return Optional.ofNullable(tlsMaterial);
  }

  public Optional<Path> tlsCertificatePem() {
    return Optional.ofNullable(tlsCertPem);
  }

  public Optional<Path> tlsPrivateKeyPem() {
    return Optional.ofNullable(tlsKeyPem);
  }

  public boolean binaryFrames() {
    return binaryFrames;
  }

  public Optional<String> requiredKey() {
    return Optional.ofNullable(requiredKey);
  }

  public double timeScale() {
    return timeScale;
  }

  public int defaultSilenceMs() {
    return defaultSilenceMs;
  }

  public TimingMode timing() {
    return timing;
  }

  /** The seed given, if any. */
  public Optional<Long> timingSeed() {
    return Optional.ofNullable(timingSeed);
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public long closeTimeoutMillis() {
    return closeTimeoutMillis;
  }

  public ServerLimits limits() {
    return limits;
  }

  public NetworkConditions network() {
    return network;
  }

  public Optional<Path> scenarios() {
    return Optional.ofNullable(scenarios);
  }

  public long scenarioReloadMillis() {
    return scenarioReloadMillis;
  }

  public ResponderFactory responders() {
    return responders;
  }

  public Optional<Path> profilesDir() {
    return Optional.ofNullable(profilesDir);
  }

  public Optional<ProfileCatalog> profiles() {
    return Optional.ofNullable(profiles);
  }

  public boolean rest() {
    return rest;
  }

  public Optional<Path> stubs() {
    return Optional.ofNullable(stubs);
  }

  public List<AdminRoutes> adminRoutes() {
    return List.copyOf(adminRoutes);
  }

  public AdminSecurity adminSecurity() {
    return admin;
  }

  /** The admin token; empty when none is set. */
  public Optional<String> adminToken() {
    return Optional.ofNullable(admin.token());
  }

  public Optional<RecorderOptions> recording() {
    return Optional.ofNullable(recording);
  }
}
