package dev.geminilive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * examples/js-client runs unmodified against the mock: the real @google/genai SDK finds it through
 * GOOGLE_GEMINI_BASE_URL alone, completes a turn, and the program exits 0.
 */
class JsClientExampleTest {
  @Test
  void theClientFindsTheMockThroughTheEnvironmentAndCompletesATurn() throws Exception {
    try (GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
        .timeScale(0).rest(false))) {
      ProcessBuilder pb = new ProcessBuilder("node", "talk.mjs")
          .directory(Examples.DIR.resolve("js-client").toFile())
          .redirectErrorStream(true);
      pb.environment().put("GOOGLE_GEMINI_BASE_URL", mock.baseUrl());
      pb.environment().put("GOOGLE_API_KEY", "example-key");
      pb.environment().remove("GEMINI_API_KEY");
      pb.environment().remove("GOOGLE_GENAI_USE_VERTEXAI");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("turn complete");
      assertThat(mock.journal().sessions()).as("the session reached this mock").hasSize(1);
      assertThat(mock.journal().sessions().get(0).attribute("credential")).startsWith("api-key");
    }
  }
}
