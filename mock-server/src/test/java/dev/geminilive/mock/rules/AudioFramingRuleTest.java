package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M25;
import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input audio framing: what is refused (with a reason naming the field), what is tolerated, and
 * that every irregularity lands in the journal as a finding.
 */
class AudioFramingRuleTest {
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LiveRules.startFast();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String audio(String base64, String mime) {
    return "{\"realtimeInput\":{\"audio\":{\"data\":\"" + base64 + "\",\"mimeType\":\"" + mime + "\"}}}";
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Speech then silence, so automatic activity detection ends the turn and the persona answers. */
  static void speakAndExpectAReply(RawLiveClient c, String mime) throws InterruptedException {
    for (byte[] chunk : Signals.chunks(Signals.tone(440, 16000, 600, 8000), 16000, 100)) {
      c.send(audio(b64(chunk), mime));
    }
    for (byte[] chunk : Signals.chunks(Signals.silence(16000, 600), 16000, 100)) {
      c.send(audio(b64(chunk), mime));
    }
    assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
  }

  @Test
  void wellFramedAudioIsAnsweredWithoutFindings() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      speakAndExpectAReply(c, "audio/pcm;rate=16000");
    }
    assertThat(findings(latest(server))).isEmpty();
  }

  @Test
  void missingRateMeans16000AndIsAFinding() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      speakAndExpectAReply(c, "audio/pcm");
      assertThat(c.isClosed()).isFalse();
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("audio.missingRate") && f.contains("16000"));
  }

  @Test
  void aNonNativeRateIsAcceptedAndAFinding() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      for (byte[] chunk : Signals.chunks(Signals.tone(440, 24000, 600, 8000), 24000, 100)) {
        c.send(audio(b64(chunk), "audio/pcm;rate=24000"));
      }
      for (byte[] chunk : Signals.chunks(Signals.silence(24000, 600), 24000, 100)) {
        c.send(audio(b64(chunk), "audio/pcm;rate=24000"));
      }
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("audio.nonNativeRate") && f.contains("24000"));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "AAAA|image/jpeg|is not an audio MIME type",
      "AAAA|audio/amr|realtime audio must be audio/pcm",
      "AAAA|audio/pcm;rate=abc|realtime audio must be audio/pcm",
      "@@@@|audio/pcm;rate=16000|Base64 decoding failed",
  })
  void badFramingCloses1007NamingTheField(String data, String mime, String detail)
      throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, "");
      c.send(audio(data, mime));
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("realtime_input.audio").contains(detail);
    }
  }

  /**
   * What no source shows the service refusing is taken, with a finding: a documented non-PCM audio
   * type, URL-safe base64 (proto JSON reads both alphabets), an odd byte count.
   */
  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "AAAB|audio/pcm;rate=16000|audio.oddByteCount",
      "AAAA|audio/wav|audio.notPcm",
      "AAAA|audio/mpeg|audio.notPcm",
      "-_-_|audio/pcm;rate=16000|base64.urlSafe",
  })
  void toleratedFramingIsAcceptedWithAFinding(String data, String mime, String finding)
      throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, "");
      c.send(audio(data, mime));
      LiveRules.assertSilentAndOpen(c);
      c.send(LiveRules.textTurn("still there?"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith(finding));
  }

  @Test
  void urlSafeSpeechIsHeardAndAnswered() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      for (byte[] chunk : Signals.chunks(Signals.tone(440, 16000, 600, 8000), 16000, 100)) {
        c.send(audio(Base64.getUrlEncoder().withoutPadding().encodeToString(chunk), "audio/pcm;rate=16000"));
      }
      for (byte[] chunk : Signals.chunks(Signals.silence(16000, 600), 16000, 100)) {
        c.send(audio(b64(chunk), "audio/pcm;rate=16000"));
      }
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
  }

  @Test
  void mediaChunksAudioOn25IsHeardAndAnswered() throws Exception {
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "\"inputAudioTranscription\":{}");
      for (byte[] chunk : Signals.chunks(Signals.tone(440, 16000, 600, 8000), 16000, 100)) {
        c.send(mediaChunks(chunk));
      }
      for (byte[] chunk : Signals.chunks(Signals.silence(16000, 600), 16000, 100)) {
        c.send(mediaChunks(chunk));
      }
      List<RawLiveClient.Frame> reply = c.until(LiveRules::turnComplete, WAIT_MILLIS);
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/modelTurn").isObject());
      assertThat(reply).anyMatch(f -> f.json().at("/serverContent/inputTranscription").isObject());
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("realtimeInput.mediaChunks"));
  }

  static String mediaChunks(byte[] pcm) {
    return "{\"realtimeInput\":{\"mediaChunks\":[{\"data\":\"" + b64(pcm)
        + "\",\"mimeType\":\"audio/pcm;rate=16000\"}]}}";
  }

  @Test
  void mediaChunksOn31AreRejected() throws Exception {
    String chunks = "{\"realtimeInput\":{\"mediaChunks\":[{\"data\":\"" + b64(Signals.silence(16000, 100))
        + "\",\"mimeType\":\"audio/pcm;rate=16000\"}]}}";
    try (RawLiveClient c = dev(server)) {
      setUp(c, M31, "");
      c.send(chunks);
      assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1007,
          "realtime_input.media_chunks is deprecated. Use audio, video, or text instead."));
    }
    try (RawLiveClient c = dev(server)) {
      setUp(c, M25, "");
      c.send(chunks);
      LiveRules.assertSilentAndOpen(c);
      // Still a working session afterwards.
      c.send(LiveRules.textTurn("still there?"));
      assertThat(c.until(LiveRules::turnComplete, WAIT_MILLIS)).isNotEmpty();
    }
    assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("realtimeInput.mediaChunks") && f.contains("deprecated"));
  }
}
