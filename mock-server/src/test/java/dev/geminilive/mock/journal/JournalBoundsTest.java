package dev.geminilive.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.admin.AdminApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal's memory bounds: per-session capacity with a drop counter, and aging of closed sessions. */
class JournalBoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oldestEntriesAreDroppedAndCounted() throws Exception {
    Journal journal = new Journal(5, 10, 60_000);
    SessionJournal s = journal.open("/ws/x");
    for (int i = 1; i <= 12; i++) {
      s.record(Direction.CLIENT_TO_SERVER, "realtimeInput.audio", JSON.readTree("{\"n\":" + i + "}"), null);
    }
    s.event("note", "last");
    List<JournalEntry> kept = s.entries();
    assertThat(kept).hasSize(5);
    assertThat(kept.get(0).seq()).isEqualTo(9);
    assertThat(kept.get(0).json().get("n").asInt()).isEqualTo(9);
    assertThat(kept.get(4).note()).isEqualTo("last");
    assertThat(s.droppedEntries()).isEqualTo(8);
    assertThat(s.recordedEntries()).isEqualTo(13);
    assertThat(s.framesFromClient()).isEqualTo(12);
    assertThat(journal.droppedEntries()).isEqualTo(8);

    JsonNode listing = JSON.readTree(new AdminApi(journal).handle("GET", "/__admin/sessions").body());
    assertThat(listing.at("/sessions/0/droppedEntries").asLong()).isEqualTo(8);
    assertThat(listing.at("/sessions/0/recordedEntries").asLong()).isEqualTo(13);
  }

  @Test
  void manyOpenSessionsShareTheJournalBudget() {
    Journal journal = new Journal(1_000, 1_000, 10, 60_000);
    SessionJournal first = journal.open("/ws/1");
    journal.open("/ws/2");
    for (int i = 0; i < 600; i++) {
      first.event("e", null);
    }
    assertThat(first.entries()).hasSize(500); // two open: 500 each
    assertThat(first.droppedEntries()).isEqualTo(100);
    for (int i = 3; i <= 10; i++) {
      journal.open("/ws/" + i);
    }
    assertThat(journal.currentShare()).isEqualTo(100);
    first.event("e", null);
    assertThat(first.entries()).hasSize(100); // ten open: the oldest go at the next entry
    assertThat(first.droppedEntries()).isEqualTo(501);
    assertThat(first.recordedEntries()).isEqualTo(601);
  }

  @Test
  void entriesKeepTheirJsonCompactlyAndExactly() throws Exception {
    SessionJournal s = new Journal(10, 10, 60_000).open("/ws/x");
    JsonNode tree = JSON.readTree(
        "{\"realtime_input\":{\"audio\":{\"data\":{\"bytes\":3200,\"crc32\":\"0a0b0c0d\",\"rms\":12},"
            + "\"mime_type\":\"audio/pcm;rate=16000\"}},\"t\":\"\u00e9\u4e2d\"}");
    s.record(Direction.CLIENT_TO_SERVER, "realtimeInput.audio", tree, null);
    assertThat(s.entries().get(0).json()).isEqualTo(tree);
    assertThat(s.entries().get(0).json()).isNotSameAs(s.entries().get(0).json());
  }

  @Test
  void closedSessionsAgeOutByCountButOpenOnesStay() {
    Journal journal = new Journal(10, 2, 3_600_000);
    SessionJournal open = journal.open("/ws/open");
    SessionJournal[] closed = new SessionJournal[4];
    for (int i = 0; i < 4; i++) {
      closed[i] = journal.open("/ws/" + i);
    }
    for (SessionJournal c : closed) {
      journal.closed(c);
    }
    assertThat(journal.sessions()).containsExactly(open, closed[2], closed[3]);
    assertThat(journal.evictedSessions()).isEqualTo(2);
    assertThat(journal.openedSessions()).isEqualTo(5);
  }

  @Test
  void closedSessionsAgeOutByTimeWhenAnotherSessionOpens() throws Exception {
    Journal journal = new Journal(10, 100, 0);
    SessionJournal first = journal.open("/ws/1");
    first.record(Direction.EVENT, "x", null, "n");
    journal.closed(first);
    Thread.sleep(5);
    SessionJournal second = journal.open("/ws/2");
    assertThat(journal.sessions()).containsExactly(second);
    assertThat(journal.evictedSessions()).isEqualTo(1);
  }

  @Test
  void adminReportsJournalTotals() throws Exception {
    Journal journal = new Journal(1, 0, 60_000);
    SessionJournal s = journal.open("/ws/1");
    s.event("a", "1");
    s.event("b", "2");
    s.event("c", "3");
    journal.closed(s); // retainClosed 0: evicted at once, its drops still counted
    AdminApi.Response r = new AdminApi(journal).handle("GET", "/__admin/journal");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(body.get("openedSessions").asLong()).isEqualTo(1);
    assertThat(body.get("retainedSessions").asLong()).isEqualTo(0);
    assertThat(body.get("evictedSessions").asLong()).isEqualTo(1);
    // three entries, capacity 1: two dropped
    assertThat(body.get("droppedEntries").asLong()).isEqualTo(2);
  }
}
