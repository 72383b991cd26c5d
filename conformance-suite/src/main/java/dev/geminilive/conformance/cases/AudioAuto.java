package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import java.util.EnumSet;

/** Known tone + chirp at the driver's native rate with automatic activity detection, then end of stream. */
public final class AudioAuto extends MicrophoneCase {
  AudioAuto() {
    super("AUDIO_AUTO", "connect, send a known signal with automatic activity detection, end the stream, close",
        EnumSet.of(Capability.AUDIO_INPUT),
        "connect (automatic activity detection on); 600 ms of a 1 kHz tone then a 630 ms 300-3000 Hz chirp at the "
        + "driver's nativeInputRate, PCM16LE, handed over in 40 ms sendAudio buffers (the last one shorter), each "
        + "call answered before the next; endAudio; then until the client sent nothing new for 250 ms (at most "
        + "5 s), close. The server only listens",
        false);
  }
}
