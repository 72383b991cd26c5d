package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import java.util.EnumSet;

/** The same with automatic activity detection disabled: activityStart, audio, activityEnd. */
public final class AudioManual extends MicrophoneCase {
  AudioManual() {
    super("AUDIO_MANUAL", "connect with activity detection off, activityStart, audio, activityEnd, end of stream, close",
        EnumSet.of(Capability.AUDIO_INPUT, Capability.MANUAL_ACTIVITY),
        "connect (automaticActivityDetection false); activityStart; 200 ms of a 1 kHz tone in 40 ms sendAudio "
        + "buffers; activityEnd; endAudio; until quiet for 250 ms (at most 5 s), close. The server only listens",
        true);
  }
}
