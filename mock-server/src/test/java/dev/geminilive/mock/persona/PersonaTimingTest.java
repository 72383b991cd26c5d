package dev.geminilive.mock.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.TimingProfile;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.session.PacedPlayback.Timed;
import dev.geminilive.mock.timing.ReplyPlan;
import dev.geminilive.mock.timing.ReplyPlan.Trigger;
import dev.geminilive.mock.timing.TimingSampler;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The persona's reply schedule in fast and realistic timing (the schedule itself, no clock). */
class PersonaTimingTest {
  static final TimingProfile LIVE25 = ProfileCatalog.bundled()
      .family("gemini-2.5-flash-native-audio").orElseThrow().timing();

  static PersonaReply.Turn spoken() {
    return new PersonaReply.Turn(null, 1500, true, true, true, false, false, ApiFlavour.DEVELOPER,
        null, false);
  }

  static long firstAudio(List<Timed> reply) {
    return reply.stream().filter(t -> t.message().serverContent() != null
        && t.message().serverContent().modelTurn() != null).findFirst().orElseThrow().offsetNanos();
  }

  static long offsetOf(List<Timed> reply, java.util.function.Predicate<ServerMessage> p) {
    return reply.stream().filter(t -> p.test(t.message())).findFirst().orElseThrow().offsetNanos();
  }

  @Test
  void fastStartsAtOnceAndRealisticWaitsTheDrawnFirstAudio() {
    List<Timed> fast = PersonaReply.build(spoken());
    ReplyPlan plan = ReplyPlan.realistic(LIVE25, new TimingSampler(11), Trigger.USER_TURN);
    List<Timed> realistic = PersonaReply.build(spoken(), plan);
    assertThat(firstAudio(fast)).isZero();
    assertThat(firstAudio(realistic)).isEqualTo(plan.firstAudioNanos())
        .isGreaterThanOrEqualTo(LIVE25.firstAudio().afterUserTurn().minMs().longValue() * 1_000_000);
  }

  @Test
  void realisticKeepsTheServicesOrderAndSendsTheWholeClip() {
    ReplyPlan plan = ReplyPlan.realistic(LIVE25, new TimingSampler(12), Trigger.USER_TURN);
    List<Timed> reply = PersonaReply.build(spoken(), plan);
    for (int i = 1; i < reply.size(); i++) {
      assertThat(reply.get(i).offsetNanos()).isGreaterThanOrEqualTo(reply.get(i - 1).offsetNanos());
    }
    long bytes = reply.stream().filter(t -> t.message().serverContent() != null
            && t.message().serverContent().modelTurn() != null)
        .mapToLong(t -> Base64.getDecoder().decode(
            t.message().serverContent().modelTurn().parts().get(0).inlineData().data()).length)
        .sum();
    assertThat(bytes).isEqualTo(PersonaVoice.byteCount());
    long generation = offsetOf(reply, m -> m.serverContent() != null
        && Boolean.TRUE.equals(m.serverContent().generationComplete()));
    long turn = offsetOf(reply, m -> m.serverContent() != null
        && Boolean.TRUE.equals(m.serverContent().turnComplete()));
    // Chunks outrun real time; turnComplete waits for the client's playback estimate.
    assertThat(generation - plan.firstAudioNanos()).isLessThan(PersonaVoice.DURATION_MILLIS * 1_000_000L);
    assertThat(turn).isGreaterThan(generation);
    assertThat(reply.get(reply.size() - 1).message().serverContent().turnComplete()).isTrue();
  }

  @Test
  void aToolResponseAndAClientContentDrawTheirOwnFigures() {
    TimingProfile et = ProfileCatalog.bundled().family("gemini-3.8-live-extended-thinking").orElseThrow().timing();
    TimingProfile live = ProfileCatalog.bundled().family("gemini-3.8-live").orElseThrow().timing();
    // The same draw (same seed) lands on each figure's own scale: ET's is the later one.
    for (Trigger trigger : Trigger.values()) {
      ReplyPlan a = ReplyPlan.realistic(live, new TimingSampler(99), trigger);
      ReplyPlan b = ReplyPlan.realistic(et, new TimingSampler(99), trigger);
      assertThat(b.firstAudioNanos()).as(trigger.name()).isGreaterThan(a.firstAudioNanos());
    }
  }
}
