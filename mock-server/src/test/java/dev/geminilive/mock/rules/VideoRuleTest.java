package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Video frames: JPEG/PNG only, with a real image header; frames faster than ~1 fps are a finding;
 * mediaResolution is validated. The shorter session limit is in {@link SessionLifecycleRuleTest}.
 */
class VideoRuleTest {
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String frame(byte[] bytes, String mime) {
    return "{\"realtimeInput\":{\"video\":{\"data\":\"" + Base64.getEncoder().encodeToString(bytes)
        + "\",\"mimeType\":\"" + mime + "\"}}}";
  }

  @Test
  void jpegAndPngFramesAreAccepted() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send(frame(JPEG, "image/jpeg"));
      Thread.sleep(1_100); // stay within the documented rate
      c.send(frame(PNG, "image/png"));
      LiveRules.assertSilentAndOpen(c);
    }
    assertThat(findings(latest(server))).isEmpty();
    assertThat(latest(server).attribute("video")).isEqualTo("true");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "jpeg|image/gif|video frames must be one of [image/jpeg, image/png]",
      "png|image/jpeg|not a decodable image/jpeg image (it is a PNG)",
      "text|image/png|not a decodable image/png image",
  })
  void badFramesClose1007NamingTheField(String content, String mime, String detail) throws Exception {
    byte[] bytes = switch (content) {
      case "jpeg" -> JPEG;
      case "png" -> PNG;
      default -> "hello".getBytes();
    };
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send(frame(bytes, mime));
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("realtime_input.video").contains(detail);
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("video.framing"));
  }

  @Test
  void framesFasterThanOnePerSecondAreAFinding() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      for (int i = 0; i < 3; i++) {
        c.send(frame(JPEG, "image/jpeg"));
      }
      LiveRules.assertSilentAndOpen(c);
    }
    assertThat(findings(latest(server)))
        .filteredOn(f -> f.startsWith("video.frameRate")).hasSize(1)
        .allMatch(f -> f.contains("the documented rate is about 1.0"));
  }

  @Test
  void mediaResolutionIsValidated() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "\"generationConfig\":{\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\"}");
    }
    try (RawLiveClient c = dev(server)) {
      c.setup(M25, "\"generationConfig\":{\"mediaResolution\":\"MEDIA_RESOLUTION_ULTRA\"}");
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      // Refused by the proto-JSON reader (an unknown enum value), cut at 123 bytes like the service's.
      assertThat(close.reason())
          .startsWith("Invalid value at 'setup.generation_config.media_resolution' (type.googleapis.com/");
    }
  }
}
