package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.SetupRecording;
import java.util.EnumSet;
import java.util.List;

/** The application asks for things the model does not support. */
public final class WrongConfig extends ConformanceCase<SetupRecording> {
  WrongConfig() {
    super("WRONG_CONFIG", "connect asking for the wrong thinking field, affective dialog, proactivity and TEXT output, close",
        EnumSet.noneOf(Capability.class),
        "connect asking for what the model does not take, each only with its capability: thinkingBudget 512 on 3.1, "
        + "thinkingLevel LOW on 2.5 and 3.8 (THINKING_CONFIG); affectiveDialog and proactiveAudio true "
        + "(AFFECTIVE_DIALOG); responseModalities [TEXT] (RESPONSE_MODALITIES). The service may never answer such a "
        + "setup (3.1 with affective dialog), so connect gets 2 s; once connect returned, up to 2 s for the setup to "
        + "reach the server (a client without a ready signal returns before sending it); 250 ms settle; the rules "
        + "judge the setup frame; close",
        SetupRecording.class, SetupRecording::new);
  }

  /** How long a connected client may take to get its setup to the server. */
  static final long SETUP_MS = 2_000;

  @Override
  public void play(CaseContext ctx) throws Exception {
    ConnectRequest req = ctx.basicRequest();
    if (ctx.has(Capability.THINKING_CONFIG)) {
      // The other family's field on 2.5 and 3.1; on 3.8 Live any thinking setting at all.
      req = Models.of(ctx.model()) == Models.GEMINI_3_1 ? req.withThinking(null, 512) : req.withThinking("LOW", null);
    }
    if (ctx.has(Capability.AFFECTIVE_DIALOG)) req = req.withAffective(true, true);
    if (ctx.has(Capability.RESPONSE_MODALITIES)) req = req.withResponseModalities(List.of("TEXT"));
    // The service may never answer such a setup: a short deadline, the verdict is on the frame.
    if (ctx.connect(req, 2_000)) {
      // A client without a ready signal returns from connect before its setup is out: wait for it
      // (bounded), so the rules judge the setup rather than a race with close.
      ctx.nextSession(SETUP_MS);
    }
    Thread.sleep(CaseContext.SETTLE_MS);
  }
}
