package dev.geminilive.mock.audio;

/**
 * Finds the end of a user's spoken turn in the audio itself, as the service does under automatic
 * activity detection: speech-like energy, then {@code silenceMs} of silence. Time is counted on the
 * audio's own sample clock, not the wall clock, so a client that streams faster or slower than
 * real time gets the same answer.
 */
public final class SpeechTurnDetector {
  /** What a chunk of audio changed. */
  public enum Change {
    NONE,
    SPEECH_STARTED,
    TURN_ENDED
  }

  /** About -36 dBFS: well above dither and line noise, well below any voice at normal level. */
  public static final double SPEECH_RMS = 500;

  private static final int WINDOW_MS = 10;
  private static final int MIN_SPEECH_MS = 30;

  private final int silenceMs;
  private boolean inSpeech;
  private long speechSamples;
  private long silentSamples;
  private long totalSamples;
  private int rate;

  public SpeechTurnDetector(int silenceMs) {
    this.silenceMs = silenceMs;
  }

  /** Feeds one chunk; returns the most significant change it caused. */
  public Change feed(byte[] pcm, int sampleRate) {
    this.rate = sampleRate;
    int samples = Pcm16.sampleCount(pcm);
    int window = Math.max(1, sampleRate * WINDOW_MS / 1000);
    long minSpeech = (long) sampleRate * MIN_SPEECH_MS / 1000;
    long silenceNeeded = (long) sampleRate * silenceMs / 1000;
    Change change = Change.NONE;
    for (int from = 0; from < samples; from += window) {
      int to = Math.min(samples, from + window);
      boolean loud = Pcm16.rms(pcm, from, to) >= SPEECH_RMS;
      int n = to - from;
      totalSamples += n;
      if (loud) {
        speechSamples += n;
        silentSamples = 0;
        if (!inSpeech && speechSamples >= minSpeech) {
          inSpeech = true;
          change = Change.SPEECH_STARTED;
        }
      } else if (inSpeech) {
        silentSamples += n;
        if (silentSamples >= silenceNeeded) {
          reset();
          return Change.TURN_ENDED;
        }
      } else {
        speechSamples = 0; // isolated clicks never add up to speech
      }
    }
    return change;
  }

  public boolean inSpeech() {
    return inSpeech;
  }

  /** Seconds of audio seen so far, on the sample clock. */
  public double secondsSeen() {
    return rate == 0 ? 0 : (double) totalSamples / rate;
  }

  public void reset() {
    inSpeech = false;
    speechSamples = 0;
    silentSamples = 0;
  }
}
