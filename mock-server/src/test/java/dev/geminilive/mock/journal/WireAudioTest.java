package dev.geminilive.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The journal's own base64 decoding of wire bytes gives the JDK's bytes, or declines (then the JDK decides). */
class WireAudioTest {
  @Test
  void sameBytesAsTheJdkForEveryLengthAndPadding() {
    Random random = new Random(12);
    for (int n = 0; n < 300; n++) {
      byte[] raw = new byte[n];
      random.nextBytes(raw);
      String b64 = Base64.getEncoder().encodeToString(raw);
      byte[] ascii = ("xx\"" + b64 + "\"").getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[n + 3];
      int got = WireAudio.decode(ByteBuffer.wrap(ascii), 3, 3 + b64.length(), out);
      assertThat(got).as("bytes, %d", n).isEqualTo(n);
      assertThat(java.util.Arrays.copyOf(out, Math.max(0, got))).isEqualTo(raw);
    }
  }

  @Test
  void anythingUnusualIsDeclined() {
    for (String s : new String[] {"QUJD\u00e9QUJ", "QUJ", "QU=D", "QUJD-_JD", "QQ", "QUJD QUJ", "QUJDQ==="}) {
      byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(WireAudio.decode(ByteBuffer.wrap(bytes), 0, bytes.length, new byte[16])).as(s).isEqualTo(-1);
    }
  }
}
