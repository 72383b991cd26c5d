package dev.geminilive.mock.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.audio.SpeechTurnDetector.Change;
import dev.geminilive.mock.testing.Signals;
import org.junit.jupiter.api.Test;

class SpeechTurnDetectorTest {
  @Test
  void speechThenEnoughSilenceEndsTheTurn() {
    SpeechTurnDetector d = new SpeechTurnDetector(500);
    assertThat(d.feed(Signals.tone(200, 16000, 300, 5000), 16000)).isEqualTo(Change.SPEECH_STARTED);
    assertThat(d.feed(Signals.silence(16000, 490), 16000)).isEqualTo(Change.NONE);
    assertThat(d.feed(Signals.silence(16000, 20), 16000)).isEqualTo(Change.TURN_ENDED);
    assertThat(d.inSpeech()).isFalse();
  }

  @Test
  void silenceAloneOrClicksNeverMakeATurn() {
    SpeechTurnDetector d = new SpeechTurnDetector(200);
    assertThat(d.feed(Signals.silence(16000, 2000), 16000)).isEqualTo(Change.NONE);
    assertThat(d.feed(Signals.tone(200, 16000, 10, 5000), 16000)).isEqualTo(Change.NONE);
    assertThat(d.feed(Signals.silence(16000, 1000), 16000)).isEqualTo(Change.NONE);
  }

  @Test
  void quietNoiseIsNotSpeech() {
    SpeechTurnDetector d = new SpeechTurnDetector(200);
    assertThat(d.feed(Signals.tone(200, 16000, 1000, 300), 16000)).isEqualTo(Change.NONE);
  }

  @Test
  void personaVoiceIsTwentyFourKilohertzAndAsLongAsAnnounced() {
    assertThat(PersonaVoice.byteCount()).isEqualTo(24_000 * 2 * PersonaVoice.DURATION_MILLIS / 1000);
    assertThat(PersonaVoice.base64Chunks()).hasSize(PersonaVoice.DURATION_MILLIS / PersonaVoice.CHUNK_MILLIS);
    // Loud enough that our own detector would call it speech.
    assertThat(Pcm16.rms(PersonaVoice.pcm())).isGreaterThan(1000);
  }

  @Test
  void pcmFormatDefaultsAndRejections() {
    assertThat(PcmFormat.parse("audio/pcm").sampleRate()).isEqualTo(16000);
    assertThat(PcmFormat.parse("audio/pcm;rate=24000").sampleRate()).isEqualTo(24000);
    assertThat(PcmFormat.parse("audio/pcm; rate=48000").pcm()).isTrue();
    assertThat(PcmFormat.parse("audio/wav").pcm()).isFalse();
    assertThat(PcmFormat.parse("audio/wav").isAudio()).isTrue();
    assertThat(PcmFormat.parse("image/jpeg").isAudio()).isFalse();
    assertThat(PcmFormat.parse("audio/pcm;rate=abc").pcm()).isFalse();
  }
}
