package dev.geminilive.mock.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Token bookkeeping on a clock the test moves: expiry and windows without waiting. */
class EphemeralTokensTest {
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }

  final MovableClock clock = new MovableClock();
  final EphemeralTokens tokens = new EphemeralTokens(clock);

  @Test
  void defaultsAreOneUseSixtySecondWindowThirtyMinuteExpiry() {
    EphemeralTokens.Token t = tokens.create(null, null, null);
    assertThat(t.uses()).isEqualTo(1);
    assertThat(t.newSessionExpireTime()).isEqualTo(clock.now.plusSeconds(60));
    assertThat(t.expireTime()).isEqualTo(clock.now.plus(Duration.ofMinutes(30)));
    assertThat(tokens.admit(t.name())).isNull();
    assertThat(tokens.admit(t.name()).reason()).contains("used up");
  }

  @Test
  void newSessionWindowAndExpiryAreEnforced() {
    EphemeralTokens.Token t = tokens.create(0, null, null);
    assertThat(tokens.admit(t.name())).isNull();
    assertThat(tokens.admit(t.name())).as("uses 0 = no limit").isNull();
    clock.now = clock.now.plusSeconds(60);
    assertThat(tokens.admit(t.name()).reason()).contains("newSessionExpireTime");

    EphemeralTokens.Token late = tokens.create(3, clock.now.plusSeconds(10), clock.now.plusSeconds(10));
    clock.now = clock.now.plusSeconds(10);
    assertThat(tokens.admit(late.name()).reason()).isEqualTo("Auth token expired.");
  }

  @Test
  void nonsenseIsRefusedWithTheReason() {
    Instant now = clock.now;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.create(-1, null, null))
        .hasMessageContaining("uses");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tokens.create(1, now.plusSeconds(10), now.plusSeconds(20)))
        .hasMessageContaining("newSessionExpireTime");
  }
}
