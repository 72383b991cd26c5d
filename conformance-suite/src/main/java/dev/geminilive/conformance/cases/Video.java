package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.cases.CaseContext.Call;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.VideoRecording;
import java.util.EnumSet;

/** A camera gives ten frames in one second. */
public final class Video extends ConformanceCase<VideoRecording> {
  Video() {
    super("VIDEO", "connect, the application's camera gives ten JPEG frames within one second, close",
        EnumSet.of(Capability.VIDEO_INPUT),
        "connect; ten different 64x48 JPEG frames, one sendVideoFrame (image/jpeg) every 100 ms; until quiet for "
        + "250 ms (at most 5 s), close. The server only listens",
        VideoRecording.class, VideoRecording::new);
  }

  @Override
  public void play(CaseContext ctx) throws Exception {
    if (!ctx.connect(ctx.basicRequest(), CaseContext.CONNECT_MS)) return;
    CaseSession s = ctx.session();
    if (s == null) return;
    for (int i = 0; i < TestSignals.CAMERA_FRAMES; i++) {
      byte[] frame = TestSignals.cameraFrame(i);
      if (ctx.call("sendVideoFrame", Capability.VIDEO_INPUT, () -> ctx.driver().sendVideoFrame(frame, "image/jpeg"))
          != Call.DONE) {
        ctx.block(CaseStep.VIDEO_SENT, "sendVideoFrame failed");
        return;
      }
      Thread.sleep(TestSignals.CAMERA_INTERVAL_MS);
    }
    ctx.reach(CaseStep.VIDEO_SENT);
    ctx.awaitQuiet(s);
  }
}
