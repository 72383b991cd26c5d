package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ReplyRecording;
import java.util.EnumSet;

/** Text turn; the server answers with a known 24 kHz signal, transcriptions, turnComplete. */
public final class TextTurn extends ConformanceCase<ReplyRecording> {
  TextTurn() {
    super("TEXT_TURN", "connect, send a text turn, receive a known audio reply, close",
        EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT),
        "connect (basic request; connect gets 10 s here and wherever no other limit is named); sendText \"Hello from the conformance suite.\"; once it reached the server (up to "
        + "5 s): inputTranscription {text, finished: true}, then 480 ms of a 24 kHz chirp in four uneven chunks "
        + "(1920, 2880, 960, 3840 bytes, repeating) as modelTurn inlineData audio/pcm;rate=24000, the first three "
        + "followed by outputTranscription pieces \"Hi, \", \"this is \", \"the mock.\", then generationComplete and "
        + "turnComplete (sources §3.3; transcriptions are independent of the model turn's order); up to 5 s for the "
        + "client's turnComplete event, 250 ms settle, close",
        ReplyRecording.class, ReplyRecording::new);
  }

  @Override
  public void play(CaseContext ctx) throws Exception {
    if (!ctx.connect(ctx.basicRequest(), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null || !ctx.userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
    byte[] played = TestSignals.modelVoice(TestSignals.REPLY_MS);
    ctx.recordPlayed(played);
    ctx.playReply(s, played, new int[] {1920, 2880, 960, 3840}, true);
    ctx.reach(CaseStep.REPLY_PLAYED);
    ctx.awaitEvent(e -> e instanceof DriverEvent.TurnComplete, CaseContext.MUST_HAPPEN_MS);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
