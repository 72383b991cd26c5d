package dev.geminilive.mock.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.session.PacedPlayback.Timed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replies that end alike share their turn-end message (so its encoding is kept), and replies whose
 * usage differs never do.
 */
class PersonaReplySharingTest {
  private static PersonaReply.Turn typed(String text, ApiFlavour flavour, String status) {
    return new PersonaReply.Turn(text, 0, true, false, false, false, true, flavour, status, false);
  }

  private static ServerMessage turnEnd(List<Timed> reply) {
    return reply.stream().map(Timed::message)
        .filter(m -> m.serverContent() != null && Boolean.TRUE.equals(m.serverContent().turnComplete()))
        .findFirst().orElseThrow();
  }

  private static ServerMessage usageFirst(List<Timed> reply) {
    return reply.get(0).message();
  }

  @Test
  void equalTurnsEndWithTheSameMessageAndDifferentUsageWithAnother() {
    ServerMessage a = turnEnd(PersonaReply.build(typed("hello there", ApiFlavour.DEVELOPER, null)));
    ServerMessage b = turnEnd(PersonaReply.build(typed("hello there", ApiFlavour.DEVELOPER, null)));
    assertThat(b).isSameAs(a);
    assertThat(usageFirst(PersonaReply.build(typed("hello there", ApiFlavour.DEVELOPER, null))))
        .isSameAs(usageFirst(PersonaReply.build(typed("hello there", ApiFlavour.DEVELOPER, null))))
        .isNotSameAs(a);

    ServerMessage longer = turnEnd(PersonaReply.build(typed("a much longer question than that", ApiFlavour.DEVELOPER, null)));
    assertThat(longer).isNotSameAs(a);
    assertThat(longer.usageMetadata().promptTokenCount()).isEqualTo(9); // 32 characters / 4, + 1 of audio
    assertThat(a.usageMetadata().promptTokenCount()).isEqualTo(3); // 11 characters / 4, + the minimum 1 of audio

    ServerMessage vertex = turnEnd(PersonaReply.build(typed("hello there", ApiFlavour.VERTEX, null)));
    assertThat(vertex).isNotSameAs(a);
    assertThat(vertex.usageMetadata().candidatesTokenCount()).isNotNull();
    assertThat(vertex.usageMetadata().responseTokenCount()).isNull();
    assertThat(a.usageMetadata().responseTokenCount()).isNotNull();

    ServerMessage idle = turnEnd(PersonaReply.build(typed("hello there", ApiFlavour.DEVELOPER, "IDLE")));
    assertThat(idle).isNotSameAs(a);
    assertThat(idle.serverContent().interactionStatus()).isEqualTo("IDLE");
    assertThat(a.serverContent().interactionStatus()).isNull();
  }
}
