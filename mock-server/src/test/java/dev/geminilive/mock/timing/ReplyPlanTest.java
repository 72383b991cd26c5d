package dev.geminilive.mock.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.TimingFigure;
import dev.geminilive.mock.profile.TimingProfile;
import dev.geminilive.mock.timing.ReplyPlan.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reply schedules: seeded, clamped, ordered; fast adds nothing. */
class ReplyPlanTest {
  static final TimingProfile LIVE38 =
      ProfileCatalog.bundled().family("gemini-3.8-live").orElseThrow().timing();

  static List<ReplyPlan> draws(long seed, String session, int n) {
    TimingSampler s = TimingSampler.forSession(seed, session);
    List<ReplyPlan> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ReplyPlan.realistic(LIVE38, s, Trigger.values()[i % 3]));
    }
    return out;
  }

  @Test
  void theSameSeedAndSessionGiveTheSameSchedule() {
    assertThat(draws(42, "s-1", 20)).isEqualTo(draws(42, "s-1", 20));
    assertThat(draws(42, "s-1", 20)).isNotEqualTo(draws(43, "s-1", 20));
    assertThat(draws(42, "s-1", 20)).isNotEqualTo(draws(42, "s-2", 20));
  }

  @Test
  void drawsStayInsideTheFiguresClampsAndVary() {
    TimingFigure f = LIVE38.firstAudio().afterUserTurn();
    TimingSampler s = new TimingSampler(7);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      values.add(s.millis(f));
    }
    assertThat(values).allSatisfy(v -> assertThat(v).isBetween(f.minMs(), f.maxMs()));
    assertThat(values.stream().distinct().count()).isGreaterThan(1000);
    List<Double> sorted = values.stream().sorted().toList();
    // The median of many draws is the figure's median (lognormal: the clamp barely moves it).
    assertThat(sorted.get(1000)).isBetween(f.medianMs() * 0.9, f.medianMs() * 1.1);
  }

  @Test
  void fastAddsNoDelayAndPacesAtRealTime() {
    ReplyPlan fast = ReplyPlan.of(TimingMode.FAST, LIVE38, new TimingSampler(1), Trigger.USER_TURN, 100);
    assertThat(fast.firstAudioNanos()).isZero();
    assertThat(fast.chunkGapNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(fast.turnCompleteOffset(12, 1200)).isEqualTo(fast.generationEnd(12));
    assertThat(fast.outputTranscriptionOffset(12)).isZero();
  }

  @Test
  void realisticDelaysTheFirstAudioAndOutrunsRealTime() {
    for (ReplyPlan p : draws(5, "s-9", 50)) {
      assertThat(p.firstAudioNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
      assertThat(p.chunkGapNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(p.chunkMillis()));
      // turnComplete waits for the playback estimate, never comes before generationComplete.
      int chunks = 1200 / p.chunkMillis();
      assertThat(p.turnCompleteOffset(chunks, 1200)).isGreaterThanOrEqualTo(p.generationEnd(chunks));
      assertThat(p.turnCompleteOffset(chunks, 1200))
          .isGreaterThan(p.firstAudioNanos() + TimeUnit.MILLISECONDS.toNanos(900));
      // The transcript rides with a chunk at or after its lag.
      long t = p.outputTranscriptionOffset(chunks);
      assertThat(t).isGreaterThanOrEqualTo(p.firstAudioNanos() + p.outputTranscriptionLagNanos());
    }
  }

  @Test
  void endOfSpeechFollowsSetupElseTheSensitivityFigure() throws Exception {
    var mapper = dev.geminilive.mock.protocol.LiveJson.mapper();
    var given = mapper.readValue("""
        {"model":"models/gemini-3.8-live","realtimeInputConfig":{"automaticActivityDetection":
          {"silenceDurationMs":1234,"endOfSpeechSensitivity":"END_SENSITIVITY_LOW"}}}""",
        dev.geminilive.mock.protocol.Setup.class);
    var low = mapper.readValue("""
        {"model":"models/gemini-3.8-live","realtimeInputConfig":{"automaticActivityDetection":
          {"endOfSpeechSensitivity":"END_SENSITIVITY_LOW"}}}""", dev.geminilive.mock.protocol.Setup.class);
    var high = mapper.readValue("""
        {"model":"models/gemini-3.8-live","realtimeInputConfig":{"automaticActivityDetection":
          {"endOfSpeechSensitivity":"END_SENSITIVITY_HIGH"}}}""", dev.geminilive.mock.protocol.Setup.class);
    TimingSampler s = new TimingSampler(3);
    assertThat(EndOfSpeech.silenceMs(given, TimingMode.REALISTIC, LIVE38, s, 500)).isEqualTo(1234);
    assertThat(EndOfSpeech.silenceMs(low, TimingMode.FAST, LIVE38, s, 500)).isEqualTo(500);
    TimingFigure lowFigure = LIVE38.endOfSpeech().silenceLowSensitivity();
    TimingFigure highFigure = LIVE38.endOfSpeech().silenceHighSensitivity();
    for (int i = 0; i < 50; i++) {
      assertThat(EndOfSpeech.silenceMs(low, TimingMode.REALISTIC, LIVE38, s, 500))
          .isBetween(lowFigure.minMs().intValue(), lowFigure.maxMs().intValue());
      assertThat(EndOfSpeech.silenceMs(high, TimingMode.REALISTIC, LIVE38, s, 500))
          .isBetween(highFigure.minMs().intValue(), highFigure.maxMs().intValue());
    }
  }
}
