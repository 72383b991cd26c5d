package dev.geminilive.mock.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarball that {@code mvn verify} built with Jib, without a Docker engine: what its
 * config says (entrypoint, user, port, health check), what its layers hold, and that the jar in it
 * starts and answers with the image's own command line.
 */
class ImageTarballIT {
  static ImageTarball image;
  static JsonNode config;

  @BeforeAll
  static void read() throws Exception {
    Path tar = Path.of(System.getProperty("image.tar"));
    assertThat(tar).as("image tarball built by jib:buildTar").isRegularFile();
    image = new ImageTarball(tar);
    config = image.config().get("config");
  }

  static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  @Test
  void configRunsTheJarAsANonRootUserOnPort9125WithAHealthCheck() throws Exception {
    assertThat(image.manifest().get("RepoTags").get(0).asText()).isEqualTo(System.getProperty("image.name"));
    // The fixed part is the entrypoint: `docker run IMAGE --time-scale 0` keeps --host 0.0.0.0.
    assertThat(strings(config.get("Entrypoint")))
        .startsWith("/opt/java/bin/java")
        .containsSubsequence("-jar", "/app/gemini-live-mock.jar", "serve", "--host", "0.0.0.0", "--port", "9125")
        .endsWith("--url-file", "/tmp/gemini-live-mock.url");
    assertThat(config.get("Cmd") == null || config.get("Cmd").isNull() || config.get("Cmd").isEmpty())
        .as("no default arguments: docker run's arguments are appended to the entrypoint").isTrue();
    assertThat(config.get("User").asText()).isEqualTo("65532:65532");
    assertThat(config.get("ExposedPorts").has("9125/tcp")).isTrue();
    assertThat(strings(config.at("/Healthcheck/Test")))
        .startsWith("CMD", "/opt/java/bin/java").endsWith("@/tmp/gemini-live-mock.url");
  }

  @Test
  void layersHoldTheRuntimeTheJarAndTheUser() throws Exception {
    Map<String, byte[]> files = image.layerFiles(p -> p.equals("opt/java/bin/java") || p.equals("app/gemini-live-mock.jar")
        || p.equals("etc/passwd") || p.startsWith("lib64/") || p.equals("home/mock/mappings"));
    assertThat(files.keySet()).contains("opt/java/bin/java", "app/gemini-live-mock.jar", "etc/passwd", "home/mock/mappings");
    assertThat(files.keySet()).anyMatch(p -> p.startsWith("lib64/ld-linux"));
    assertThat(new String(files.get("etc/passwd"), StandardCharsets.UTF_8)).contains(":65532:65532:");
  }

  @Test
  void theJarStartsWithTheImagesCommandLineAndPassesItsHealthCheck(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("gemini-live-mock.jar");
    Files.write(jar, image.layerFiles(p -> p.equals("app/gemini-live-mock.jar")).get("app/gemini-live-mock.jar"));
    Path home = dir.resolve("home-mock");
    Files.createDirectories(home.resolve("mappings"));
    Files.writeString(home.resolve("mappings/ping.json"),
        "{\"request\":{\"method\":\"GET\",\"url\":\"/ping\"},\"response\":{\"status\":200,\"body\":\"pong\"}}");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // The image's entrypoint and command, with the host's java, the extracted jar, a free port
    // (9125 may be taken on a build machine) and a local folder for /home/mock.
    List<String> command = new ArrayList<>();
    Path urlFile = dir.resolve("mock.url");
    for (String arg : strings(config.get("Entrypoint"))) {
      command.add(switch (arg) {
        case "/opt/java/bin/java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
        case "/app/gemini-live-mock.jar" -> jar.toString();
        case "/home/mock" -> home.toString();
        case "/tmp/gemini-live-mock.url" -> urlFile.toString();
        case "0.0.0.0" -> "127.0.0.1";
        default -> arg;
      });
    }
    // What `docker run IMAGE --time-scale 0 --port N` appends; the environment variable comes last.
    command.addAll(List.of("--time-scale", "0", "--port", String.valueOf(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("GEMINI_LIVE_MOCK_OPTIONS", "--text-frames");
    Process process = builder.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          for (String l; (l = out.readLine()) != null; ) {
            if (l.contains("listening on")) return l;
          }
          return "(exited)";
        } catch (Exception e) {
          return e.toString();
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(line).contains("http://127.0.0.1:" + port);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/__admin/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(new ObjectMapper().readTree(health.body()).get("status").asText()).isEqualTo("UP");
      HttpResponse<String> stub = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(stub.body()).isEqualTo("pong");

      // The health check reads the URL file, so it asks the port actually served, not 9125.
      List<String> probe = new ArrayList<>();
      for (String arg : strings(config.at("/Healthcheck/Test")).subList(1, strings(config.at("/Healthcheck/Test")).size())) {
        probe.add(arg.replace("/opt/java/bin/java", Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .replace("/app/gemini-live-mock.jar", jar.toString())
            .replace("/tmp/gemini-live-mock.url", urlFile.toString()));
      }
      Process check = new ProcessBuilder(probe).inheritIO().start();
      assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(check.exitValue()).as("health check exit code").isZero();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
