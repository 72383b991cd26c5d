package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.TestSignals;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.Frame;
import dev.geminilive.conformance.recording.Json;
import dev.geminilive.conformance.recording.ToolsRecording;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chapter 5: tool responses echo the call, cancelled calls stay unanswered, 3.1 limits. */
final class ToolRules {
  private static final Map<String, String> CALLS = Map.of(
      TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION,
      TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION);

  private ToolRules() {}

  static List<ConformanceRule<?>> rules() {
    return List.of(
        rule("TOOL-RESPONSE-ECHO").in(Chapter.TOOLS, Cases.TOOLS).needs(Capability.TOOLS)
            .title("responses echo the call's id and name")
            .matters("The model never gets the result of its call, or gets it for the wrong call; the conversation stalls.")
            .requires("Every functionResponse carries the id and the name of the functionCall it answers, and "
                + "the live call gets its answer.")
            .source("sources §2.5 and 3.4 (the response id echoes functionCalls[].id; the SDKs require it)")
            .because("MUST: the Developer API matches responses to calls by id; an unmatched one is lost and the model waits.")
            .after(CaseStep.TOOLS_ANSWERED)
            .check(ToolRules::echo),
        rule("TOOL-CANCELLED-NO-RESPONSE").in(Chapter.TOOLS, Cases.TOOLS).needs(Capability.TOOLS)
            .level(Level.SHOULD)
            .title("no response for a cancelled call")
            .matters("A result for a call the user interrupted reaches the model anyway and can trigger an answer nobody wants any more.")
            .requires("After toolCallCancellation names a call, no functionResponse for that id is sent, even "
                + "if the application answers it late.")
            .source("sources §3.4 (LiveServerToolCallCancellation: the client should not run, or should ignore, cancelled calls)")
            .because("SHOULD: the SDK documentation says the client should ignore cancelled calls; the service is not "
                + "known to refuse a late answer.")
            .after(CaseStep.TOOLS_ANSWERED)
            .check(ToolRules::cancelled),
        rule("TOOL-31-NON-BLOCKING").in(Chapter.TOOLS, Cases.TOOLS).needs(Capability.TOOLS)
            .only(Models.GEMINI_3_1).level(Level.SHOULD)
            .title("no NON_BLOCKING or scheduling on 3.1")
            .matters("Asynchronous function declarations on 3.1 are reported to stall or be rejected.")
            .requires("On 3.1 function declarations carry no behavior NON_BLOCKING and responses no scheduling "
                + "(asynchronous function calling is not supported there).")
            .source("sources §5 and 10 (https://github.com/pipecat-ai/docs/pull/808: not yet supported on 3.1; PatterAI reports the opposite)")
            .because("SHOULD: sources conflict on whether 3.1 refuses or only ignores it; the newest read it as "
                + "accepted but not honoured, so nothing breaks on the wire.")
            .after(CaseStep.TOOLS_ANSWERED)
            .judgedOnFrames()
            .check(ToolRules::nonBlocking31));
  }

  static List<JsonNode> responses(ToolsRecording r, List<String> where) {
    List<JsonNode> out = new ArrayList<>();
    for (ToolsRecording.SentResponse sent : r.functionResponses()) {
      out.add(sent.response());
      where.add(sent.frame().describe());
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = Json.field(n, field);
    return v == null ? null : v.asText();
  }

  private static Judgement echo(ToolsRecording r) {
    String expected = "a response {id: " + TestSignals.WEATHER_CALL_ID + ", name: " + TestSignals.WEATHER_FUNCTION
        + "}; every response's id and name those of a call";
    List<String> where = new ArrayList<>();
    List<JsonNode> responses = responses(r, where);
    boolean live = false;
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < responses.size(); i++) {
      String id = text(responses.get(i), "id");
      String name = text(responses.get(i), "name");
      if (id == null || !CALLS.containsKey(id) || !CALLS.get(id).equals(name)) {
        bad.add("id " + id + ", name " + name + " in " + where.get(i));
      }
      if (TestSignals.WEATHER_CALL_ID.equals(id) && TestSignals.WEATHER_FUNCTION.equals(name)) live = true;
    }
    String actual = responses.size() + " function response(s)" + (live ? "" : "; none answers "
        + TestSignals.WEATHER_CALL_ID) + (bad.isEmpty() ? "" : "; " + bad.size() + " with an id or name of no call");
    return Judgement.check(live && bad.isEmpty(), expected, actual, bad.isEmpty() && !live ? r.timeline() : bad);
  }

  private static Judgement cancelled(ToolsRecording r) {
    String expected = "no response with id " + TestSignals.TIME_CALL_ID + " (cancelled)";
    List<String> where = new ArrayList<>();
    List<JsonNode> responses = responses(r, where);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < responses.size(); i++) {
      if (TestSignals.TIME_CALL_ID.equals(text(responses.get(i), "id"))) bad.add(where.get(i));
    }
    return Judgement.check(bad.isEmpty(), expected,
        bad.isEmpty() ? "the cancelled call was not answered" : "the cancelled call was answered", bad);
  }

  private static Judgement nonBlocking31(ToolsRecording r) {
    String expected = "no behavior NON_BLOCKING in setup, no scheduling in responses";
    if (r.setups().isEmpty()) return Judgement.notReached(expected, "no setup was sent");
    List<String> bad = new ArrayList<>();
    for (Frame f : r.clientFrames("setup")) {
      if (f.payload("setup").toString().contains("NON_BLOCKING")) bad.add(f.describe());
    }
    List<String> where = new ArrayList<>();
    List<JsonNode> responses = responses(r, where);
    for (int i = 0; i < responses.size(); i++) {
      if (Json.field(responses.get(i), "scheduling") != null) bad.add(where.get(i));
    }
    return Judgement.check(bad.isEmpty(), expected,
        bad.isEmpty() ? "neither sent" : "NON_BLOCKING or scheduling sent to 3.1", bad);
  }
}
