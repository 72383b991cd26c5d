package dev.geminilive.mock.junit5;

import static dev.geminilive.mock.junit5.JournalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import dev.geminilive.mock.journal.SessionJournal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The real google-genai Java SDK inside a {@link GeminiLiveMock} test: base URL and trust come
 * from the extension, the scenario from {@link Scenario}, the checks from the journal.
 *
 * <p>The scenario {@code weather-smalltalk} (in {@code src/test/resources/scenarios}) scripts the
 * session; the base URL the extension gives this test selects it by its path prefix.
 */
@GeminiLiveMock(timeScale = 0.1, scenarios = "src/test/resources/scenarios")
class JavaSdkWithExtensionTest {
  static Client client(GeminiLiveMockRuntime mock) {
    return Client.builder().apiKey("test-key")
        .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build())
        .build();
  }

  @Test
  @Scenario("weather-smalltalk")
  void perTestScenarioReachesTheMockAndTheJournalShowsHowTheClientBehaved(GeminiLiveMockRuntime mock)
      throws Exception {
    assertThat(mock.baseUrl()).isEqualTo(mock.rootUrl() + "/weather-smalltalk").startsWith("https://");
    try (SdkTalk talk = SdkTalk.connect(client(mock), SdkTalk.MODEL)) {
      talk.textTurn("Hello, what is the weather like?").spokenTurn(16_000);
    }

    SessionJournal session = mock.awaitLatestClosed(Duration.ofSeconds(10));
    assertThat(session)
        .hasPrefix("weather-smalltalk")
        .usedCredential("api-key@header")
        .hasClientMessage("clientContent")
        .hasNoClientContentAfterFirstTurn()
        .allAudioFramesHaveRate(16_000);
    assertThat(session).serverMessageKinds().filteredOn(k -> k.contains("turnComplete")).hasSize(2);
    // The scenario, not the persona, answered: its transcripts are in the journal, no mismatch.
    assertThat(session.attribute("scenario")).isEqualTo("weather-smalltalk");
    assertThat(session.entries()).noneMatch(e -> e.kind().equals("scenario-mismatch"));
    assertThat(session.entries()).anyMatch(e -> e.fromServer() && e.json() != null
        && e.json().at("/serverContent/outputTranscription/text").asText().equals("Glad you asked twice."));
  }

  /** A scenario written in Java for this test, run by the google-genai Java SDK. */
  @Test
  void aScenarioWrittenInJavaAnswersTheRealSdk(GeminiLiveMockRuntime mock) throws Exception {
    String url = mock.useScenario(dev.geminilive.mock.scenario.build.ScenarioBuilder.scenario("java-weather")
        .expect("clientContent", e -> e.contains("clientContent.turns[0].parts[0].text", "weather"))
        .say(s -> s.tone(300, 200).transcript("Sunny, from Java.").fast()));
    Client client = Client.builder().apiKey("test-key")
        .httpOptions(HttpOptions.builder().baseUrl(url).build()).build();
    try (SdkTalk talk = SdkTalk.connect(client, SdkTalk.MODEL)) {
      talk.textTurn("Hello, what is the weather like?");
    }
    SessionJournal session = mock.awaitLatestClosed(Duration.ofSeconds(10));
    assertThat(session.attribute("scenario")).isEqualTo("java-weather");
    assertThat(session.entries()).noneMatch(e -> e.kind().equals("scenario-mismatch"));
    assertThat(session.entries()).anyMatch(e -> e.fromServer() && e.json() != null
        && e.json().at("/serverContent/outputTranscription/text").asText().equals("Sunny, from Java."));
  }

  @Test
  void theJournalAssertionsCatchAClientThatMisbehaves(GeminiLiveMockRuntime mock) throws Exception {
    assertThat(mock.baseUrl()).isEqualTo(mock.rootUrl());
    try (SdkTalk talk = SdkTalk.connect(client(mock), SdkTalk.MODEL)) {
      talk.textTurn("first").textTurn("second, still as clientContent").spokenTurn(24_000);
    }
    SessionJournal session = mock.awaitLatestClosed(Duration.ofSeconds(10));
    assertThat(mock.sessions()).as("journals are per test").hasSize(1);

    assertThatThrownBy(() -> assertThat(session).hasNoClientContentAfterFirstTurn())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no clientContent after the first turn");
    assertThatThrownBy(() -> assertThat(session).allAudioFramesHaveRate(16_000))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("audio/pcm;rate=24000");
  }
}
