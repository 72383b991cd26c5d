package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.Modality;
import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.testing.TrustStoreProperties;
import dev.geminilive.mock.timing.EndOfSpeech;
import dev.geminilive.mock.timing.ReplyPlan;
import dev.geminilive.mock.timing.TimingMode;
import dev.geminilive.mock.timing.TimingSampler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The google-genai Java SDK against the front door in realistic timing: the persona's reply is
 * held back by the family's drawn time to first audio (recomputed here from the seed and the
 * session id), the whole clip still arrives, and the front door's default stays fast.
 */
class RealisticTimingSdkTest {
  static final String MODEL = "gemini-3.8-live";

  @Test
  void thePersonaWaitsTheDrawnFirstAudioAndTheSeedReplaysIt(@TempDir Path dir) throws Exception {
    assertThat(GeminiLiveMockOptions.options().timing()).isEqualTo(TimingMode.FAST);
    GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
        .tls(true).timing(TimingMode.REALISTIC).timingSeed(2026).timeScale(0.5));
    Path store = dir.resolve("trust.p12");
    mock.tlsMaterial().orElseThrow().writeTrustStore(store);
    TrustStoreProperties trust = TrustStoreProperties.install(store);
    try {
      Client client = Client.builder().apiKey("FAKE_KEY")
          .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build()).build();
      AsyncSession session = client.async.live.connect(MODEL, LiveConnectConfig.builder()
          .responseModalities(Modality.Known.AUDIO).build()).get(10, TimeUnit.SECONDS);
      AtomicLong firstAudioAt = new AtomicLong();
      AtomicLong audioBytes = new AtomicLong();
      CountDownLatch done = new CountDownLatch(1);
      session.receive(msg -> msg.serverContent().ifPresent(c -> {
        c.modelTurn().flatMap(t -> t.parts()).ifPresent(parts -> parts.forEach(p ->
            p.inlineData().flatMap(b -> b.data()).ifPresent(d -> {
              firstAudioAt.compareAndSet(0, System.nanoTime());
              audioBytes.addAndGet(d.length);
            })));
        if (c.turnComplete().orElse(false)) {
          done.countDown();
        }
      }));
      long sent = System.nanoTime();
      session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("hello").build())
          .get(5, TimeUnit.SECONDS);
      assertThat(done.await(15, TimeUnit.SECONDS)).as("turnComplete").isTrue();
      session.close().get(5, TimeUnit.SECONDS);

      SessionJournal journal = mock.journal().latest().orElseThrow();
      var timing = ProfileCatalog.bundled().family(MODEL).orElseThrow().timing();
      // The persona draws the end-of-speech silence first, then the reply: replay both.
      TimingSampler replay = TimingSampler.forSession(2026, journal.sessionId());
      // (The SDK's setup has no realtimeInputConfig: the default silence figure is drawn.)
      EndOfSpeech.silenceMs(dev.geminilive.mock.protocol.LiveJson.mapper().readValue(
              "{\"model\":\"models/" + MODEL + "\"}", dev.geminilive.mock.protocol.Setup.class),
          TimingMode.REALISTIC, timing, replay, 500);
      ReplyPlan expected = ReplyPlan.realistic(timing, replay, ReplyPlan.Trigger.USER_TURN);
      List<String> notes = journal.entries().stream().filter(e -> e.kind().equals("timing"))
          .map(JournalEntry::note).toList();
      assertThat(notes).anySatisfy(n -> assertThat(n).contains("--timing-seed 2026"));
      assertThat(notes).contains(expected.describe(ReplyPlan.Trigger.USER_TURN));
      assertThat(firstAudioAt.get() - sent).isGreaterThanOrEqualTo(expected.firstAudioNanos() / 2);
      assertThat(audioBytes.get()).isEqualTo(PersonaVoice.byteCount());
    } finally {
      trust.restore();
      mock.stop();
    }
  }
}
