package dev.geminilive.mock.testcontainers;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Gemini Live mock in a container, for tests in any JVM language:
 *
 * <pre>{@code
 * @Container
 * static GeminiLiveMockContainer mock = new GeminiLiveMockContainer("gemini-live-mock:0.1.0-SNAPSHOT")
 *     .withScenarios(Path.of("src/test/resources/scenarios"))
 *     .withMappings(Path.of("src/test/resources/wiremock/mappings"));
 * ...
 * HttpOptions.builder().baseUrl(mock.getBaseUrl())   // ws:// and http:// on one port
 * }</pre>
 *
 * The container listens on {@value #PORT}; it counts as started once {@code GET /__admin/health}
 * answers 200. The admin API is guarded by a fresh random token per container, passed in the
 * environment ({@value #ADMIN_TOKEN_ENV}, never on the command line); send
 * {@link #getAdminAuthorization()} as the {@code Authorization} header of admin calls. Scenario files go to {@value #SCENARIOS_DIR}, WireMock mappings to
 * {@value #MAPPINGS_DIR} (the image serves {@code /home/mock} as its WireMock folder).
 */
public class GeminiLiveMockContainer extends GenericContainer<GeminiLiveMockContainer> {
  public static final int PORT = 9125;
  public static final String HOME = "/home/mock";
  public static final String SCENARIOS_DIR = HOME + "/scenarios";
  public static final String MAPPINGS_DIR = HOME + "/mappings";
  public static final String FILES_DIR = HOME + "/__files";

  /** The environment variable the mock reads its admin token from. */
  public static final String ADMIN_TOKEN_ENV = "GEMINI_LIVE_MOCK_ADMIN_TOKEN";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<String> extraArgs = new ArrayList<>();
  private String adminToken;

  /** @param image the image built by this project's {@code container-image} module, e.g. {@code gemini-live-mock:0.1.0-SNAPSHOT} */
  public GeminiLiveMockContainer(String image) {
    this(DockerImageName.parse(image));
  }

  public GeminiLiveMockContainer(DockerImageName image) {
    super(image);
    withExposedPorts(PORT);
    waitingFor(Wait.forHttp("/__admin/health").forPort(PORT).forStatusCode(200));
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

  /** Extra {@code serve} options, e.g. {@code --require-key KEY}. */
  public GeminiLiveMockContainer withServeArgs(String... args) {
    extraArgs.addAll(List.of(args));
    applyCommand();
    return self();
  }

  private void applyCommand() {
    List<String> command = new ArrayList<>(List.of(
        "serve", "--host", "0.0.0.0", "--port", String.valueOf(PORT), "--stubs", HOME,
        "--scenarios", SCENARIOS_DIR));
    command.addAll(extraArgs);
    setCommand(command.toArray(String[]::new));
  }

  /** The base URL to give an SDK: {@code http://host:port} (SDKs derive {@code ws://} from it). */
  public String getBaseUrl() {
    return "http://" + getHost() + ":" + getMappedPort(PORT);
  }

  /** The base URL that selects a scenario: {@link #getBaseUrl()} + {@code /scenarioId}. */
  public String getBaseUrlFor(String scenarioId) {
    return getBaseUrl() + "/" + scenarioId.replaceAll("^/+|/+$", "");
  }

  /**
   * The admin API: {@code /__admin/sessions} (journals), {@code /__admin/mappings} (WireMock);
   * send {@link #getAdminAuthorization()} as the {@code Authorization} header.
   */
  public String getAdminUrl() {
    return getBaseUrl() + "/__admin";
  }
}
