package dev.geminilive.mock.testcontainers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Gemini Live mock in a container, for tests in any JVM language:
 *
 * <pre>{@code
 * @Container
 * static GeminiLiveMockContainer mock = new GeminiLiveMockContainer()   // gemini-live-mock:<this version>
 *     .withTls()                                                        // wss/https: the Java SDK needs it
 *     .withScenarios(Path.of("src/test/resources/scenarios"))
 *     .withMappings(Path.of("src/test/resources/wiremock/mappings"));
 * ...
 * HttpOptions.builder().baseUrl(mock.getBaseUrl())   // ws(s):// and http(s):// on one port
 * SSLContext trusting = mock.getSslContext();         // or mock.getCertificatePem()
 * }</pre>
 *
 * The container listens on {@value #PORT}; it counts as started once {@code GET /__admin/health}
 * answers 200 (over TLS too). The admin API is guarded by a fresh random token per container,
 * passed in the environment ({@value #ADMIN_TOKEN_ENV}, never on the command line); send
 * {@link #getAdminAuthorization()} as the {@code Authorization} header of admin calls. Scenario files go to {@value #SCENARIOS_DIR}, WireMock mappings to
 * {@value #MAPPINGS_DIR} (the image serves {@code /home/mock} as its WireMock folder).
 */
public class GeminiLiveMockContainer extends GenericContainer<GeminiLiveMockContainer> {
  /** The image name; a different name must be declared a compatible substitute of this one. */
  public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("gemini-live-mock");
  /** The tag built with this module's version. */
  public static final String DEFAULT_TAG = buildTag();
  public static final int PORT = 9125;
  public static final String HOME = "/home/mock";
  public static final String SCENARIOS_DIR = HOME + "/scenarios";
  public static final String MAPPINGS_DIR = HOME + "/mappings";
  public static final String FILES_DIR = HOME + "/__files";
  /** Where {@link #withTls()} has the server write its certificate (writable by the image's user). */
  public static final String TLS_DIR = "/tmp/gemini-live-mock-tls";

  /** The environment variable the mock reads its admin token from. */
  public static final String ADMIN_TOKEN_ENV = "GEMINI_LIVE_MOCK_ADMIN_TOKEN";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<String> extraArgs = new ArrayList<>();
  private boolean tls;
  private String adminToken;
  /** Tests want quick replies: fast unless asked (the image's {@code serve} alone is realistic). */
  private String timing = "fast";

  /** The image this module was built with: {@code gemini-live-mock:}{@value #DEFAULT_TAG}. */
  public GeminiLiveMockContainer() {
    this(DEFAULT_IMAGE_NAME.withTag(DEFAULT_TAG));
  }

  /** @param image e.g. {@code gemini-live-mock:0.1.0}, or a mirror declared with {@code asCompatibleSubstituteFor("gemini-live-mock")} */
  public GeminiLiveMockContainer(String image) {
    this(DockerImageName.parse(image));
  }

  public GeminiLiveMockContainer(DockerImageName image) {
    super(image);
    image.assertCompatibleWith(DEFAULT_IMAGE_NAME);
    withExposedPorts(PORT);
    waitingFor(healthCheck());
    withAdminToken(randomToken());
    applyCommand();
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Uses this admin token instead of the random one (e.g. one shared with a process outside the
   * JVM); printable ASCII without spaces.
   */
  public GeminiLiveMockContainer withAdminToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.adminToken = token;
    return withEnv(ADMIN_TOKEN_ENV, token);
  }

  /** The admin token every {@code /__admin/} route except {@code /__admin/health} requires. */
  public String getAdminToken() {
    return adminToken;
  }

  /** The {@code Authorization} header value for admin calls: {@code Bearer <token>}. */
  public String getAdminAuthorization() {
    return "Bearer " + adminToken;
  }

  private HttpWaitStrategy healthCheck() {
    HttpWaitStrategy wait = Wait.forHttp("/__admin/health").forPort(PORT).forStatusCode(200);
    // The certificate is self-signed and made at start: the wait only asks whether it is up.
    return tls ? wait.usingTls().allowInsecure() : wait;
  }

  /**
   * Serve {@code https}/{@code wss} with a self-signed certificate made at start, valid for
   * {@code localhost}, the loopback addresses and {@link #getHost()}. Trust it with
   * {@link #getSslContext()} or {@link #getCertificatePem()}.
   */
  public GeminiLiveMockContainer withTls() {
    tls = true;
    waitingFor(healthCheck());
    applyCommand();
    return self();
  }

  /** Copies a folder of scenario files into the container. */
  public GeminiLiveMockContainer withScenarios(Path dir) {
    return withCopyFileToContainer(MountableFile.forHostPath(dir), SCENARIOS_DIR);
  }

  /** Copies a folder of WireMock mappings ({@code *.json}) into the container. */
  public GeminiLiveMockContainer withMappings(Path dir) {
    return withCopyFileToContainer(MountableFile.forHostPath(dir), MAPPINGS_DIR);
  }

  /** Adds one WireMock mapping given as JSON, as {@code mappings/<name>.json}. */
  public GeminiLiveMockContainer withMapping(String name, String json) {
    return withCopyToContainer(Transferable.of(json), MAPPINGS_DIR + "/" + name + ".json");
  }

  /** Copies a folder of response bodies (WireMock's {@code __files}) into the container. */
  public GeminiLiveMockContainer withFiles(Path dir) {
    return withCopyFileToContainer(MountableFile.forHostPath(dir), FILES_DIR);
  }

  /** Multiplies the mock's delays (audio pacing); 0.1 = ten times faster. */
  public GeminiLiveMockContainer withTimeScale(double scale) {
    return withServeArgs("--time-scale", String.valueOf(scale));
  }

  /**
   * Reply timing: {@code "fast"} (this container's default: no added delays) or
   * {@code "realistic"} (each model family's time to first audio, chunk cadence and transcription
   * lag, as {@code serve} alone does; see the project's docs/timing.md).
   */
  public GeminiLiveMockContainer withTiming(String mode) {
    if (!"fast".equals(mode) && !"realistic".equals(mode)) {
      throw new IllegalArgumentException("timing must be 'fast' or 'realistic', not '" + mode + "'");
    }
    timing = mode;
    applyCommand();
    return self();
  }

  /** Extra {@code serve} options, e.g. {@code --require-key KEY}; appended to the image's own. */
  public GeminiLiveMockContainer withServeArgs(String... args) {
    extraArgs.addAll(List.of(args));
    applyCommand();
    return self();
  }

  @Override
  protected void configure() {
    super.configure();
    applyCommand();
  }

  /** The image's entrypoint holds {@code serve} and its fixed options; the command adds ours. */
  private void applyCommand() {
    List<String> command = new ArrayList<>();
    if (tls) {
      command.addAll(List.of("--tls", "--export-cert", TLS_DIR));
      String host = hostOrNull();
      if (host != null) {
        command.addAll(List.of("--tls-host", host));
      }
    }
    if (!extraArgs.contains("--timing") && extraArgs.stream().noneMatch(a -> a.startsWith("--timing="))) {
      command.addAll(List.of("--timing", timing));
    }
    command.addAll(extraArgs);
    setCommand(command.toArray(String[]::new));
  }

  private String hostOrNull() {
    try {
      return getHost();
    } catch (RuntimeException e) {
      return null; // no Docker yet: configure() sets it again before the container is created
    }
  }

  public boolean isTls() {
    return tls;
  }

  /** The port on the host that reaches the mock's {@value #PORT}. */
  public int getPort() {
    return getMappedPort(PORT);
  }

  /**
   * The base URL to give an SDK: {@code http://host:port}, or {@code https://} with
   * {@link #withTls()}; SDKs derive {@code ws://}/{@code wss://} from it.
   */
  public String getBaseUrl() {
    return (tls ? "https" : "http") + "://" + getHost() + ":" + getPort();
  }

  /** The base URL that selects a scenario: {@link #getBaseUrl()} + {@code /scenarioId}. */
  public String getBaseUrlFor(String scenarioId) {
    return getBaseUrl() + "/" + scenarioId.replaceAll("^/+|/+$", "");
  }

  /** An absolute URL for a path on the mock, e.g. {@code getUrl("/__admin/sessions")}. */
  public String getUrl(String path) {
    return getBaseUrl() + (path.startsWith("/") ? path : "/" + path);
  }

  /**
   * The admin API: {@code /__admin/sessions} (journals), {@code /__admin/mappings} (WireMock);
   * send {@link #getAdminAuthorization()} as the {@code Authorization} header.
   */
  public String getAdminUrl() {
    return getUrl("/__admin");
  }

  /** The certificate the mock serves, PEM-encoded; only with {@link #withTls()}. */
  public String getCertificatePem() {
    if (!tls) {
      throw new IllegalStateException("the container serves plain http; call withTls() before start");
    }
    return copyFileFromContainer(TLS_DIR + "/mock-cert.pem",
        in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  /** A trust store ({@code PKCS12}, no password needed to read it) holding the mock's certificate. */
  public KeyStore getTrustStore() {
    try (InputStream in = new ByteArrayInputStream(getCertificatePem().getBytes(StandardCharsets.US_ASCII))) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("gemini-live-mock", cert);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the mock's certificate: " + e.getMessage(), e);
    }
  }

  /** An SSL context that trusts the mock's certificate, for clients that take one. */
  public SSLContext getSslContext() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(getTrustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an SSL context: " + e.getMessage(), e);
    }
  }

  private static String buildTag() {
    Properties p = new Properties();
    try (InputStream in = GeminiLiveMockContainer.class.getResourceAsStream("image.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("tag", "latest");
  }
}
