package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.testing.JsSdkProbe;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @google/genai} 3.1.0 JS SDK (npm) against the mock over plain ws, driven by a
 * Node script. Never skipped: without Node and the npm packages the test fails.
 */
class GoogleGenAiJsSdkTest {
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveServer.start(ServerConfig.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void audioTurnGetsThePersonasSpokenReply() throws Exception {
    JsSdkProbe.Result r = JsSdkProbe.run("--base-url", server.baseUrl(), "--action", "audio-turn",
        "--model", "gemini-2.5-flash-native-audio-preview-12-2025", "--chunk-interval-ms", "20");
    JsonNode summary = r.summary();
    assertThat(summary.path("connected").asBoolean()).as(r.stderr()).isTrue();
    assertThat(summary.path("setupComplete").asBoolean()).isTrue();
    assertThat(summary.path("audioBytes").asInt()).isEqualTo(PersonaVoice.byteCount());
    assertThat(summary.path("turnCompletes").asInt()).isEqualTo(1);
    assertThat(summary.path("generationCompletes").asInt()).isEqualTo(1);
    assertThat(summary.path("outputTranscription").asText()).contains(PersonaVoice.TRANSCRIPT);
    assertThat(r.all("message")).allSatisfy(m ->
        m.path("audioMimeTypes").forEach(t -> assertThat(t.asText()).isEqualTo("audio/pcm;rate=24000")));

    // What the SDK put on the wire, from the mock's journal.
    SessionJournal journal = server.journal().latest().orElseThrow();
    assertThat(journal.path()).startsWith("//ws/google.ai.generativelanguage.v1.GenerativeService")
        .endsWith("?key=REDACTED");
    assertThat(journal.attribute("credential")).isEqualTo("api-key@query");
    List<JournalEntry> audio = journal.entries().stream()
        .filter(e -> e.fromClient() && e.kind().equals("realtimeInput.audio")).toList();
    assertThat(audio).isNotEmpty().allSatisfy(e ->
        assertThat(e.json().at("/realtimeInput/audio/mimeType").asText()).isEqualTo("audio/pcm;rate=16000"));
    assertThat(journal.entries()).anyMatch(e -> e.kind().equals("realtimeInput.audioStreamEnd"));
    // session.close() sends a close frame without a status code: the server sees 1005.
    assertThat(journal.closeCode()).isEqualTo(1005);
  }

  @Test
  void textTurnAndAModelTheServiceDoesNotServe() throws Exception {
    JsonNode text = JsSdkProbe.run("--base-url", server.baseUrl(), "--action", "text-turn",
        "--model", "gemini-3.1-flash-live-preview").summary();
    assertThat(text.path("audioBytes").asInt()).isEqualTo(PersonaVoice.byteCount());
    assertThat(text.path("turnCompletes").asInt()).isEqualTo(1);

    JsSdkProbe.Result missing = JsSdkProbe.run("--base-url", server.baseUrl(), "--action", "connect-only",
        "--model", "gemini-live-2.5-flash-preview");
    assertThat(missing.summary().path("connected").asBoolean()).isFalse();
    assertThat(missing.summary().path("closeCode").asInt()).isEqualTo(1008);
    assertThat(missing.first("connectRejected")).get()
        .satisfies(e -> assertThat(e.path("message").asText()).contains("code 1008").contains("is not found"));
  }
}
