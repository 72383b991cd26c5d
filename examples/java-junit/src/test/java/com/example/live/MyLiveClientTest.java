package com.example.live;

import static dev.geminilive.mock.junit5.JournalAssertions.assertThat;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.Blob;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import dev.geminilive.mock.junit5.GeminiLiveMock;
import dev.geminilive.mock.junit5.GeminiLiveMockRuntime;
import dev.geminilive.mock.junit5.Scenario;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's example, as a project that uses the JUnit extension would write it. */
@GeminiLiveMock(scenarios = "src/test/resources/scenarios", timeScale = 0.1)
class MyLiveClientTest {
  @Test
  @Scenario("greeting")
  void talks(GeminiLiveMockRuntime mock) throws Exception {
    Client client = Client.builder().apiKey("any-key")
        .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build()).build();
    AsyncSession session = client.async.live
        .connect("gemini-2.5-flash-native-audio-preview-12-2025", LiveConnectConfig.builder().build())
        .get(10, TimeUnit.SECONDS);
    session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
        .audio(Blob.builder().data(new byte[3200]).mimeType("audio/pcm;rate=16000").build())
        .build()).get(5, TimeUnit.SECONDS);
    session.close().get(5, TimeUnit.SECONDS);

    assertThat(mock.awaitLatestClosed(Duration.ofSeconds(10)))
        .hasPrefix("greeting")
        .allAudioFramesHaveRate(16000);
  }
}
