package dev.geminilive.mock.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.timing.TimingMode;
import org.junit.jupiter.api.Test;

/** Tests get fast timing unless they ask; {@code timing = "realistic"} reaches the server. */
@GeminiLiveMock(tls = false, timing = "realistic", timingSeed = 5)
class TimingAttributeTest {
  @Test
  void theAnnotationChoosesRealisticTimingAndItsSeed(GeminiLiveMockRuntime mock) throws Exception {
    assertThat(mock.server().config().session().timing()).isEqualTo(TimingMode.REALISTIC);
    assertThat(mock.server().config().session().timingSeed()).isEqualTo(5);
    assertThat(GeminiLiveMock.class.getMethod("timing").getDefaultValue()).isEqualTo("fast");
  }
}
