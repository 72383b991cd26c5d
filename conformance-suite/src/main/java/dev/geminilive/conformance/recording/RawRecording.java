package dev.geminilive.conformance.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.AudioInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything one case run left behind, untyped, as the runner records it: the mock's journal of
 * every session it opened, the events the client surfaced, the audio the server received
 * (decoded, per chunk) and what the suite fed and played. Rules never read it: each judges the
 * typed {@link CaseRecording} its case makes of it, which exposes only what that case gathers.
 * Reports read it whole (timelines, pictures).
 *
 * @param caseId the id of the case that made it
 * @param reached the script steps that completed, with when (ms since the case started)
 * @param blocked the step the script could not complete and why, or null
 * @param unsupported capabilities the driver declared but answered a command of with "unsupported"
 * @param unsupportedCommands the commands the driver answered "unsupported"
 * @param driverErrors driver calls that threw, as {@code call: message}
 * @param connectError why connect failed (null when it succeeded)
 * @param connectCode the close code the client reported with a failed connect, or null
 * @param connectReason the close reason the client reported with a failed connect, or null
 * @param connectMillis how long connect took to return or fail
 * @param fedPcm the microphone signal given to the driver (PCM16LE at {@code fedRate}), or null
 * @param tappedAudio the input audio the server decoded, chunk by chunk
 * @param tappedVideo the video frames the server received, with their first bytes
 * @param playedPcm the 24 kHz PCM the server sent as model audio, or null
 * @param sendAudioMillis how long {@code sendAudio} took
 * @param expectedClose a close the script itself caused (note text prefix), or null
 */
public record RawRecording(
    String caseId,
    String model,
    Set<Capability> capabilities,
    List<SessionJournal> sessions,
    List<TimedEvent> events,
    Map<CaseStep, Double> reached,
    Blocked blocked,
    Set<Capability> unsupported,
    Set<String> unsupportedCommands,
    List<String> driverErrors,
    String connectError,
    Integer connectCode,
    String connectReason,
    double connectMillis,
    byte[] fedPcm,
    int fedRate,
    List<AudioInput> tappedAudio,
    List<VideoFrame> tappedVideo,
    byte[] playedPcm,
    double sendAudioMillis,
    String expectedClose) {

  /** The step the script could not complete, and why. */
  public record Blocked(CaseStep step, String why) {}

  public boolean did(CaseStep step) {
    return reached.containsKey(step);
  }

  /** When {@code step} was reached (ms since the case started), or NaN. */
  public double at(CaseStep step) {
    Double d = reached.get(step);
    return d == null ? Double.NaN : d;
  }

  /**
   * Why {@code step} was not reached, in words that name the step that failed, the driver's
   * error and the way the session ended (close code and reason, who closed it, after which
   * client frame).
   */
  public String whyNotReached(CaseStep step) {
    StringBuilder sb = new StringBuilder("\"").append(step.description()).append("\" did not happen");
    if (blocked != null) {
      sb.append(blocked.step() == step ? ": " : "; the script stopped at \"" + blocked.step().description() + "\": ")
          .append(blocked.why());
    } else if (connectError != null) {
      sb.append(": connect failed: ").append(connectError);
    }
    if (blocked == null || !blocked.why().contains("closed session")) {
      sessionEnd().ifPresent(e -> sb.append("; ").append(e));
    }
    return sb.toString();
  }

  /**
   * How the first of the case's sessions was ended by the server when the script did not ask
   * for it: the code, the reason and the last client frame before it.
   */
  public Optional<String> sessionEnd() {
    return endOf(frames(), expectedClose, false);
  }

  /**
   * The first end of a session in {@code all} (by the server, or with {@code clientToo} by the
   * client), other than {@code expectedClose}, described with the client frame that preceded it.
   */
  public static Optional<String> endOf(List<Frame> all, String expectedClose, boolean clientToo) {
    for (int i = 0; i < all.size(); i++) {
      JournalEntry e = all.get(i).entry();
      if (e.direction() != Direction.EVENT) continue;
      String note = e.note() == null ? "" : e.note();
      boolean server = e.kind().equals("server-close") || e.kind().equals("server-abort");
      boolean client = clientToo && (e.kind().equals("client-close") || e.kind().equals("connection-lost"));
      if (!server && !client) continue;
      if (expectedClose != null && note.startsWith(expectedClose)) continue;
      int session = all.get(i).sessionIndex();
      // A connection dropped before it carried anything (a client's reconnect) ended no session.
      if (all.stream().noneMatch(f -> f.sessionIndex() == session && f.fromClient())) continue;
      String last = null;
      for (int j = i - 1; j >= 0; j--) {
        Frame f = all.get(j);
        if (f.fromClient() && f.sessionIndex() == all.get(i).sessionIndex()) {
          last = f.describe();
          break;
        }
      }
      return Optional.of((server ? "the server closed session s" : "the client closed session s")
          + all.get(i).sessionIndex() + " (" + (note.isEmpty() ? "no code" : note) + ")"
          + (last == null ? " before the client sent anything" : " after the client's frame " + last));
    }
    return Optional.empty();
  }

  /** The frames of some journals, numbered as a recording numbers them. */
  public static List<Frame> framesOf(List<SessionJournal> sessions) {
    List<Frame> all = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      SessionJournal s = sessions.get(i);
      for (JournalEntry e : s.entries()) {
        all.add(new Frame(s.sessionId(), i + 1, e));
      }
    }
    return all;
  }

  public List<Frame> frames() {
    return framesOf(sessions);
  }

  public List<Frame> clientFrames() {
    return frames().stream().filter(Frame::fromClient).toList();
  }

  public List<Frame> clientFrames(String kindPrefix) {
    return frames().stream().filter(f -> f.fromClient() && f.kind().startsWith(kindPrefix)).toList();
  }

  /** The {@code setup} bodies the client sent, in order. */
  public List<JsonNode> setups() {
    return clientFrames("setup").stream().map(f -> f.payload("setup")).toList();
  }

  public <T extends DriverEvent> List<T> events(Class<T> type) {
    return events.stream().map(TimedEvent::event).filter(type::isInstance).map(type::cast).toList();
  }

  public List<TimedEvent> timed(Predicate<DriverEvent> which) {
    return events.stream().filter(t -> which.test(t.event())).toList();
  }

  /**
   * How the server ended a session early, if it closed one for a reason the script did not
   * cause: rules that need a healthy session are then NOT-REACHED, with this as the reason.
   */
  public Optional<String> unexpectedEnd() {
    return sessionEnd();
  }

  /** A readable timeline of frames and events for reports. */
  public List<String> timeline() {
    List<String> lines = new ArrayList<>();
    if (connectError != null) {
      lines.add(String.format("connect failed after %.0f ms: %s (code %s, reason %s)", connectMillis,
          connectError, connectCode, connectReason));
    }
    for (Frame f : frames()) {
      lines.add(f.describe());
    }
    for (TimedEvent t : events) {
      lines.add(String.format("client event %8.1f ms %s", t.millis(), EventText.describe(t.event())));
    }
    for (String e : driverErrors) {
      lines.add("driver call failed: " + e);
    }
    if (blocked != null) {
      lines.add("script stopped at \"" + blocked.step().description() + "\": " + blocked.why());
    }
    return lines;
  }
}
