package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.InterruptRecording;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ServerMessage;
import java.util.EnumSet;

/** The server interrupts its own reply: interrupted, then turnComplete, nothing of the turn after. */
public final class Interrupt extends ConformanceCase<InterruptRecording> {
  Interrupt() {
    super("INTERRUPT", "connect, text turn, a long reply streams in and is interrupted (interrupted, turnComplete), close",
        EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT),
        "connect; sendText; the server streams 2 s of model audio at once in 80 ms chunks (the service sends audio "
        + "faster than real time; the client buffers it for playback); the suite waits until the client reports "
        + "playback started (a played event with bytes > 0; without PLAYBACK, the first audio event; up to 5 s); "
        + "then the server sends serverContent.interrupted and turnComplete, without generationComplete, and "
        + "nothing of the interrupted turn after interrupted (python-genai LiveServerContent.generation_complete "
        + "docstring: on barge-in interrupted then turnComplete; over one ordered socket no audio of the turn "
        + "follows); up to 5 s for the client's turnComplete event; with PLAYBACK 700 ms more to see whether "
        + "playback stopped, else 250 ms; close",
        InterruptRecording.class, InterruptRecording::new);
  }

  /** After interrupted, how long a player that did not flush is given to show it. */
  static final long BARGE_IN_WINDOW_MS = 700;

  /**
   * Barge-in as the service does it: the reply's audio streams in faster than real time, the
   * client starts playing it, the user speaks, and the server sends interrupted then
   * turnComplete; nothing of the interrupted turn comes after interrupted.
   */
  @Override
  public void play(CaseContext ctx) throws Exception {
    if (!ctx.connect(ctx.basicRequest(), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null || !ctx.userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
    byte[] played = TestSignals.modelVoice(TestSignals.INTERRUPTED_REPLY_MS);
    ctx.recordPlayed(played);
    s.run(c -> {
      for (byte[] chunk : ServerReplies.chunks(played, new int[] {3840})) c.send(ServerReplies.audio(chunk));
    });
    ctx.reach(CaseStep.REPLY_PLAYED);
    boolean playback = ctx.declares(Capability.PLAYBACK);
    // Until the client has started playing (or, without playback reports, has the audio).
    ctx.awaitEvent(e -> e instanceof DriverEvent.Played p ? p.bytes() > 0
        : !playback && e instanceof DriverEvent.Audio, CaseContext.MUST_HAPPEN_MS);
    s.run(c -> {
      c.send(ServerMessage.content(ServerContent.interruption()));
      c.send(ServerMessage.content(ServerContent.endOfTurn()));
    });
    ctx.reach(CaseStep.INTERRUPTED_SENT);
    ctx.awaitEvent(e -> e instanceof DriverEvent.TurnComplete, CaseContext.MUST_HAPPEN_MS);
    // Long enough for a player that did not flush to play on well past the output latency.
    Thread.sleep(playback ? BARGE_IN_WINDOW_MS : CaseContext.SETTLE_MS);
  }
}
