package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.genai.types.LiveConnectConfig;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.testing.JsSdkProbe;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code @google/genai} 3.3.0 (npm) connects with a config that sets every field the SDK
 * types share with the Java SDK, plus the ones only the JS SDK has, and the mock's proto-JSON
 * reader accepts the setup the SDK writes ({@code every-field-probe.mjs}).
 */
class JsSdkEveryFieldTest {
  @Test
  void everySetupFieldTheJsSdkWritesIsKnown(@TempDir Path dir) throws Exception {
    ObjectNode config = (ObjectNode) JavaSdkEveryFieldTest.fill(LiveConnectConfig.class, 0);
    config.remove("httpOptions");
    config.set("responseModalities", config.arrayNode().add("AUDIO"));
    ((ObjectNode) config.get("proactivity")).put("proactiveVideo", true); // JS SDK 3.3.0 only
    Path file = dir.resolve("config.json");
    Files.writeString(file, config.toString());
    try (LiveServer server = LiveServer.start(ServerConfig.defaults())) {
      JsSdkProbe.Result result = JsSdkProbe.runScript("every-field-probe.mjs",
          "--base-url", server.baseUrl(), "--config", file.toString(), "--timeout-ms", "8000");
      JsonNode summary = result.summary();
      assertThat(summary.path("outcome").asText()).as(result.stderr()).isIn("setupComplete", "close");
      Set<String> refused = new TreeSet<>();
      summary.path("refusedBySdk").forEach(n -> refused.add(n.asText()));
      assertThat(refused).contains("explicitVadSignal", "transparent");

      SessionJournal journal = server.journal().latest().orElseThrow();
      JournalEntry setup = journal.entries().stream().filter(JournalEntry::fromClient).findFirst().orElseThrow();
      assertThat(setup.kind()).as("setup entry " + setup.note()).isEqualTo("setup");
      String reason = summary.path("close").path("reason").asText("");
      assertThat(reason).doesNotStartWith("Invalid JSON payload").doesNotStartWith("Invalid value at");
      JsonNode sent = setup.json().get("setup");
      assertThat(sent.at("/proactivity/proactiveVideo").asBoolean()).isTrue();
      assertThat(sent.has("avatarConfig")).isTrue();
      assertThat(sent.at("/generationConfig/thinkingConfig").size()).isEqualTo(3);
      assertThat(sent.at("/inputAudioTranscription").size()).isGreaterThan(5);
    }
  }
}
