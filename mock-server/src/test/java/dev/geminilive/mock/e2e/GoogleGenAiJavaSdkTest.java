package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.testing.TrustStoreProperties;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-genai Java SDK (Maven Central, 2.0.0) against the mock, over wss, with only its
 * base URL changed. The SDK forces wss and trusts only the JVM's trust store, so the test exports
 * the mock's self-signed certificate as a PKCS#12 store and points the JVM at it.
 */
class GoogleGenAiJavaSdkTest {
  static LiveServer server;
  static TrustStoreProperties trustStore;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    TlsMaterial tls = TlsMaterial.selfSigned(List.of());
    Path store = dir.resolve("mock-truststore.p12");
    tls.writeTrustStore(store);
    trustStore = TrustStoreProperties.install(store);
    server = LiveServer.start(ServerConfig.defaults().withTls(tls));
    assertThat(Files.size(store)).isPositive();
  }

  @AfterAll
  static void stop() {
    server.close();
    trustStore.restore();
  }

  @Test
  void audioTurnGetsThePersonasSpokenReply() throws Exception {
    Client client = Client.builder()
        .apiKey("FAKE_KEY_123")
        .httpOptions(HttpOptions.builder().baseUrl(server.baseUrl()).build())
        .build();
    LiveConnectConfig config = LiveConnectConfig.builder()
        .responseModalities(Modality.Known.AUDIO)
        .inputAudioTranscription(AudioTranscriptionConfig.builder().build())
        .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
        .build();
    AsyncSession session =
        client.async.live.connect("gemini-2.5-flash-native-audio-preview-12-2025", config)
            .get(10, TimeUnit.SECONDS);

    AtomicLong audioBytes = new AtomicLong();
    List<String> mimeTypes = new CopyOnWriteArrayList<>();
    StringBuilder transcript = new StringBuilder();
    CountDownLatch turnComplete = new CountDownLatch(1);
    session.receive(msg -> onMessage(msg, audioBytes, mimeTypes, transcript, turnComplete));

    // One second of a 440 Hz tone then 700 ms of silence, in 100 ms chunks: automatic activity
    // detection (the default) must find the end of the turn in the audio itself.
    byte[] speech = Signals.tone(440, 16000, 1000, 8000);
    byte[] silence = Signals.silence(16000, 700);
    for (byte[] chunk : concat(Signals.chunks(speech, 16000, 100), Signals.chunks(silence, 16000, 100))) {
      session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
          .audio(Blob.builder().data(chunk).mimeType("audio/pcm;rate=16000").build())
          .build()).get(5, TimeUnit.SECONDS);
    }

    assertThat(turnComplete.await(10, TimeUnit.SECONDS)).as("turnComplete received").isTrue();
    // The reply is the persona's whole clip: 24 kHz, 16-bit mono, its announced duration.
    long expected = 24_000L * 2 * PersonaVoice.DURATION_MILLIS / 1000;
    assertThat(audioBytes.get()).isEqualTo(expected).isEqualTo(PersonaVoice.byteCount());
    assertThat(mimeTypes).isNotEmpty().allMatch("audio/pcm;rate=24000"::equals);
    assertThat(transcript.toString()).contains(PersonaVoice.TRANSCRIPT);
    session.close().get(5, TimeUnit.SECONDS);

    // The journal saw what the SDK really sent: snake_case realtime_input, its key in a header.
    SessionJournal journal = server.journal().latest().orElseThrow();
    assertThat(journal.attribute("credential")).isEqualTo("api-key@header");
    assertThat(journal.path()).contains(".v1.GenerativeService"); // 2.0.0 defaults to v1, not v1beta
    List<JournalEntry> audio = journal.entries().stream()
        .filter(e -> e.fromClient() && e.kind().equals("realtimeInput.audio")).toList();
    assertThat(audio).hasSize(17);
    assertThat(audio.get(0).json().has("realtime_input")).isTrue();
    assertThat(audio.get(0).json().at("/realtime_input/audio/data/bytes").asInt()).isEqualTo(3200);
  }

  @Test
  void textTurnGetsItsReplyAndIsJournalledAsSent() throws Exception {
    Client client = Client.builder()
        .apiKey("FAKE_KEY_123")
        .httpOptions(HttpOptions.builder().baseUrl(server.baseUrl()).build())
        .build();
    AsyncSession session = client.async.live.connect("gemini-2.5-flash-native-audio-preview-12-2025",
            LiveConnectConfig.builder().responseModalities(Modality.Known.AUDIO).build())
        .get(10, TimeUnit.SECONDS);
    AtomicLong audioBytes = new AtomicLong();
    CountDownLatch turnComplete = new CountDownLatch(1);
    session.receive(msg -> onMessage(msg, audioBytes, new CopyOnWriteArrayList<>(), new StringBuilder(), turnComplete));
    session.sendClientContent(LiveSendClientContentParameters.builder()
            .turns(Content.builder().role("user").parts(Part.fromText("Hello there")).build())
            .turnComplete(true)
            .build())
        .get(5, TimeUnit.SECONDS);
    assertThat(turnComplete.await(10, TimeUnit.SECONDS)).as("turnComplete received").isTrue();
    assertThat(audioBytes.get()).isEqualTo(PersonaVoice.byteCount());
    // The SDK's frame (parts before role) is read by the frame reader's shortcut, which journals
    // it as the general reader did: the frame as sent, compact and unescaped.
    SessionJournal journal = server.journal().latest().orElseThrow();
    List<JournalEntry> turns = journal.entries().stream()
        .filter(e -> e.fromClient() && e.kind().equals("clientContent")).toList();
    assertThat(turns).hasSize(1);
    assertThat(turns.get(0).json().toString()).isEqualTo(
        "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"Hello there\"}],\"role\":\"user\"}],"
            + "\"turnComplete\":true}}");
    session.close().get(5, TimeUnit.SECONDS);
  }

  private static void onMessage(LiveServerMessage msg, AtomicLong audioBytes, List<String> mimeTypes,
      StringBuilder transcript, CountDownLatch turnComplete) {
    msg.serverContent().ifPresent(content -> {
      content.modelTurn().flatMap(t -> t.parts()).ifPresent(parts -> parts.forEach(p ->
          p.inlineData().ifPresent(blob -> {
            audioBytes.addAndGet(blob.data().map(d -> d.length).orElse(0));
            blob.mimeType().ifPresent(mimeTypes::add);
          })));
      content.outputTranscription().flatMap(t -> t.text()).ifPresent(transcript::append);
      if (content.turnComplete().orElse(false)) {
        turnComplete.countDown();
      }
    });
  }

  @SafeVarargs
  private static List<byte[]> concat(List<byte[]>... lists) {
    List<byte[]> all = new java.util.ArrayList<>();
    for (List<byte[]> l : lists) all.addAll(l);
    return all;
  }
}
