package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.Turn;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.MidSessionRecording;
import java.util.EnumSet;
import java.util.List;

/** Initial history, one turn, then instructions, context and a reply request mid-session. */
public final class MidSession extends ConformanceCase<MidSessionRecording> {
  MidSession() {
    super("MID_SESSION", "connect with initial history, one turn, then update instructions, add context, request a reply, close",
        EnumSet.of(Capability.TEXT_INPUT),
        "connect, with INITIAL_HISTORY initialHistory [user \"My name is Ada.\", model \"Nice to meet you, Ada.\"]; "
        + "sendText; once it reached the server, a 40 ms reply with generationComplete and turnComplete; up to "
        + "600 ms for the client's turnComplete (pacing); with MID_SESSION_UPDATES: updateInstructions \"Answer in "
        + "one sentence.\", addContext [user \"I moved to Paris.\"], requestReply (each goes on whatever the "
        + "previous one answered); 250 ms settle, close",
        MidSessionRecording.class, MidSessionRecording::new);
  }

  @Override
  public void play(CaseContext ctx) throws Exception {
    ConnectRequest req = ctx.has(Capability.INITIAL_HISTORY)
        ? ctx.basicRequest().withInitialHistory(TestSignals.INITIAL_HISTORY)
        : ctx.basicRequest();
    if (!ctx.connect(req, CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null || !ctx.userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
    if (!ctx.reply(s)) return;
    if (!ctx.declares(Capability.MID_SESSION_UPDATES)) return;
    LiveDriver driver = ctx.driver();
    double at = ctx.now();
    ctx.call("updateInstructions", Capability.MID_SESSION_UPDATES,
        () -> driver.updateInstructions("Answer in one sentence."));
    ctx.call("addContext", Capability.MID_SESSION_UPDATES,
        () -> driver.addContext(List.of(new Turn("user", "I moved to Paris."))));
    ctx.call("requestReply", Capability.MID_SESSION_UPDATES, driver::requestReply);
    ctx.reachAt(CaseStep.UPDATES_DONE, at);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
