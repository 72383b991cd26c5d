package dev.geminilive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * examples/docker-compose.yml, checked without a compose engine (none is installed where this
 * build runs): the image is this build's, the client waits for the mock's health check and finds
 * it by service name, every mounted folder exists.
 */
class ComposeFileTest {
  @Test
  void composeFileWiresTheMockAndTheClient() throws Exception {
    JsonNode compose = Examples.yaml("docker-compose.yml");
    JsonNode mock = compose.at("/services/mock");
    JsonNode client = compose.at("/services/client");
    assertThat(mock.get("image").asText()).isEqualTo("gemini-live-mock:" + Examples.VERSION);
    assertThat(mock.get("ports").get(0).asText()).endsWith(":9125");
    assertThat(client.at("/depends_on/mock/condition").asText()).isEqualTo("service_healthy");
    assertThat(client.at("/environment/GOOGLE_GEMINI_BASE_URL").asText()).isEqualTo("http://mock:9125");
    assertThat(client.at("/volumes/0").asText()).startsWith("./js-client:");
    for (JsonNode volume : mock.get("volumes")) {
      String host = volume.asText().split(":")[0];
      assertThat(Files.isDirectory(Examples.DIR.resolve(host))).as("mounted folder %s", host).isTrue();
    }
  }
}
