package dev.geminilive.mock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.transport.LiveServer;
import java.util.List;
import java.util.Map;

/** Shared bits of the profile-rule tests: model names, setup shortcuts, journal look-ups. */
public final class LiveRules {
  public static final String M31 = "models/gemini-3.1-flash-live-preview";
  public static final String M25 = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  public static final String VERTEX_MODEL =
      "projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio";
  public static final String HALF_CASCADE = "models/gemini-live-2.5-flash-mock-half-cascade";
  /** "Must not happen" windows: short, the machine is loaded but silence is cheap to wait for. */
  public static final long QUIET_MILLIS = 700;
  /** "Must happen" timeouts: generous. */
  public static final long WAIT_MILLIS = 8_000;

  private LiveRules() {}

  /** A server for rule tests: time scaled to a tenth, 300 ms of silence ends a turn, short close wait. */
  public static LiveServer startFast() throws InterruptedException {
    return LiveServer.start(dev.geminilive.mock.transport.ServerConfig.defaults()
        .withSession(new dev.geminilive.mock.session.SessionSettings(0.1, 300))
        .withCloseTimeoutMillis(500));
  }

  public static String ws(LiveServer server) {
    return server.baseUrl().replaceFirst("^http", "ws");
  }

  public static RawLiveClient dev(LiveServer server) {
    return RawLiveClient.connect(ws(server) + RawLiveClient.DEV_PATH + "?key=k");
  }

  public static RawLiveClient dev(LiveServer server, String version) {
    return RawLiveClient.connect(ws(server)
        + "/ws/google.ai.generativelanguage." + version + ".GenerativeService.BidiGenerateContent?key=k");
  }

  public static RawLiveClient vertex(LiveServer server) {
    return RawLiveClient.connect(ws(server) + RawLiveClient.VERTEX_PATH,
        Map.of("Authorization", "Bearer ya29.token"), null);
  }

  /** Sends setup and asserts the first frame is setupComplete. */
  public static JsonNode setUp(RawLiveClient c, String model, String extra) throws InterruptedException {
    c.setup(model, extra);
    JsonNode first = c.next(WAIT_MILLIS).json();
    assertThat(first.has("setupComplete")).as("setupComplete, got " + first).isTrue();
    return first;
  }

  /** Asserts nothing arrives and the socket stays open for {@link #QUIET_MILLIS}. */
  public static void assertSilentAndOpen(RawLiveClient c) throws InterruptedException {
    List<RawLiveClient.Frame> frames = c.drain(QUIET_MILLIS);
    assertThat(frames).as("frames during the quiet window").isEmpty();
    assertThat(c.isClosed()).as("closed during the quiet window").isFalse();
  }

  public static boolean turnComplete(JsonNode n) {
    return n.at("/serverContent/turnComplete").asBoolean();
  }

  public static String textTurn(String text) {
    return "{\"realtimeInput\":{\"text\":\"" + text + "\"}}";
  }

  public static SessionJournal latest(LiveServer server) {
    return server.journal().latest().orElseThrow();
  }

  /** The notes of the journal's events of {@code kind}. */
  public static List<String> events(SessionJournal journal, String kind) {
    return journal.entries().stream()
        .filter(e -> e.kind().equals(kind) && e.note() != null)
        .map(JournalEntry::note)
        .toList();
  }

  public static List<String> findings(SessionJournal journal) {
    return events(journal, "finding");
  }
}
