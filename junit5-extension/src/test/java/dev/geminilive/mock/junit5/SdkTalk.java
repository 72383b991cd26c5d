package dev.geminilive.mock.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Drives the real google-genai Java SDK through turns against the mock; waits on turnComplete. */
final class SdkTalk implements AutoCloseable {
  static final String MODEL = "gemini-2.5-flash-native-audio-preview-12-2025";
  private final AsyncSession session;
  private final Semaphore turnsDone = new Semaphore(0);

  private SdkTalk(AsyncSession session) {
    this.session = session;
    session.receive(msg -> msg.serverContent().ifPresent(c -> {
      if (c.turnComplete().orElse(false)) {
        turnsDone.release();
      }
    }));
  }

  static SdkTalk connect(Client client, String model) throws Exception {
    // Transcriptions come only when asked for, as on the real service.
    LiveConnectConfig config = LiveConnectConfig.builder().responseModalities(Modality.Known.AUDIO)
        .outputAudioTranscription(com.google.genai.types.AudioTranscriptionConfig.builder().build())
        .build();
    return new SdkTalk(client.async.live.connect(model, config).get(20, TimeUnit.SECONDS));
  }

  /** A typed user turn ({@code clientContent} with {@code turnComplete}); waits for the reply to end. */
  SdkTalk textTurn(String text) throws Exception {
    session.sendClientContent(LiveSendClientContentParameters.builder()
        .turns(Content.builder().role("user").parts(Part.fromText(text)).build())
        .turnComplete(true)
        .build()).get(10, TimeUnit.SECONDS);
    return awaitTurn();
  }

  /** A spoken turn: 600 ms of a 440 Hz tone then 800 ms of silence, 100 ms chunks, at {@code rate} Hz. */
  SdkTalk spokenTurn(int rate) throws Exception {
    int chunk = rate / 10;
    for (int i = 0; i < 14; i++) {
      byte[] pcm = new byte[chunk * 2];
      if (i < 6) {
        for (int s = 0; s < chunk; s++) {
          short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * chunk + s) / rate));
          pcm[2 * s] = (byte) v;
          pcm[2 * s + 1] = (byte) (v >> 8);
        }
      }
      session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
          .audio(Blob.builder().data(pcm).mimeType("audio/pcm;rate=" + rate).build())
          .build()).get(10, TimeUnit.SECONDS);
    }
    return awaitTurn();
  }

  private SdkTalk awaitTurn() throws InterruptedException {
    assertThat(turnsDone.tryAcquire(20, TimeUnit.SECONDS)).as("turnComplete from the mock").isTrue();
    return this;
  }

  @Override
  public void close() throws Exception {
    session.close().get(10, TimeUnit.SECONDS);
  }
}
