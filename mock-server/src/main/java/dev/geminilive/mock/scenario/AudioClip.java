package dev.geminilive.mock.scenario;

/**
 * Audio a scenario sends: 16-bit little-endian mono PCM at {@code sampleRate}, loaded or generated
 * when the scenario is read, so no file is touched while sessions run.
 *
 * @param description where it came from, for people ({@code tone 440 Hz 800 ms}, a file name)
 */
public record AudioClip(byte[] pcm, int sampleRate, String description) {
  public double durationMillis() {
    return pcm.length / 2.0 * 1000.0 / sampleRate;
  }

  public static AudioClip tone(double hz, int millis, int amplitude, int rate) {
    int samples = rate * millis / 1000;
    byte[] pcm = new byte[samples * 2];
    for (int i = 0; i < samples; i++) {
      short s = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    return new AudioClip(pcm, rate, "tone " + hz + " Hz " + millis + " ms");
  }

  public static AudioClip silence(int millis, int rate) {
    return new AudioClip(new byte[rate * millis / 1000 * 2], rate, "silence " + millis + " ms");
  }
}
