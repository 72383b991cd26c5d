package dev.geminilive.mock.timing;

import dev.geminilive.mock.profile.TimingFigure;
import dev.geminilive.mock.profile.TimingProfile;
import dev.geminilive.mock.protocol.Setup;

/** The silence after the last speech that ends a user's spoken turn, for one session. */
public final class EndOfSpeech {
  private EndOfSpeech() {}

  /**
   * Setup's {@code silenceDurationMs} when given (the service follows it); otherwise, in realistic
   * mode, a draw of the family's figure for the setup's {@code endOfSpeechSensitivity}; otherwise
   * the server's default.
   */
  public static int silenceMs(Setup setup, TimingMode mode, TimingProfile timing,
      TimingSampler sampler, int serverDefault) {
    if (setup.hasSilenceDuration() || mode != TimingMode.REALISTIC) {
      return setup.silenceDurationMs(serverDefault);
    }
    TimingProfile.EndOfSpeech e = timing.endOfSpeech();
    String sensitivity = setup.endOfSpeechSensitivity();
    TimingFigure figure = "END_SENSITIVITY_LOW".equals(sensitivity) ? e.silenceLowSensitivity()
        : "END_SENSITIVITY_HIGH".equals(sensitivity) ? e.silenceHighSensitivity()
        : e.silence();
    if (figure == null) {
      figure = e.silence();
    }
    return figure == null ? serverDefault : (int) Math.round(sampler.millis(figure));
  }
}
