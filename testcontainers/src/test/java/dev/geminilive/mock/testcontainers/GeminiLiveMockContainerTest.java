package dev.geminilive.mock.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The image this build made, run by Testcontainers: wait strategy, copied scenarios and mappings,
 * base URL, a Live session through the mapped port. Needs a Docker engine; without one the whole
 * class is reported as skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class GeminiLiveMockContainerTest {
  static final String BUILD_IMAGE = System.getProperty("gemini-live-mock.image.name", "gemini-live-mock:0.1.0-SNAPSHOT");
  static final String LIVE_PATH =
      "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=test-key";
  /**
   * This build's image under a tag of its own: other builds sharing the Docker engine may load
   * their own image under the same name at any moment.
   */
  static DockerImageName image;

  /** Loads the image tarball (built by container-image's jib:buildTar) into the local engine. */
  @BeforeAll
  static void loadImage() throws Exception {
    Path tar = Path.of(System.getProperty("gemini-live-mock.image.tar", "../container-image/target/gemini-live-mock-image.tar"));
    assumeTrue(Files.isRegularFile(tar),
        "no image tarball at " + tar + ": it is built on Linux by `mvn verify` from the root");
    DockerClient docker = DockerClientFactory.instance().client();
    try (InputStream in = Files.newInputStream(tar)) {
      docker.loadImageCmd(in).exec();
    }
    String id = imageId(tar);
    docker.tagImageCmd("sha256:" + id, "gemini-live-mock-under-test", id.substring(0, 16)).exec();
    image = DockerImageName.parse("gemini-live-mock-under-test:" + id.substring(0, 16))
        .asCompatibleSubstituteFor("gemini-live-mock");
  }

  /** An image's id is the SHA-256 of its config file, named in the tarball's manifest. */
  static String imageId(Path tar) throws Exception {
    java.util.Map<String, byte[]> files = new java.util.HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().endsWith(".json")) {
          files.put(e.getName(), in.readAllBytes());
        }
      }
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Config\"\\s*:\\s*\"([^\"]+)\"")
        .matcher(new String(files.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(m.find()).as("manifest.json names the config").isTrue();
    String config = m.group(1);
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(files.get(config)));
  }

  @Test
  void startsWithScenariosAndMappingsAndServesLiveAndRestOnOnePort(@TempDir Path dir) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("greeting.yaml"), String.join("\n",
        "# copied in by the test",
        "id: greeting",
        "title: Greeting from the container",
        "model: gemini-2.5-flash-native-audio-preview-12-2025",
        "steps:",
        "  - expect: {type: setup}",
        "  - say:",
        "      audio: {tone: {hz: 440, ms: 200}}",
        "      transcript: \"Hello from the container.\"",
        "      pace: fast",
        ""));
    Path mappings = Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(mappings.resolve("models.json"),
        "{\"request\":{\"method\":\"GET\",\"urlPath\":\"/v1beta/models\"},"
            + "\"response\":{\"status\":200,\"jsonBody\":{\"models\":[{\"name\":\"models/from-container\"}]}}}");

    try (GeminiLiveMockContainer mock = new GeminiLiveMockContainer(image)
        .withScenarios(scenarios)
        .withMappings(mappings)
        .withMapping("ping", "{\"request\":{\"url\":\"/ping\"},\"response\":{\"status\":200,\"body\":\"pong\"}}")
        .withTimeScale(0.1)) {
      mock.start();
      assertThat(mock.getBaseUrl()).startsWith("http://127.0.0.1:").doesNotEndWith(":9125");
      assertThat(mock.execInContainer("/opt/java/bin/java", "-version").getExitCode()).isZero();

      HttpClient http = HttpClient.newHttpClient();
      assertThat(get(http, mock.getBaseUrl() + "/v1beta/models")).contains("models/from-container");
      assertThat(get(http, mock.getBaseUrl() + "/ping")).isEqualTo("pong");
      assertThat(get(http, mock.getAdminUrl() + "/health")).contains("UP");

      // A Live session through the mapped port, selecting the scenario by path prefix.
      CompletableFuture<String> firstFrame = new CompletableFuture<>();
      WebSocket ws = http.newWebSocketBuilder().buildAsync(
          URI.create(mock.getBaseUrlFor("greeting").replaceFirst("^http", "ws") + LIVE_PATH),
          new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
              text.append(StandardCharsets.UTF_8.decode(data));
              if (last) firstFrame.complete(text.toString());
              w.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
              text.append(data);
              if (last) firstFrame.complete(text.toString());
              w.request(1);
              return null;
            }
          }).get(20, TimeUnit.SECONDS);
      ws.sendText("{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}", true);
      assertThat(firstFrame.get(20, TimeUnit.SECONDS)).contains("setupComplete");
      ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
      // The container guards its admin API with a token of its own.
      assertThat(http.send(HttpRequest.newBuilder(URI.create(mock.getAdminUrl() + "/sessions")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(mock.getAdminUrl() + "/mappings")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(get(http, mock.getAdminUrl() + "/mappings", mock.getAdminAuthorization())).contains("/ping");
      String sessions = get(http, mock.getAdminUrl() + "/sessions", mock.getAdminAuthorization());
      assertThat(sessions).contains("\"prefix\" : \"greeting\"");
      // The copied scenario was loaded and ran (the image starts with --scenarios).
      assertThat(sessions).contains("\"scenario\" : \"greeting\"");
      assertThat(get(http, mock.getAdminUrl() + "/scenarios", mock.getAdminAuthorization())).contains("greeting");

      // The image has no shell or ls; read the copied file back through the engine's API.
      String copied = mock.copyFileFromContainer(GeminiLiveMockContainer.SCENARIOS_DIR + "/greeting.yaml",
          in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(copied).contains("id: greeting");
    }
  }

  @Test
  void defaultImageIsThisBuildsAndOtherNamesMustBeDeclaredSubstitutes() {
    // The default names this build's image (read without resolving it: that could pull).
    assertThat(GeminiLiveMockContainer.DEFAULT_IMAGE_NAME.withTag(GeminiLiveMockContainer.DEFAULT_TAG)
        .asCanonicalNameString()).endsWith(BUILD_IMAGE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GeminiLiveMockContainer("some/other-image:1"))
        .isInstanceOf(IllegalStateException.class);
    // A mirror is accepted once declared a substitute (not started: that would pull it).
    new GeminiLiveMockContainer(org.testcontainers.utility.DockerImageName.parse("mirror.local/team/mock:1")
        .asCompatibleSubstituteFor("gemini-live-mock"));
  }

  @Test
  void withTlsServesWssAndHandsOutItsCertificate() throws Exception {
    try (GeminiLiveMockContainer mock = new GeminiLiveMockContainer(image).withTls().withTimeScale(0)) {
      mock.start();
      assertThat(mock.getBaseUrl()).isEqualTo("https://" + mock.getHost() + ":" + mock.getPort());
      assertThat(mock.getCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
      HttpClient https = HttpClient.newBuilder().sslContext(mock.getSslContext()).build();
      assertThat(get(https, mock.getUrl("__admin/health"))).contains("UP");
      // The admin API travels over the same TLS port, token included.
      assertThat(get(https, mock.getUrl("__admin/sessions"), mock.getAdminAuthorization())).contains("sessions");

      CompletableFuture<String> firstFrame = new CompletableFuture<>();
      WebSocket ws = https.newWebSocketBuilder().buildAsync(
          URI.create(mock.getBaseUrl().replaceFirst("^https", "wss") + LIVE_PATH),
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
              firstFrame.complete(StandardCharsets.UTF_8.decode(data).toString());
              return null;
            }
          }).get(20, TimeUnit.SECONDS);
      ws.sendText("{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}", true);
      assertThat(firstFrame.get(20, TimeUnit.SECONDS)).contains("setupComplete");
      ws.abort();
    }
  }

  static String get(HttpClient http, String url, String... authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    for (String a : authorization) {
      b.header("Authorization", a);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
    return r.body();
  }
}
