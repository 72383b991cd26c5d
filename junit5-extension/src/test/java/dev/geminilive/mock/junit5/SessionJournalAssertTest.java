package dev.geminilive.mock.junit5;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.SessionJournal;
import org.junit.jupiter.api.Test;

/** Each journal assertion passes on a well-behaved session and fails, naming the frame, on a bad one. */
class SessionJournalAssertTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static SessionJournal session() {
    return Journal.withDefaults().open("/ws/test");
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void client(SessionJournal s, String kind, String json) {
    s.record(Direction.CLIENT_TO_SERVER, kind, json(json), null);
  }

  @Test
  void audioRateLooksAtAudioAndMediaChunkAudioOnly() {
    SessionJournal s = session();
    client(s, "realtimeInput.audio", "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\"}}}");
    client(s, "realtimeInput.mediaChunks",
        "{\"realtime_input\":{\"media_chunks\":[{\"mime_type\":\"audio/pcm;rate=16000\"},{\"mime_type\":\"image/jpeg\"}]}}");
    client(s, "realtimeInput.audioStreamEnd", "{\"realtimeInput\":{\"audioStreamEnd\":true}}");
    JournalAssertions.assertThat(s).allAudioFramesHaveRate(16_000);

    client(s, "realtimeInput.audio", "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm\"}}}");
    assertThatThrownBy(() -> JournalAssertions.assertThat(s).allAudioFramesHaveRate(16_000))
        .hasMessageContaining("#4 audio/pcm");
  }

  @Test
  void noAudioAtAllFails() {
    SessionJournal s = session();
    client(s, "setup", "{\"setup\":{}}");
    assertThatThrownBy(() -> JournalAssertions.assertThat(s).allAudioFramesHaveRate(16_000))
        .hasMessageContaining("to have client audio frames");
  }

  @Test
  void clientContentAfterTheFirstTurnIsFoundAndATurnIsRequired() {
    SessionJournal s = session();
    client(s, "clientContent", "{\"clientContent\":{\"turnComplete\":true}}");
    assertThatThrownBy(() -> JournalAssertions.assertThat(s).hasNoClientContentAfterFirstTurn())
        .hasMessageContaining("no turnComplete");

    s.record(Direction.SERVER_TO_CLIENT, "serverContent.turnComplete", json("{}"), null);
    JournalAssertions.assertThat(s).hasNoClientContentAfterFirstTurn();
    client(s, "clientContent", "{\"clientContent\":{\"turnComplete\":true}}");
    assertThatThrownBy(() -> JournalAssertions.assertThat(s).hasNoClientContentAfterFirstTurn())
        .hasMessageContaining("found it at entries [3]");
  }
}
