package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ConversationRecording;
import dev.geminilive.conformance.recording.Frame;
import dev.geminilive.conformance.recording.Json;
import dev.geminilive.conformance.recording.RefusedConnectRecording;
import dev.geminilive.conformance.recording.ReplyRecording;
import dev.geminilive.conformance.recording.TimedEvent;
import java.util.ArrayList;
import java.util.List;

/** Chapter 1: path, credentials, setup first and once, model name, a failed connect. */
final class ConnectionRules {
  /** How long a failed connect may take to reach the application. */
  static final long CONNECT_FAILURE_BOUND_MS = 5_000;

  private ConnectionRules() {}

  static List<ConformanceRule<?>> rules() {
    return List.of(
        rule("SETUP-FIRST-ONCE").in(Chapter.CONNECTION, Cases.TEXT_TURN)
            .title("setup is the first message, sent once")
            .matters("The service closes the connection (1007) on a second setup or on any message before setup.")
            .requires("Each connection's first client message is setup, and no later message is setup.")
            .source("sources §2 (setup is the first message only); https://ai.google.dev/api/live (BidiGenerateContentSetup)")
            .because("MUST: the service closes the connection (1007) over it, so the session is lost.")
            .after(CaseStep.CONNECTED)
            .judgedOnFrames()
            .check(ConnectionRules::setupFirstOnce),
        rule("SETUP-MODEL-NAME").in(Chapter.CONNECTION, Cases.TEXT_TURN)
            .title("model named models/<id>")
            .matters("The service does not find the model and closes with 1008 before the session starts.")
            .requires("On the Developer API setup.model has the form models/<id>.")
            .source("sources §1.5 (SDKs send models/<id>; otherwise 1008 not found: https://github.com/livekit/agents/issues/4414)")
            .because("MUST: the service refuses the session (1008) before it starts.")
            .after(CaseStep.CONNECTED)
            .judgedOnFrames()
            .check(ConnectionRules::modelName),
        rule("CONN-CREDENTIAL").in(Chapter.CONNECTION, Cases.TEXT_TURN).level(Level.INFO)
            .title("where the API key travels")
            .matters("Browsers cannot set headers, so browser clients must use the query string; server-side clients usually prefer the header.")
            .requires("Reports where the client put its credential (x-goog-api-key header or ?key= query).")
            .source("sources §1.3 (JS puts ?key= in the query, Java and Python the x-goog-api-key header)")
            .because("INFO: the service takes either placement; which one fits depends on where the client runs.")
            .judgedOnFrames()
            .check(r -> Judgement.measured("credential placement",
                r.sessions().isEmpty() ? "no session" : String.valueOf(r.sessions().get(0).attribute("credential"))
                    + ", path " + r.sessions().get(0).path())),
        rule("CONN-CLOSE-BEFORE-SETUP").in(Chapter.CONNECTION, Cases.EARLY_CLOSE)
            .needs(Capability.CLOSE_REPORTING)
            .title("a connect the server refuses fails cleanly")
            .matters("An application waiting on connect hangs, or cannot tell the user why the session was refused (wrong model, no access).")
            .requires("When the server closes before setupComplete, connect fails within "
                + CONNECT_FAILURE_BOUND_MS + " ms and the application sees the close code (1008) and reason.")
            .source("sources §1.5 and 6.3 (unknown model: 1008, https://github.com/livekit/agents/issues/4414); google-genai Java 2.0.0 never completes connect then (measured, see conformance-results.md)")
            .because("MUST: a connect that never fails hangs the application for good, and nothing it can do "
                + "recovers the reason.")
            .check(ConnectionRules::closeBeforeSetup),
        rule("CONN-SESSION-SURVIVES").in(Chapter.CONNECTION, Cases.CONVERSATION)
            .needs(Capability.TEXT_INPUT)
            .title("a session survives ordinary use of the model")
            .matters("The application cannot hold a conversation: its session is closed under it (often 1007) and "
                + "every later call goes nowhere.")
            .requires("One session carries an ordinary conversation with the model: connect, a text turn, a text "
                + "turn after the model's turn, an audio turn (with AUDIO_INPUT), a tool call answered in the middle "
                + "(with TOOLS), a last text turn; every call is accepted and neither side ends the session.")
            .source("issue 18; the messages a conversation uses on each model: sources §2.3, 2.4, 5 and 5.1 "
                + "(3.1 closes 1007 on clientContent after the first model turn: https://github.com/livekit/agents/pull/5251)")
            .because("MUST: a client whose sessions die in ordinary use cannot be used with that model at all.")
            .judgedOnFrames()
            .check(ConnectionRules::survives));
  }

  private static Judgement survives(ConversationRecording r) {
    String expected = "every turn of the conversation in one session, nothing closed";
    if (r.did(CaseStep.CONVERSATION_DONE)) {
      long turns = r.userTextTurns().size();
      return Judgement.kept(expected, "the conversation completed (" + turns + " text turn(s) sent, session s1 "
          + "open to the end)");
    }
    String why = r.whyNotReached(CaseStep.CONVERSATION_DONE);
    return Judgement.broken(expected, why + fix(r, why), r.timeline());
  }

  /** The fix the way the session ended points at, in words. */
  private static String fix(ConversationRecording r, String why) {
    List<Frame> frames = r.frames();
    Frame lastClient = null;
    for (Frame f : frames) {
      if (f.fromClient()) lastClient = f;
      if (!f.fromClient() && !f.fromServer() && (f.kind().equals("server-close") || f.kind().equals("client-close"))) {
        break;
      }
    }
    boolean serverClosed = why.contains("the server closed");
    if (serverClosed && lastClient != null && lastClient.kind().equals("clientContent")
        && Models.of(r.model()) == Models.GEMINI_3_1) {
      return ". Fix: on 3.1 send the user's text as realtimeInput.text; clientContent is accepted only as "
          + "initial history (with historyConfig), never as a user turn";
    }
    if (serverClosed && lastClient != null && lastClient.kind().equals("realtimeInput.mediaChunks")) {
      return ". Fix: send audio as realtimeInput.audio; mediaChunks is deprecated and refused on 3.1";
    }
    if (why.contains("the client closed")) {
      return ". Fix: the client ended the connection itself; keep it open until the application closes the session";
    }
    if (serverClosed) {
      return ". The server's close reason names what it refused";
    }
    return "";
  }

  private static Judgement setupFirstOnce(ReplyRecording r) {
    List<String> evidence = new ArrayList<>();
    boolean ok = true;
    int sessionsWithFrames = 0;
    for (int i = 0; i < r.sessions().size(); i++) {
      int idx = i + 1;
      List<Frame> client = r.clientFrames().stream().filter(f -> f.sessionIndex() == idx).toList();
      if (client.isEmpty()) continue;
      sessionsWithFrames++;
      if (!client.get(0).kind().equals("setup")) {
        ok = false;
        evidence.add("first frame: " + client.get(0).describe());
      }
      List<Frame> setups = client.stream().filter(f -> f.kind().equals("setup")).toList();
      if (setups.size() > 1) {
        ok = false;
        setups.forEach(f -> evidence.add(f.describe()));
      }
    }
    if (sessionsWithFrames == 0) {
      return Judgement.notReached("setup first and once", "the client sent no frame; " + r.whyNotReached(CaseStep.CONNECTED));
    }
    return Judgement.check(ok, "one setup per connection, as its first message",
        ok ? "one setup first in each of " + sessionsWithFrames + " session(s)" : "setup missing first or repeated",
        evidence);
  }

  private static Judgement modelName(ReplyRecording r) {
    List<JsonNode> setups = r.setups();
    if (setups.isEmpty()) {
      return Judgement.notReached("setup.model = models/<id>", "no setup was sent");
    }
    String model = Json.field(setups.get(0), "model") == null ? null : Json.field(setups.get(0), "model").asText();
    boolean ok = model != null && model.equals("models/" + r.model());
    return Judgement.check(ok, "setup.model = \"models/" + r.model() + "\"", "setup.model = \"" + model + "\"",
        List.of(r.clientFrames("setup").get(0).describe()));
  }

  private static Judgement closeBeforeSetup(RefusedConnectRecording r) {
    String expected = "connect fails within " + CONNECT_FAILURE_BOUND_MS
        + " ms; the application sees code 1008 and the server's reason";
    String serverReason = r.serverCloseReason();
    if (r.connectError() == null) {
      return Judgement.broken(expected, "connect succeeded although the server closed before setupComplete",
          r.timeline());
    }
    if (r.connectMillis() > CONNECT_FAILURE_BOUND_MS) {
      return Judgement.broken(expected, String.format("connect did not fail within the bound (%.0f ms): %s",
          r.connectMillis(), r.connectError()), r.timeline());
    }
    boolean code = Integer.valueOf(1008).equals(r.connectCode());
    boolean reason = serverReason != null && r.connectReason() != null
        && r.connectReason().contains(serverReason.substring(0, Math.min(30, serverReason.length())));
    for (DriverEvent e : r.closeReports().stream().map(TimedEvent::event).toList()) {
      Integer c = e instanceof DriverEvent.Closed cl ? cl.code() : e instanceof DriverEvent.Error er ? er.code() : null;
      String why = e instanceof DriverEvent.Closed cl ? cl.reason() : e instanceof DriverEvent.Error er ? er.reason() : null;
      if (c != null && c == 1008) code = true;
      if (why != null && serverReason != null
          && why.contains(serverReason.substring(0, Math.min(30, serverReason.length())))) reason = true;
    }
    return Judgement.check(code && reason, expected + " (\"" + serverReason + "\")",
        "connect failed after " + Math.round(r.connectMillis()) + " ms with code " + r.connectCode()
            + ", reason \"" + r.connectReason() + "\"" + (code ? "" : "; code 1008 not reported")
            + (reason ? "" : "; the server's reason not reported"),
        r.timeline());
  }
}
