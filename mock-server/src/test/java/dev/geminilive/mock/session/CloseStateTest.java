package dev.geminilive.mock.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.session.CloseState.Phase;
import org.junit.jupiter.api.Test;

/** A session ends once: the first way it ends is the one the transport sees. */
class CloseStateTest {
  @Test
  void movesOnceFromOpenAndKeepsTheFirstEnding() {
    CloseState state = new CloseState();
    assertThat(state.isOpen()).isTrue();
    assertThat(state.end(Phase.CLOSE_SENT)).isTrue();
    assertThat(state.closeSent()).isTrue();
    // The client's answer or a reset after our close does not change how the session ended.
    assertThat(state.end(Phase.CLIENT_CLOSED)).isFalse();
    assertThat(state.end(Phase.ABORTED)).isFalse();
    assertThat(state.phase()).isEqualTo(Phase.CLOSE_SENT);
  }

  @Test
  void aClientCloseOrAnAbortIsNotACloseSent() {
    for (Phase ending : new Phase[] {Phase.CLIENT_CLOSED, Phase.ABORTED}) {
      CloseState state = new CloseState();
      assertThat(state.end(ending)).isTrue();
      assertThat(state.isOpen()).isFalse();
      assertThat(state.closeSent()).as(ending.name()).isFalse();
      assertThat(state.end(Phase.CLOSE_SENT)).isFalse();
    }
  }

  @Test
  void openIsNotAnEnding() {
    CloseState state = new CloseState();
    assertThat(state.end(Phase.OPEN)).isFalse();
    assertThat(state.isOpen()).isTrue();
  }
}
