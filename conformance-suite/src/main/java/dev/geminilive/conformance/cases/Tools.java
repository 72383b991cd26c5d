package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.cases.CaseContext.Call;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.FunctionDeclaration;
import dev.geminilive.conformance.driver.ToolAnswer;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ToolsRecording;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage.FunctionCall;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ToolResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Two function calls, one cancelled; the application answers both. */
public final class Tools extends ConformanceCase<ToolsRecording> {
  Tools() {
    super("TOOLS", "connect with two functions, text turn, two tool calls and one cancellation, answer both, close",
        EnumSet.of(Capability.TEXT_INPUT, Capability.TOOLS),
        "connect with get_weather (behavior NON_BLOCKING) and get_time (no behavior); sendText; the server sends "
        + "toolCall with call-w1 get_weather {city: Paris} and call-t2 get_time {}, then toolCallCancellation "
        + "[call-t2] (the user interrupted: sources §3.4, python-genai LiveServerToolCallCancellation); up to "
        + "5 s for the toolCancel event; the application, slow, answers both: call-w1 {temp_c: 21} with scheduling "
        + "WHEN_IDLE and call-t2 {time: 12:00}; up to 1 s for a toolResponse, 250 ms settle, close",
        ToolsRecording.class, ToolsRecording::new);
  }

  @Override
  public void play(CaseContext ctx) throws Exception {
    ConnectRequest req = ctx.basicRequest().withTools(List.of(
        new FunctionDeclaration(TestSignals.WEATHER_FUNCTION, "Current weather for a city.", "NON_BLOCKING"),
        new FunctionDeclaration(TestSignals.TIME_FUNCTION, "The local time.", null)));
    if (!ctx.connect(req, CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null || !ctx.userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
    s.run(c -> {
      c.send(ServerMessage.toolCall(List.of(
          new FunctionCall(TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION,
              LiveJson.mapper().createObjectNode().put("city", "Paris")),
          new FunctionCall(TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION,
              LiveJson.mapper().createObjectNode()))));
      c.send(ServerMessage.toolCallCancellation(List.of(TestSignals.TIME_CALL_ID)));
    });
    ctx.reach(CaseStep.TOOL_CALLS_SURFACED);
    ctx.awaitEvent(e -> e instanceof DriverEvent.ToolCancel, CaseContext.MUST_HAPPEN_MS);
    // The application was slow: it answers both calls, the cancelled one too.
    if (ctx.call("respondToTool", Capability.TOOLS, () -> ctx.driver().respondToTool(List.of(
        new ToolAnswer(TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION, Map.of("temp_c", 21), "WHEN_IDLE"),
        new ToolAnswer(TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION, Map.of("time", "12:00"), null))))
        != Call.DONE) {
      ctx.block(CaseStep.TOOLS_ANSWERED, "respondToTool failed");
      return;
    }
    ctx.reach(CaseStep.TOOLS_ANSWERED);
    ctx.awaitServer(s, 0, m -> m instanceof ToolResponse, 1_000);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
