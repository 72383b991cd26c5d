package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ResumptionRecording;
import dev.geminilive.mock.protocol.ServerMessage;
import java.util.EnumSet;

/** A resumption handle, then goAway, then the server ends the connection. */
public final class GoAway extends ConformanceCase<ResumptionRecording> {
  GoAway() {
    super("GO_AWAY", "connect asking for session resumption; the server sends a handle, then goAway, then closes",
        EnumSet.of(Capability.SESSION_RESUMPTION),
        "connect with sessionResumption true; the server sends sessionResumptionUpdate {newHandle "
        + "\"conformance-handle-1\", resumable true}, then goAway {timeLeft \"1s\"}, and 500 ms later closes with "
        + "1008 \"Session lifetime ended.\" (https://ai.google.dev/gemini-api/docs/live-session; time scaled down); "
        + "up to 4 s for a new session, 250 ms settle, close",
        ResumptionRecording.class, ResumptionRecording::new);
  }

  static final String CLOSE_REASON = "Session lifetime ended.";

  @Override
  public void play(CaseContext ctx) throws Exception {
    ctx.expectClose("1008 " + CLOSE_REASON);
    if (!ctx.connect(ctx.basicRequest().withSessionResumption(true), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null) return;
    if (!ctx.stillOpen(s, CaseStep.GO_AWAY_SENT)) return;
    ctx.reach(CaseStep.GO_AWAY_SENT);
    s.run(c -> {
      // Registered with the mock's resumption store, so resuming with it really resumes.
      c.send(ServerMessage.resumptionUpdate(c.resumptionHandle(TestSignals.RESUMPTION_HANDLE), true));
      c.send(ServerMessage.goAway("1s"));
      // As the service does when the announced time is up (scaled down).
      c.schedule(() -> c.close(1008, CLOSE_REASON), 500_000_000L);
    });
    ctx.nextSession(4_000);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
