package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ServerCloseRecording;
import java.util.EnumSet;

/** The server closes an established session with 1011 and a reason. */
public final class ServerClose extends ConformanceCase<ServerCloseRecording> {
  ServerClose() {
    super("SERVER_CLOSE", "connect, the server closes with 1011 and a reason",
        EnumSet.of(Capability.CLOSE_REPORTING),
        "connect; the server closes with 1011 \"Internal error occurred.\" (sources §6.3/6.4, "
        + "https://github.com/livekit/agents/issues/2274); up to 5.5 s for a closed or error event, 250 ms settle",
        ServerCloseRecording.class, ServerCloseRecording::new);
  }

  @Override
  public void play(CaseContext ctx) throws Exception {
    ctx.expectClose(TestSignals.SERVER_CLOSE_CODE + " " + TestSignals.SERVER_CLOSE_REASON);
    if (!ctx.connect(ctx.basicRequest(), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null) return;
    if (!ctx.stillOpen(s, CaseStep.SERVER_CLOSED)) return;
    ctx.reach(CaseStep.SERVER_CLOSED);
    s.run(c -> c.close(TestSignals.SERVER_CLOSE_CODE, TestSignals.SERVER_CLOSE_REASON));
    ctx.awaitEvent(e -> e instanceof DriverEvent.Closed || e instanceof DriverEvent.Error, 5_500);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
