package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.BadFramesRecording;
import dev.geminilive.conformance.recording.CaseStep;
import java.util.EnumSet;

/** A frame that is not JSON and a message of an unknown kind, then a normal turn. */
public final class BadServerFrames extends ConformanceCase<BadFramesRecording> {
  BadServerFrames() {
    super("BAD_SERVER_FRAMES", "connect; the server sends a non-JSON frame and an unknown message, then a normal text turn",
        EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT),
        "connect; the server sends the text frame `this is not JSON {` and `{\"someFutureMessage\":{\"detail\":1}}` "
        + "(a proxy's stray frame; a message type newer than the client, as the service adds them: sources §10); "
        + "250 ms; sendText; a 40 ms reply with turnComplete; up to 5 s for turnComplete, 250 ms settle, close",
        BadFramesRecording.class, BadFramesRecording::new);
  }

  @Override
  public void play(CaseContext ctx) throws Exception {
    if (!ctx.connect(ctx.basicRequest(), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null) return;
    if (!ctx.stillOpen(s, CaseStep.BAD_FRAMES_SENT)) return;
    s.run(c -> {
      c.sendRaw(TestSignals.NOT_JSON_FRAME);
      c.sendRaw(TestSignals.UNKNOWN_MESSAGE);
    });
    ctx.reach(CaseStep.BAD_FRAMES_SENT);
    Thread.sleep(CaseContext.SETTLE_MS);
    if (!ctx.userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
    ctx.playReply(s, TestSignals.modelVoice(40), new int[] {1920}, false);
    ctx.reach(CaseStep.REPLY_PLAYED);
    ctx.awaitEvent(e -> e instanceof DriverEvent.TurnComplete, CaseContext.MUST_HAPPEN_MS);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
