package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.TestSignals;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.BadFramesRecording;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.EventText;
import dev.geminilive.conformance.recording.Frame;
import dev.geminilive.conformance.recording.Json;
import dev.geminilive.conformance.recording.ResumptionRecording;
import dev.geminilive.conformance.recording.ServerCloseRecording;
import dev.geminilive.conformance.recording.TimedEvent;
import java.util.List;

/** Chapter 7: the server's close reaches the application. */
final class ErrorRules {
  static final long CLOSE_BOUND_MS = 5_000;
  static final long RESUME_BOUND_MS = 4_000;

  private ErrorRules() {}

  static List<ConformanceRule<?>> rules() {
    return List.of(
        rule("ERR-CLOSE-SURFACED").in(Chapter.ERRORS, Cases.SERVER_CLOSE).needs(Capability.CLOSE_REPORTING)
            .title("the server's close code and reason reach the application")
            .matters("The application sees a dead session with no reason: users get silence instead of an error they can act on.")
            .requires("When the server closes an established session, the application sees the close code and "
                + "reason within " + CLOSE_BOUND_MS + " ms.")
            .source("sources §6.3 and 6.4 (e.g. 1011 Internal error occurred.: https://github.com/livekit/agents/issues/2274)")
            .because("MUST: the close reason is the only explanation the service gives; without it the failure cannot be acted on.")
            .after(CaseStep.SERVER_CLOSED)
            .check(ErrorRules::closeSurfaced),
        rule("ERR-BAD-SERVER-FRAME").in(Chapter.ERRORS, Cases.BAD_SERVER_FRAMES)
            .needs(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT)
            .title("a malformed or unknown server message does not break the client")
            .matters("A server that adds a message type, or a proxy that injects a stray frame, takes down every "
                + "session of the application.")
            .requires("After a text frame that is not JSON and a message of an unknown kind, the session goes on: "
                + "the next turn reaches the application and the client does not close the connection.")
            .source("sources §3.1 and real-SDK captures (@google/genai 3.1.0: unhandled rejection on a "
                + "non-JSON frame, which ends a Node process by default; google-genai Java 2.0.0 logs and goes on)")
            .because("MUST: the service adds message types over time (sources §10); a client that dies on one "
                + "takes every session of the application down with it.")
            .after(CaseStep.BAD_FRAMES_SENT)
            .check(ErrorRules::badFrames),
        rule("ERR-GOAWAY-RESUME").in(Chapter.ERRORS, Cases.GO_AWAY).needs(Capability.SESSION_RESUMPTION)
            .level(Level.SHOULD)
            .title("goAway leads to a resumed session")
            .matters("Connections end after about ten minutes; a client that does not resume drops the "
                + "conversation and its context mid-sentence.")
            .requires("A client that asked for session resumption answers goAway by connecting again with the "
                + "last handle from sessionResumptionUpdate, within " + RESUME_BOUND_MS + " ms.")
            .source("sources §3.5, 3.6 and 6.1 (https://ai.google.dev/gemini-api/docs/live-session: goAway "
                + "before the end of a connection; resume with the handle on a new one)")
            .because("SHOULD: resuming is how a conversation outlives a connection, but an application may also "
                + "choose to start over.")
            .after(CaseStep.GO_AWAY_SENT)
            .check(ErrorRules::resumed));
  }

  private static Judgement closeSurfaced(ServerCloseRecording r) {
    String expected = "code " + TestSignals.SERVER_CLOSE_CODE + " and reason \"" + TestSignals.SERVER_CLOSE_REASON
        + "\" within " + CLOSE_BOUND_MS + " ms";
    double at = r.at(CaseStep.SERVER_CLOSED);
    // Judged only if the server's close really went out: a client that had already closed the
    // session itself never saw it, and cannot be judged on reporting it.
    boolean sent = r.closeSent(TestSignals.SERVER_CLOSE_CODE);
    if (!sent) {
      return Judgement.notReached(expected, "the server's close never went out: "
          + r.anyEnd().orElse("the session had already ended"));
    }
    for (TimedEvent t : r.closeReports()) {
      Integer code = null;
      String reason = null;
      if (t.event() instanceof DriverEvent.Closed c) {
        code = c.code();
        reason = c.reason();
      } else if (t.event() instanceof DriverEvent.Error e) {
        code = e.code();
        reason = e.reason();
      }
      if (code != null && code == TestSignals.SERVER_CLOSE_CODE && reason != null
          && reason.contains(TestSignals.SERVER_CLOSE_REASON) && t.millis() - at <= CLOSE_BOUND_MS) {
        return Judgement.kept(expected, String.format("%s after %.0f ms", EventText.describe(t.event()), t.millis() - at));
      }
    }
    List<String> seen = r.closeReports().stream().map(t -> EventText.describe(t.event())).toList();
    return Judgement.broken(expected, seen.isEmpty() ? "nothing reported" : "reported only: " + seen, r.timeline());
  }

  private static Judgement resumed(ResumptionRecording r) {
    String expected = "a new session whose setup has sessionResumption.handle = \"" + TestSignals.RESUMPTION_HANDLE
        + "\" within " + RESUME_BOUND_MS + " ms of goAway";
    if (!r.goAwaySent()) {
      return Judgement.notReached(expected, "goAway never went out: "
          + r.anyEnd().orElse("the session had already ended"));
    }
    List<com.fasterxml.jackson.databind.JsonNode> setups = r.setups();
    if (setups.size() < 2) {
      return Judgement.broken(expected, "no new session after goAway", r.timeline());
    }
    com.fasterxml.jackson.databind.JsonNode handle = Json.at(setups.get(1), "sessionResumption", "handle");
    String got = handle == null ? null : handle.asText();
    return Judgement.check(TestSignals.RESUMPTION_HANDLE.equals(got), expected,
        "a new session with sessionResumption.handle = " + (got == null ? "(none)" : "\"" + got + "\""),
        r.clientFrames("setup").stream().map(Frame::describe).toList());
  }

  private static Judgement badFrames(BadFramesRecording r) {
    String expected = "the reply after the bad frames surfaced, every later call accepted";
    if (!r.badFramesSent()) {
      return Judgement.notReached(expected, "the unreadable frames never went out: "
          + r.anyEnd().orElse("the session had already ended"));
    }
    // The reply's audio, not turnComplete: surfacing turnComplete is another rule's business.
    boolean turn = r.events().stream().anyMatch(t -> t.event() instanceof DriverEvent.Audio
        || t.event() instanceof DriverEvent.TurnComplete);
    List<String> problems = new java.util.ArrayList<>();
    if (!turn) problems.add("the next turn never reached the application");
    if (!r.driverErrors().isEmpty()) problems.add("driver calls failed: " + r.driverErrors());
    return Judgement.check(problems.isEmpty(), expected,
        problems.isEmpty() ? "the session went on" : String.join("; ", problems), problems.isEmpty() ? List.of()
            : r.timeline());
  }
}
