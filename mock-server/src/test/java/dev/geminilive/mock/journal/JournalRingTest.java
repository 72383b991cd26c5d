package dev.geminilive.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ring positions and arena bytes are reused: what a reader got stays as it was when they are. */
class JournalRingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] json(int n) {
    // sizes from tiny to large, so slot buffers are reused, grown and replaced
    return ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat((n * 37) % 3000) + "\"}").getBytes();
  }

  @Test
  void keptEntriesAreExactAcrossWrapGrowthAndReuse() throws Exception {
    int[] share = {5};
    SessionJournal s = new SessionJournal("s1", "/ws/x", 40, () -> share[0]);
    List<JournalEntry> before = null;
    for (int n = 1; n <= 120; n++) {
      if (n == 30) {
        share[0] = 25; // fewer sessions open: a bigger share, the ring grows
        before = s.entries();
      }
      if (n == 80) {
        share[0] = 3; // more sessions open: the oldest go at the next entry
      }
      if (n % 7 == 0) {
        s.event("note", "event " + n);
      } else {
        s.recordJson(n % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, "k" + (n % 3), json(n), null);
      }
    }
    List<JournalEntry> kept = s.entries();
    assertThat(kept).hasSize(3);
    assertThat(kept).extracting(JournalEntry::seq).containsExactly(118L, 119L, 120L);
    assertThat(kept.get(1).note()).isEqualTo("event 119");
    assertThat(kept.get(1).json()).isNull();
    assertThat(kept.get(2).json()).isEqualTo(JSON.readTree(json(120)));
    assertThat(kept.get(2).direction()).isEqualTo(Direction.CLIENT_TO_SERVER);
    assertThat(kept.get(2).kind()).isEqualTo("k0");
    assertThat(s.droppedEntries()).isEqualTo(117);
    assertThat(s.recordedEntries()).isEqualTo(120);
    // Read before the slots were reused: unchanged.
    assertThat(before).extracting(JournalEntry::seq).containsExactly(25L, 26L, 27L, 28L, 29L);
    for (JournalEntry e : before) {
      if (e.seq() % 7 != 0) {
        assertThat(e.json()).isEqualTo(JSON.readTree(json((int) e.seq())));
      }
    }
    assertThat(s.entriesAfter(118)).extracting(JournalEntry::seq).containsExactly(119L, 120L);
    assertThat(s.entriesAfter(120)).isEmpty();
    assertThat(s.entriesAfter(0)).isEqualTo(kept);
  }
}
