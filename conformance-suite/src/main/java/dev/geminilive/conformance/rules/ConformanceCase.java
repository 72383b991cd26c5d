package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.driver.Capability;
import java.util.EnumSet;
import java.util.Set;

/**
 * One scripted session (or attempt) the suite drives: a case. Several rules judge the same
 * recording, so a full run costs one session per case and model, not one per rule. Each case
 * says the capabilities it cannot run without (its rules are UNSUPPORTED otherwise) and its
 * script in prose, so a driver author never needs the Java (docs/conformance-rules.md).
 *
 * <p>Every server message a script sends is one the real service sends in that situation; the
 * sources are named in the script text (`sources §N` is a section of docs/sources.md).
 */
public enum ConformanceCase {
  CONVERSATION("ordinary use of the model: text, text after a model turn, audio, a tool call in the middle, text",
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
          + "without the expected message) and records why"),
  /** Text turn; the server answers with a known 24 kHz signal, transcriptions, turnComplete. */
  TEXT_TURN("connect, send a text turn, receive a known audio reply, close",
      EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT),
      "connect (basic request; connect gets 10 s here and wherever no other limit is named); sendText \"Hello from the conformance suite.\"; once it reached the server (up to "
          + "5 s): inputTranscription {text, finished: true}, then 480 ms of a 24 kHz chirp in four uneven chunks "
          + "(1920, 2880, 960, 3840 bytes, repeating) as modelTurn inlineData audio/pcm;rate=24000, the first three "
          + "followed by outputTranscription pieces \"Hi, \", \"this is \", \"the mock.\", then generationComplete and "
          + "turnComplete (sources §3.3; transcriptions are independent of the model turn's order); up to 5 s for the "
          + "client's turnComplete event, 250 ms settle, close"),
  /** The server interrupts its own reply: interrupted, then turnComplete, nothing of the turn after. */
  INTERRUPT("connect, text turn, a long reply streams in and is interrupted (interrupted, turnComplete), close",
      EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT),
      "connect; sendText; the server streams 2 s of model audio at once in 80 ms chunks (the service sends audio "
          + "faster than real time; the client buffers it for playback); the suite waits until the client reports "
          + "playback started (a played event with bytes > 0; without PLAYBACK, the first audio event; up to 5 s); "
          + "then the server sends serverContent.interrupted and turnComplete, without generationComplete, and "
          + "nothing of the interrupted turn after interrupted (python-genai LiveServerContent.generation_complete "
          + "docstring: on barge-in interrupted then turnComplete; over one ordered socket no audio of the turn "
          + "follows); up to 5 s for the client's turnComplete event; with PLAYBACK 700 ms more to see whether "
          + "playback stopped, else 250 ms; close"),
  /** Known tone + chirp at the driver's native rate with automatic activity detection, then end of stream. */
  AUDIO_AUTO("connect, send a known signal with automatic activity detection, end the stream, close",
      EnumSet.of(Capability.AUDIO_INPUT),
      "connect (automatic activity detection on); 600 ms of a 1 kHz tone then a 630 ms 300-3000 Hz chirp at the "
          + "driver's nativeInputRate, PCM16LE, handed over in 40 ms sendAudio buffers (the last one shorter), each "
          + "call answered before the next; endAudio; then until the client sent nothing new for 250 ms (at most "
          + "5 s), close. The server only listens"),
  /** The same with automatic activity detection disabled: activityStart, audio, activityEnd. */
  AUDIO_MANUAL("connect with activity detection off, activityStart, audio, activityEnd, end of stream, close",
      EnumSet.of(Capability.AUDIO_INPUT, Capability.MANUAL_ACTIVITY),
      "connect (automaticActivityDetection false); activityStart; 200 ms of a 1 kHz tone in 40 ms sendAudio "
          + "buffers; activityEnd; endAudio; until quiet for 250 ms (at most 5 s), close. The server only listens"),
  /** Two function calls, one cancelled; the application answers both. */
  TOOLS("connect with two functions, text turn, two tool calls and one cancellation, answer both, close",
      EnumSet.of(Capability.TEXT_INPUT, Capability.TOOLS),
      "connect with get_weather (behavior NON_BLOCKING) and get_time (no behavior); sendText; the server sends "
          + "toolCall with call-w1 get_weather {city: Paris} and call-t2 get_time {}, then toolCallCancellation "
          + "[call-t2] (the user interrupted: sources §3.4, python-genai LiveServerToolCallCancellation); up to "
          + "5 s for the toolCancel event; the application, slow, answers both: call-w1 {temp_c: 21} with scheduling "
          + "WHEN_IDLE and call-t2 {time: 12:00}; up to 1 s for a toolResponse, 250 ms settle, close"),
  /** Initial history, one turn, then instructions, context and a reply request mid-session. */
  MID_SESSION("connect with initial history, one turn, then update instructions, add context, request a reply, close",
      EnumSet.of(Capability.TEXT_INPUT),
      "connect, with INITIAL_HISTORY initialHistory [user \"My name is Ada.\", model \"Nice to meet you, Ada.\"]; "
          + "sendText; once it reached the server, a 40 ms reply with generationComplete and turnComplete; up to "
          + "600 ms for the client's turnComplete (pacing); with MID_SESSION_UPDATES: updateInstructions \"Answer in "
          + "one sentence.\", addContext [user \"I moved to Paris.\"], requestReply (each goes on whatever the "
          + "previous one answered); 250 ms settle, close"),
  /** The application asks for things the model does not support. */
  WRONG_CONFIG("connect asking for the wrong thinking field, affective dialog, proactivity and TEXT output, close",
      EnumSet.noneOf(Capability.class),
      "connect asking for what the model does not take, each only with its capability: thinkingBudget 512 on 3.1, "
          + "thinkingLevel LOW on 2.5 and 3.8 (THINKING_CONFIG); affectiveDialog and proactiveAudio true "
          + "(AFFECTIVE_DIALOG); responseModalities [TEXT] (RESPONSE_MODALITIES). The service may never answer such a "
          + "setup (3.1 with affective dialog), so connect gets 2 s; the rules judge the setup frame; close"),
  /** A camera gives ten frames in one second. */
  VIDEO("connect, the application's camera gives ten JPEG frames within one second, close",
      EnumSet.of(Capability.VIDEO_INPUT),
      "connect; ten different 64x48 JPEG frames, one sendVideoFrame (image/jpeg) every 100 ms; until quiet for "
          + "250 ms (at most 5 s), close. The server only listens"),
  /** A resumption handle, then goAway, then the server ends the connection. */
  GO_AWAY("connect asking for session resumption; the server sends a handle, then goAway, then closes",
      EnumSet.of(Capability.SESSION_RESUMPTION),
      "connect with sessionResumption true; the server sends sessionResumptionUpdate {newHandle "
          + "\"conformance-handle-1\", resumable true}, then goAway {timeLeft \"1s\"}, and 500 ms later closes with "
          + "1008 \"Session lifetime ended.\" (https://ai.google.dev/gemini-api/docs/live-session; time scaled down); "
          + "up to 4 s for a new session, 250 ms settle, close"),
  /** A frame that is not JSON and a message of an unknown kind, then a normal turn. */
  BAD_SERVER_FRAMES("connect; the server sends a non-JSON frame and an unknown message, then a normal text turn",
      EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT),
      "connect; the server sends the text frame `this is not JSON {` and `{\"someFutureMessage\":{\"detail\":1}}` "
          + "(a proxy's stray frame; a message type newer than the client, as the service adds them: sources §10); "
          + "250 ms; sendText; a 40 ms reply with turnComplete; up to 5 s for turnComplete, 250 ms settle, close"),
  /** The server closes an established session with 1011 and a reason. */
  SERVER_CLOSE("connect, the server closes with 1011 and a reason",
      EnumSet.of(Capability.CLOSE_REPORTING),
      "connect; the server closes with 1011 \"Internal error occurred.\" (sources §6.3/6.4, "
          + "https://github.com/livekit/agents/issues/2274); up to 5.5 s for a closed or error event, 250 ms settle"),
  /** The server closes before setupComplete (unknown model: 1008). */
  EARLY_CLOSE("connect to a model the server does not know; it closes with 1008 before setupComplete",
      EnumSet.of(Capability.CLOSE_REPORTING),
      "connect to <model>-no-such-variant; the server closes with 1008 and its not-found reason before "
          + "setupComplete (https://github.com/livekit/agents/issues/4414); connect gets 6.5 s, 250 ms settle");

  private final String description;
  private final Set<Capability> needs;
  private final String script;

  ConformanceCase(String description, Set<Capability> needs, String script) {
    this.description = description;
    this.needs = needs;
    this.script = script;
  }

  public String description() {
    return description;
  }

  /** Capabilities the case cannot run without; its rules are UNSUPPORTED otherwise. */
  public Set<Capability> needs() {
    return needs;
  }

  /** The script in prose: messages, order, waits and timeouts. */
  public String script() {
    return script;
  }
}
