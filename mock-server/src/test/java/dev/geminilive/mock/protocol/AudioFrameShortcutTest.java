package dev.geminilive.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level reading of audio frames gives what the general reader gives, or defers to it. */
class AudioFrameShortcutTest {
  private static ByteBuffer direct(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 7);
    b.position(3); // a frame rarely starts at index 0 of its buffer
    b.put(bytes);
    b.flip();
    b.position(3);
    return b;
  }

  static List<ApiSurface> surfaces() {
    return List.of(ApiSurface.of(false, "v1beta"), ApiSurface.of(false, "v1alpha"), ApiSurface.of(false, "v1"),
        ApiSurface.of(true, "v1beta1"), ApiSurface.of(true, "v1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm;rate=16000\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\"AAECAw==\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQ=\",\"mimeType\":\"audio/pcm\"}}}",
      // the google-genai Java SDK's key (real-sdks capture: sendRealtimeInput)
      "{\"realtime_input\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm;rate=16000\"}}}",
      "{\"realtime_input\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\"AAECAw==\"}}}"})
  void commonAudioFramesReadTheSameOnBothPaths(String json) throws Exception {
    ClientMessageDecoder decoder = new ClientMessageDecoder();
    ClientMessageDecoder.Decoded quick = decoder.decode(direct(json)); // as the transport hands it over
    ClientMessageDecoder.Decoded general = decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(quick.audioBytes()).isNotNull(); // read by the shortcut
    assertThat(quick.message()).isEqualTo(general.message());
    assertThat(quick.tree()).isEqualTo(general.tree());
    assertThat(quick.tree().toString()).isEqualTo(general.tree().toString()); // member order too
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ \"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mime_type\":\"audio/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAEC-_QF\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQ\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AA=CAwQF\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio\\/pcm\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"data\":\"AAECAwQF\"}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\",\"x\":1}}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\"}}} ",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\"}},\"setup\":{}}",
      "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\"}}}",
      "{\"realtimeInput\":{\"text\":\"hi\"}}",
      "{\"realtime_Input\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtimeinput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\"}}}",
      "{\"realtime_input\":{\"audio\":{\"data\":\"AAECAwQF\",\"mime_type\":\"audio/pcm\"}}}",
      "{\"realtime_input\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm\"}}"})
  void anythingElseIsLeftToTheGeneralReader(String json) {
    byte[] frame = json.getBytes(StandardCharsets.UTF_8);
    assertThat(AudioFrameShortcut.read(frame, 0, frame.length, true)).isNull();
  }

  @ParameterizedTest
  @MethodSource("surfaces")
  void theDecoderStillRefusesWhatTheGeneralReaderRefuses(ApiSurface surface) {
    ClientMessageDecoder decoder = new ClientMessageDecoder(surface);
    assertThatThrownBy(() -> decoder.decode(direct(
        "{\"realtimeInput\":{\"audio\":{\"data\":\"A!ECAwQF\",\"mimeType\":\"audio/pcm\"}}}")))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("Base64 decoding failed");
  }

  @ParameterizedTest
  @MethodSource("surfaces")
  void everySurfaceDecodesTheCommonFrameAsTheGeneralReaderDoes(ApiSurface surface) throws Exception {
    String json = "{\"realtimeInput\":{\"audio\":{\"data\":\"AAECAwQF\",\"mimeType\":\"audio/pcm;rate=16000\"}}}";
    ClientMessageDecoder decoder = new ClientMessageDecoder(surface);
    assertThat(decoder.decode(direct(json)).message())
        .isEqualTo(decoder.decode(json.getBytes(StandardCharsets.UTF_8)).message());
    String snake = json.replace("realtimeInput", "realtime_input");
    ClientMessageDecoder.Decoded quick = decoder.decode(direct(snake));
    ClientMessageDecoder.Decoded general = decoder.decode(snake.getBytes(StandardCharsets.UTF_8));
    assertThat(quick.audioBytes()).isNotNull(); // read by the shortcut on every surface
    assertThat(quick.message()).isEqualTo(general.message());
    assertThat(quick.tree().toString()).isEqualTo(general.tree().toString());
  }
}
