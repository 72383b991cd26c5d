package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.recording.RefusedConnectRecording;
import java.util.EnumSet;

/** The server closes before setupComplete (unknown model: 1008). */
public final class EarlyClose extends ConformanceCase<RefusedConnectRecording> {
  EarlyClose() {
    super("EARLY_CLOSE", "connect to a model the server does not know; it closes with 1008 before setupComplete",
        EnumSet.of(Capability.CLOSE_REPORTING),
        "connect to <model>-no-such-variant; the server closes with 1008 and its not-found reason before "
        + "setupComplete (https://github.com/livekit/agents/issues/4414); connect gets 6.5 s, 250 ms settle",
        RefusedConnectRecording.class, RefusedConnectRecording::new);
  }

  /** Longer than the rule's bound, so a slow failure is measured, not cut off. */
  static final long CONNECT_MS = 6_500;

  @Override
  public void play(CaseContext ctx) throws Exception {
    ctx.expectClose("1008");
    ctx.connect(ctx.basicRequest().withModel(ctx.model() + "-no-such-variant"), CONNECT_MS);
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
