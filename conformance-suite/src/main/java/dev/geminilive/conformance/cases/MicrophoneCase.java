package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.cases.CaseContext.Call;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.MicrophoneRecording;
import java.util.Set;

/**
 * The microphone cases: a known signal handed to the client in application-sized buffers, then
 * the end of the stream; with {@code manual}, activity detection is off and the application
 * marks the activity itself. The server only listens.
 */
abstract class MicrophoneCase extends ConformanceCase<MicrophoneRecording> {
  private final boolean manual;

  MicrophoneCase(String id, String description, Set<Capability> needs, String script, boolean manual) {
    super(id, description, needs, script, MicrophoneRecording.class, MicrophoneRecording::new);
    this.manual = manual;
  }

  @Override
  public final void play(CaseContext ctx) throws Exception {
    if (!ctx.connect(ctx.basicRequest().withAutomaticActivityDetection(!manual), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null) return;
    LiveDriver driver = ctx.driver();
    int rate = driver.nativeInputRate();
    byte[] fed = manual ? TestSignals.shortTone(rate, 200) : TestSignals.microphone(rate);
    ctx.recordFed(fed, rate);
    if (manual && ctx.call("activityStart", Capability.MANUAL_ACTIVITY, driver::activityStart) != Call.DONE) {
      ctx.block(CaseStep.AUDIO_SENT, "activityStart failed");
      return;
    }
    long t0 = System.nanoTime();
    if (!ctx.feed(fed, rate)) return;
    ctx.recordSendAudioMillis((System.nanoTime() - t0) / 1e6);
    ctx.reach(CaseStep.AUDIO_SENT);
    if (manual && ctx.call("activityEnd", Capability.MANUAL_ACTIVITY, driver::activityEnd) != Call.DONE) {
      ctx.block(CaseStep.AUDIO_ENDED, "activityEnd failed");
      return;
    }
    Call ended = ctx.call("endAudio", null, driver::endAudio);
    if (ended != Call.DONE) {
      ctx.block(CaseStep.AUDIO_ENDED, ended == Call.UNSUPPORTED ? "the driver answered endAudio \"unsupported\""
          : "endAudio failed: " + ctx.lastError());
      ctx.awaitQuiet(s);
      return;
    }
    ctx.reach(CaseStep.AUDIO_ENDED);
    ctx.awaitQuiet(s);
  }
}
