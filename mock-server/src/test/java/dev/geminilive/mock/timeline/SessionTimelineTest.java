package dev.geminilive.mock.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.SessionJournal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read-side summariser on journals built by hand: what it draws from which entries, and that
 * a 15-minute two-way audio session stays a bounded picture.
 */
class SessionTimelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void toolCallAndResponseShareTheirIdAndFindingsAreAlarms() throws Exception {
    SessionJournal j = new Journal(1000, 10, 60_000).open("/ws/x");
    j.record(Direction.CLIENT_TO_SERVER, "setup", JSON.readTree("{\"setup\":{\"model\":\"models/m\"}}"), null);
    j.record(Direction.SERVER_TO_CLIENT, "toolCall",
        JSON.readTree("{\"toolCall\":{\"functionCalls\":[{\"id\":\"c1\",\"name\":\"get_weather\",\"args\":{}}]}}"), null);
    j.record(Direction.CLIENT_TO_SERVER, "toolResponse",
        JSON.readTree("{\"tool_response\":{\"function_responses\":[{\"id\":\"c1\",\"name\":\"get_weather\"}]}}"), null);
    j.event("finding", "TOOL-ECHO: wrong id");
    j.event("scenario-step", "line 12: expect toolResponse done");
    j.event("scenario-mismatch", "line 14: expected clientContent, got realtimeInput.audio");
    j.record(Direction.SERVER_TO_CLIENT, "serverContent",
        JSON.readTree("{\"serverContent\":{\"interrupted\":true}}"), null);
    j.record(Direction.SERVER_TO_CLIENT, "sessionResumptionUpdate",
        JSON.readTree("{\"sessionResumptionUpdate\":{\"newHandle\":\"h1\",\"resumable\":true}}"), null);
    j.record(Direction.SERVER_TO_CLIENT, "goAway", JSON.readTree("{\"goAway\":{\"timeLeft\":\"5s\"}}"), null);
    j.event("server-close", "1000 bye");

    SessionTimeline t = new SessionTimeline(j.sessionId());
    assertThat(t.update(j)).isTrue();
    assertThat(t.update(j)).as("nothing new").isFalse();
    List<Mark> marks = t.picture(100).marks();
    assertThat(marks).extracting(Mark::type).containsExactly(Mark.SETUP, Mark.TOOL_CALL, Mark.TOOL_RESPONSE,
        Mark.FINDING, Mark.STEP, Mark.MISMATCH, Mark.INTERRUPTED, Mark.RESUMPTION, Mark.GO_AWAY, Mark.CLOSE);
    assertThat(marks.get(7).label()).doesNotContain("h1"); // a resumption handle resumes someone's session
    assertThat(marks.get(1).link()).isEqualTo("c1").isEqualTo(marks.get(2).link()); // snake_case read too
    assertThat(t.alarms()).isEqualTo(2);
    String svg = TimelineSvg.render(t.picture(100), 800);
    assertThat(svg).contains("class=\"link\" data-link=\"c1\"").contains("class=\"mark alarm\"");
  }

  @Test
  void aFifteenMinuteSessionIsABoundedPicture() {
    // 15 minutes of 40 ms chunks both ways: 45,000 audio entries, plus a turn every 10 s.
    Journal journal = new Journal(100_000, 10, 60_000);
    SessionJournal j = journal.open("/ws/long");
    SessionTimeline t = new SessionTimeline(j.sessionId());
    int chunks = 15 * 60 * 25;
    long summarising = 0;
    for (int i = 0; i < chunks; i++) {
      j.record(Direction.CLIENT_TO_SERVER, "realtimeInput.audio", audio("realtimeInput", i % 50 < 25 ? 3000 : 0), null);
      if (i % 250 == 0) {
        j.event("vad", "speech started");
      }
      if (i % 2 == 0) {
        j.record(Direction.SERVER_TO_CLIENT, "serverContent.modelTurn", modelAudio(), null);
      }
      if (i % 250 == 200) {
        j.record(Direction.SERVER_TO_CLIENT, "serverContent.turnComplete",
            JSON.createObjectNode().set("serverContent", JSON.createObjectNode().put("turnComplete", true)), null);
        j.event("vad", "speech ended: end of turn");
      }
      if (i % 5000 == 0) {
        long t0 = System.nanoTime();
        t.update(j); // a page polling now and then
        summarising += System.nanoTime() - t0;
      }
    }
    long t0 = System.nanoTime();
    t.update(j);
    TimelinePicture whole = t.picture(1200);
    String svg = TimelineSvg.render(whole, 1200);
    summarising += System.nanoTime() - t0;
    assertThat(t.turns()).isEqualTo(chunks / 250);
    assertThat(whole.speech()).hasSize(chunks / 250);
    for (Wave w : whole.waves()) {
      assertThat(w.envelope().levels().length).isLessThanOrEqualTo(1201);
    }
    assertThat(svg.length()).isLessThan(400_000);
    // A window shows detail: 10 s at full resolution.
    TimelinePicture window = t.picture(300_000, 310_000, 1200);
    assertThat(window.waves().get(0).envelope().bucketMs()).isEqualTo(AudioEnvelope.BASE_BUCKET_MS);
    System.out.printf("15-minute session: %d entries summarised and drawn in %.0f ms in total; whole picture %d bytes%n",
        j.recordedEntries(), summarising / 1e6, svg.length());
  }

  @Test
  void entriesTheJournalDroppedBeforeTheSummaryAreSaid() throws Exception {
    SessionJournal j = new Journal(10, 10, 60_000).open("/ws/small");
    for (int i = 0; i < 30; i++) {
      j.event("scenario", "step " + i);
    }
    SessionTimeline t = new SessionTimeline(j.sessionId());
    t.update(j);
    assertThat(t.picture(10).notes()).singleElement().asString().startsWith("20 journal entries were dropped");
  }

  @Test
  void envelopeFromPcmShowsWhereTheSignalIs() {
    byte[] pcm = new byte[16000 * 2]; // 1 s at 16 kHz: silence, then 0.5 s of full-scale square wave
    for (int i = 8000; i < 16000; i++) {
      short v = (short) ((i & 8) == 0 ? 20000 : -20000);
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    AudioEnvelope e = AudioEnvelope.fromPcm(pcm, 16000, 100, 50);
    int[] levels = e.levels();
    assertThat(e.firstAudioMs()).isEqualTo(100);
    assertThat(levels).hasSize(22); // offset 100 ms = 2 empty buckets, then 20 of 50 ms
    assertThat(levels[2]).isEqualTo(1); // silence still marks "audio here"
    assertThat(levels[12]).isEqualTo(20000);
  }

  private static ObjectNode audio(String key, int rms) {
    ObjectNode m = JSON.createObjectNode();
    m.putObject(key).putObject("audio").put("mimeType", "audio/pcm;rate=16000").putObject("data")
        .put("bytes", 1280).put("crc32", "00000000").put("durationMs", 40.0).put("rms", rms);
    return m;
  }

  private static ObjectNode modelAudio() {
    ObjectNode m = JSON.createObjectNode();
    m.putObject("serverContent").putObject("modelTurn").putArray("parts").addObject().putObject("inlineData")
        .put("mimeType", "audio/pcm;rate=24000").putObject("data").put("bytes", 3840).put("durationMs", 80.0)
        .put("rms", 5000);
    return m;
  }
}
