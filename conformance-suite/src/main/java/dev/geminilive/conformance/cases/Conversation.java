package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.cases.CaseContext.Call;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.FunctionDeclaration;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.ToolAnswer;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ConversationRecording;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage.FunctionCall;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ToolResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Ordinary use of the model, turn after turn, as an application uses it. */
public final class Conversation extends ConformanceCase<ConversationRecording> {
  Conversation() {
    super("CONVERSATION", "ordinary use of the model: text, text after a model turn, audio, a tool call in the middle, text",
        EnumSet.of(Capability.TEXT_INPUT),
        "connect (AUDIO out, automatic activity detection, both transcriptions; with TOOLS one function get_weather "
        + "without behavior); sendText \"Hello, who are you?\"; once the text reaches the server (realtimeInput.text "
        + "or clientContent, up to 5 s), the server replies: one 40 ms audio chunk, generationComplete, turnComplete "
        + "(the order of a normal turn, https://ai.google.dev/api/live#bidigeneratecontentservercontent); the suite "
        + "waits up to 600 ms for the client's turnComplete event (pacing only). sendText \"And what can you do?\" "
        + "(a text turn after a model turn, where 3.1 closes 1007 on clientContent: "
        + "https://github.com/livekit/agents/pull/5251) and the same reply. With AUDIO_INPUT: 400 ms of 1 kHz tone "
        + "in 40 ms sendAudio buffers, endAudio, the same reply once audio arrived. With TOOLS: sendText \"What is "
        + "the weather in Paris?\", the server sends toolCall {id call-c1, get_weather, {city: Paris}} "
        + "(https://ai.google.dev/gemini-api/docs/live-tools), the suite waits up to 5 s for the toolCall event, "
        + "calls respondToTool {id call-c1, output {temp_c: 21}}, waits up to 5 s for the toolResponse, the same "
        + "reply. Finally sendText \"Thanks, goodbye.\", the same reply, 250 ms settle, close. The script stops at "
        + "the first step that fails (a driver call that fails, a session the server or the client ended, 5 s "
        + "without the expected message) and records why",
        ConversationRecording.class, ConversationRecording::new);
  }

  /**
   * Ordinary use of the model: text, a reply, text after the model turn, an audio turn, a tool
   * call in the middle, one more text turn. A gate that only bites after the first model turn
   * (3.1's clientContent) is exercised, and a session that dies under ordinary use is seen.
   */
  @Override
  public void play(CaseContext ctx) throws Exception {
    ConnectRequest req = ctx.has(Capability.TOOLS)
        ? ctx.basicRequest().withTools(List.of(new FunctionDeclaration(TestSignals.WEATHER_FUNCTION,
            "Current weather for a city.", null)))
        : ctx.basicRequest();
    if (!ctx.connect(req, CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null) return;
    if (!ctx.userText(s, CaseStep.TEXT_SENT, TestSignals.CONVERSATION_TEXTS.get(0)) || !ctx.reply(s)) return;
    if (!ctx.userText(s, CaseStep.TEXT_AFTER_MODEL_TURN, TestSignals.CONVERSATION_TEXTS.get(1)) || !ctx.reply(s)) {
      return;
    }
    if (ctx.has(Capability.AUDIO_INPUT) && !audioTurn(ctx, s)) return;
    if (ctx.has(Capability.TOOLS) && !toolTurn(ctx, s)) return;
    if (!ctx.userText(s, null, TestSignals.CONVERSATION_TEXTS.get(3)) || !ctx.reply(s)) return;
    Thread.sleep(CaseContext.SETTLE_MS);
    if (s.ended()) {
      ctx.block(CaseStep.CONVERSATION_DONE, "the session ended after the last turn");
      return;
    }
    ctx.reach(CaseStep.CONVERSATION_DONE);
  }

  private static boolean audioTurn(CaseContext ctx, CaseSession s) throws InterruptedException {
    LiveDriver driver = ctx.driver();
    int rate = driver.nativeInputRate();
    int before = s.receivedCount();
    if (!ctx.feed(TestSignals.shortTone(rate, 400), rate)) return false;
    if (ctx.call("endAudio", null, driver::endAudio) == Call.FAILED) {
      return ctx.block(CaseStep.AUDIO_TURN, "endAudio failed: " + ctx.lastError());
    }
    if (!ctx.awaitServer(s, before, m -> m instanceof RealtimeInput ri && (ri.audio() != null || ri.mediaChunks() != null),
        CaseContext.MUST_HAPPEN_MS)) {
      return ctx.block(CaseStep.AUDIO_TURN, s.ended() ? "the session ended during the audio turn"
          : "no audio reached the server within " + CaseContext.MUST_HAPPEN_MS + " ms");
    }
    if (!ctx.reply(s)) return false;
    ctx.reach(CaseStep.AUDIO_TURN);
    return true;
  }

  private static boolean toolTurn(CaseContext ctx, CaseSession s) throws InterruptedException {
    if (!ctx.userText(s, null, TestSignals.CONVERSATION_TEXTS.get(2))) return false;
    int before = s.receivedCount();
    s.run(c -> c.send(ServerMessage.toolCall(List.of(new FunctionCall(TestSignals.CONVERSATION_CALL_ID,
        TestSignals.WEATHER_FUNCTION, LiveJson.mapper().createObjectNode().put("city", "Paris"))))));
    ctx.awaitEvent(e -> e instanceof DriverEvent.ToolCall, CaseContext.MUST_HAPPEN_MS);
    if (s.ended()) return ctx.block(CaseStep.TOOL_ANSWERED, "the session ended before the tool call was answered");
    Call answered = ctx.call("respondToTool", Capability.TOOLS, () -> ctx.driver().respondToTool(List.of(new ToolAnswer(
        TestSignals.CONVERSATION_CALL_ID, TestSignals.WEATHER_FUNCTION, Map.of("temp_c", 21), null))));
    if (answered == Call.FAILED) return ctx.block(CaseStep.TOOL_ANSWERED, "respondToTool failed: " + ctx.lastError());
    if (answered == Call.DONE) {
      if (!ctx.awaitServer(s, before, m -> m instanceof ToolResponse, CaseContext.MUST_HAPPEN_MS)) {
        return ctx.block(CaseStep.TOOL_ANSWERED, s.ended() ? "the session ended before the tool response arrived"
            : "no toolResponse the server could act on within " + CaseContext.MUST_HAPPEN_MS + " ms (a response that "
                + "answers no call the server made is dropped, and the model waits for its result)");
      }
      if (!ctx.reply(s)) return false;
      ctx.reach(CaseStep.TOOL_ANSWERED);
    }
    return true;
  }
}
