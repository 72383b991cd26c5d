package dev.geminilive.mock.journal;

import static dev.geminilive.mock.testing.RawLiveClient.DEV_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over a real socket, text turns read by the frame reader's shortcut still get their reply, and
 * each {@code clientContent} frame is journalled as the general reader's tree would journal it,
 * byte for byte, whichever path read it.
 */
class TextTurnJournalTest {
  private static final String MODEL_25 = "models/gemini-2.5-flash-native-audio-preview-12-2025";

  /** Each frame, and whether it ends the turn (then the test waits for the reply). */
  private static final List<String> FRAMES = List.of(
      // as the google-genai Java and JS SDKs send it: parts first
      "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"Hello there\"}],\"role\":\"user\"}],\"turnComplete\":true}}",
      // role first, two turns, not yet complete
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"one\"},{\"text\":\" two\"}]},"
          + "{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]}],\"turnComplete\":false}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}",
      // the general path: escapes and non-ASCII, written back in the journal's own form
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"caf\\u00e9 \\\"\u00e0\\\" \\/\"}]}],"
          + "\"turnComplete\":true}}",
      // and whitespace
      "{\"clientContent\": {\"turns\": [{\"role\": \"user\", \"parts\": [{\"text\": \"spaced\"}]}], \"turnComplete\": true}}");

  @Test
  void textTurnsGetTheirReplyAndTheirJournalEntryIsTheGeneralReadersOne() throws Exception {
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withSession(new SessionSettings(0.1, 300)));
        RawLiveClient c = RawLiveClient.connect(server.baseUrl().replaceFirst("^http", "ws") + DEV_PATH + "?key=k")) {
      c.setup(MODEL_25, "");
      assertThat(c.next(5000).json().has("setupComplete")).isTrue();
      for (int i = 0; i < FRAMES.size(); i++) {
        String frame = FRAMES.get(i);
        if (i % 2 == 0) {
          c.send(frame);
        } else {
          c.sendBinary(frame);
        }
        if (frame.endsWith("\"turnComplete\":true}}") || frame.endsWith("\"turnComplete\": true}}")) {
          List<Frame> reply = c.until(n -> n.at("/serverContent/turnComplete").asBoolean(), 10_000);
          assertThat(reply).as(frame).anyMatch(f -> f.json().has("serverContent")
              && f.json().at("/serverContent/turnComplete").asBoolean());
        }
      }
      assertThat(c.isClosed()).isFalse();

      SessionJournal journal = server.journal().latest().orElseThrow();
      List<JournalEntry> entries = journal.entries().stream()
          .filter(e -> e.fromClient() && e.kind().equals("clientContent")).toList();
      assertThat(entries).hasSize(FRAMES.size());
      ClientMessageDecoder general = new ClientMessageDecoder();
      for (int i = 0; i < FRAMES.size(); i++) {
        byte[] sent = FRAMES.get(i).getBytes(StandardCharsets.UTF_8);
        byte[] expected = JournalForm.ofClientTree(general.decode(sent).tree()); // the stream reader: no shortcut
        assertThat(new String(entries.get(i).jsonBytes(), StandardCharsets.UTF_8)).as(FRAMES.get(i))
            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(entries.get(i).jsonBytes()).isEqualTo(expected);
      }
      // The plain frames are their own journal entry; the others are not (so both paths ran).
      for (int i = 0; i < 3; i++) {
        assertThat(entries.get(i).jsonBytes()).isEqualTo(FRAMES.get(i).getBytes(StandardCharsets.UTF_8));
      }
      for (int i = 3; i < FRAMES.size(); i++) {
        assertThat(entries.get(i).jsonBytes()).isNotEqualTo(FRAMES.get(i).getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
