package dev.geminilive.conformance.recording;

import dev.geminilive.mock.session.AudioInput;
import java.util.List;

/**
 * AUDIO_AUTO and AUDIO_MANUAL: a known signal fed to the client's microphone, and the audio the
 * server decoded from what the client sent.
 */
public final class MicrophoneRecording extends CaseRecording {
  public MicrophoneRecording(RawRecording raw) {
    super(raw);
  }

  /** The signal handed to the driver (PCM16LE at {@link #fedRate()}), or null if none was. */
  public byte[] fedSignal() {
    return raw().fedPcm();
  }

  /** The driver's native input rate, at which the signal was fed. */
  public int fedRate() {
    return raw().fedRate();
  }

  /** The input audio the server decoded, chunk by chunk, with each chunk's declared rate. */
  public List<AudioInput> receivedChunks() {
    return raw().tappedAudio();
  }

  /** How long handing the whole signal to the client took. */
  public double sendAudioMillis() {
    return raw().sendAudioMillis();
  }
}
