package dev.geminilive.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.AudioInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything one scenario run left behind: the mock's journal of every session it opened, the
 * events the client surfaced, the audio the server received (decoded, per chunk) and what the
 * suite fed and played.
 *
 * @param steps script steps that completed, e.g. {@code connected}, {@code updates-sent}
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
public record Recording(
    Scenario scenario,
    String model,
    Set<Capability> capabilities,
    List<SessionJournal> sessions,
    List<TimedEvent> events,
    List<String> steps,
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

  public boolean did(String step) {
    return steps.contains(step);
  }

  public List<Frame> frames() {
    List<Frame> all = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      SessionJournal s = sessions.get(i);
      for (JournalEntry e : s.entries()) {
        all.add(new Frame(s.sessionId(), i + 1, e));
      }
    }
    return all;
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
   * Why the sessions ended early, if the server closed one for a reason the script did not cause
   * (another rule's violation): rules that need a healthy session are then not judged.
   */
  public Optional<String> unexpectedEnd() {
    for (Frame f : frames()) {
      JournalEntry e = f.entry();
      if (e.direction() == Direction.EVENT
          && (e.kind().equals("server-close") || e.kind().equals("server-abort"))) {
        String note = e.note() == null ? "" : e.note();
        if (expectedClose == null || !note.startsWith(expectedClose)) {
          return Optional.of("the server ended session s" + f.sessionIndex() + " early (" + note
              + "), because of what another rule judges");
        }
      }
    }
    return Optional.empty();
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
    return lines;
  }
}
