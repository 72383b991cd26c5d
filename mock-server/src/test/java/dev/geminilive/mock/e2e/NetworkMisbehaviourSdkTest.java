package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.Modality;
import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.testing.TrustStoreProperties;
import dev.geminilive.mock.tls.TlsMaterial;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-genai Java SDK (2.0.0) still completes a session whose server frames cross a
 * bad network: latency with jitter, bunching, a bandwidth cap, all at once, over wss.
 */
class NetworkMisbehaviourSdkTest {
  @Test
  void theSdkGetsTheWholeReplyThroughABadNetwork(@TempDir Path dir) throws Exception {
    TlsMaterial tls = TlsMaterial.selfSigned(List.of());
    Path store = dir.resolve("mock-truststore.p12");
    tls.writeTrustStore(store);
    TrustStoreProperties trustStore = TrustStoreProperties.install(store);
    NetworkConditions bad = new NetworkConditions(150, 100, 200_000, new NetworkConditions.Bunch(4, 300), null, 5);
    try (GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options().tls(tls)
        .network(bad))) {
      Client client = Client.builder().apiKey("FAKE_KEY_123")
          .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build()).build();
      LiveConnectConfig config = LiveConnectConfig.builder()
          .responseModalities(Modality.Known.AUDIO)
          .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
          .build();
      AsyncSession session = client.async.live.connect("gemini-2.5-flash-native-audio-preview-12-2025", config)
          .get(15, TimeUnit.SECONDS);
      AtomicLong audioBytes = new AtomicLong();
      StringBuilder transcript = new StringBuilder();
      CountDownLatch turnComplete = new CountDownLatch(1);
      session.receive(msg -> msg.serverContent().ifPresent(content -> {
        content.modelTurn().flatMap(t -> t.parts()).ifPresent(parts -> parts.forEach(p ->
            p.inlineData().flatMap(b -> b.data()).ifPresent(d -> audioBytes.addAndGet(d.length))));
        content.outputTranscription().flatMap(t -> t.text()).ifPresent(transcript::append);
        if (content.turnComplete().orElse(false)) {
          turnComplete.countDown();
        }
      }));
      session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("Hello there").build())
          .get(5, TimeUnit.SECONDS);
      assertThat(turnComplete.await(20, TimeUnit.SECONDS)).as("turnComplete received").isTrue();
      // Every byte of the reply, in order of arrival: nothing lost or reordered on the way.
      assertThat(audioBytes.get()).isEqualTo(PersonaVoice.byteCount());
      assertThat(transcript.toString()).contains(PersonaVoice.TRANSCRIPT);
      session.close().get(5, TimeUnit.SECONDS);

      SessionJournal journal = mock.journal().latest().orElseThrow();
      assertThat(journal.entries()).filteredOn(e -> e.kind().equals("network")).extracting(JournalEntry::note)
          .singleElement().satisfies(n -> assertThat(n).contains("latency 150 ms ± 100 ms", "bunches of 4",
              "bandwidth 200000 B/s", "from server default"));
    } finally {
      trustStore.restore();
    }
  }
}
