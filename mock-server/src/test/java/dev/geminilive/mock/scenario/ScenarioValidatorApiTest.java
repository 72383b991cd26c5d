package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator as an API (Java and HTTP), JSON scenario files, and raw PCM audio. */
class ScenarioValidatorApiTest {
  @Test
  void jsonFilesAndRawPcmAudioLoad(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("sounds"));
    Files.write(dir.resolve("sounds/beep.pcm"), new byte[16000 * 2 / 10]); // 100 ms at 16 kHz
    Files.writeString(dir.resolve("json-one.json"), """
        {"id": "json-one", "title": "Written in JSON",
         "steps": [{"say": {"audio": {"file": "sounds/beep.pcm", "rate": 16000}, "chunkMs": 50}}]}
        """);
    try (ScenarioLibrary library = ScenarioServer.library(dir)) {
      assertThat(library.snapshot().problems()).isEmpty();
      Step.Say say = (Step.Say) library.snapshot().get("json-one").orElseThrow().steps().get(0);
      assertThat(say.audio().sampleRate()).isEqualTo(16000);
      assertThat(say.audio().durationMillis()).isEqualTo(100.0);
    }
  }

  @Test
  void validateTextChecksWithoutWritingAFile(@TempDir Path dir) {
    ScenarioValidator.Result r = ScenarioValidator.bundled().validateText(dir, "draft.yaml",
        "id: draft\ntitle: Draft\nsteps:\n  - wait: {ms: -1}\n");
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).extracting(Object::toString)
        .containsExactly("draft.yaml:4:16: steps[0].wait.ms: must have a minimum value of 0");
    assertThat(Files.exists(dir.resolve("draft.yaml"))).isFalse();
  }

  @Test
  void theAdminApiValidatesAPostedScenario(@TempDir Path dir) throws Exception {
    try (ScenarioLibrary library = ScenarioServer.library(dir);
        LiveServer server = ScenarioServer.start(ServerConfig.defaults(), library)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
              URI.create(server.baseUrl() + "/__admin/scenarios/validate/mine.yaml"))
          .POST(HttpRequest.BodyPublishers.ofString("id: mine\ntitle: Mine\nsteps:\n  - sya: {}\n")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = new ObjectMapper().readTree(bad.body());
      assertThat(body.path("valid").asBoolean()).isFalse();
      assertThat(body.path("problems").get(0).asText()).startsWith("mine.yaml:4:5: unknown step \"sya\"");
      HttpResponse<String> good = http.send(HttpRequest.newBuilder(
              URI.create(server.baseUrl() + "/__admin/scenarios/validate/mine.yaml"))
          .POST(HttpRequest.BodyPublishers.ofString("id: mine\ntitle: Mine\nsteps:\n  - wait: {ms: 1}\n")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(new ObjectMapper().readTree(good.body()).path("valid").asBoolean()).isTrue();
      assertThat(library.snapshot().scenarios()).isEmpty();
    }
  }
}
