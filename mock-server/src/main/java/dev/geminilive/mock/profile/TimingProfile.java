package dev.geminilive.mock.profile;

/**
 * How long the family takes, as distributions (see {@code docs/timing.md}). Used only in realistic
 * timing mode; fast mode sends replies without these delays.
 *
 * @param endOfSpeech silence the service waits for after the last speech before it ends a turn,
 *     when setup gives no {@code silenceDurationMs}
 * @param firstAudio from the end of the client's turn to the first audio of the reply
 * @param chunk size of each reply audio chunk and how fast chunks are delivered
 * @param inputTranscriptionLag from the end of the user's turn to its {@code inputTranscription}
 * @param outputTranscriptionLag from an audio chunk to the {@code outputTranscription} of it
 * @param turnCompleteAfterPlayback {@code turnComplete} comes when the client should have played
 *     the reply (first audio + audio duration) plus this; never before {@code generationComplete}
 */
public record TimingProfile(
    EndOfSpeech endOfSpeech,
    FirstAudio firstAudio,
    Chunk chunk,
    TimingFigure inputTranscriptionLag,
    TimingFigure outputTranscriptionLag,
    TimingFigure turnCompleteAfterPlayback) {

  public TimingProfile {
    endOfSpeech = endOfSpeech == null ? new EndOfSpeech(null, null, null) : endOfSpeech;
    firstAudio = firstAudio == null ? new FirstAudio(null, null, null) : firstAudio;
    chunk = chunk == null ? new Chunk(null, null) : chunk;
    inputTranscriptionLag = orZero(inputTranscriptionLag);
    outputTranscriptionLag = orZero(outputTranscriptionLag);
    turnCompleteAfterPlayback = orZero(turnCompleteAfterPlayback);
  }

  public static TimingProfile none() {
    return new TimingProfile(null, null, null, null, null, null);
  }

  static TimingFigure orZero(TimingFigure f) {
    return f == null ? TimingFigure.constant(0) : f;
  }

  /**
   * The silence that ends a spoken turn when setup does not say, by {@code endOfSpeechSensitivity}.
   * Null figures fall back to the server's default silence.
   */
  public record EndOfSpeech(TimingFigure silence, TimingFigure silenceLowSensitivity,
      TimingFigure silenceHighSensitivity) {}

  /** Time to the first audio of a reply, by what the reply answers. */
  public record FirstAudio(TimingFigure afterUserTurn, TimingFigure afterToolResponse,
      TimingFigure afterClientContent) {
    public FirstAudio {
      afterUserTurn = orZero(afterUserTurn);
      afterToolResponse = afterToolResponse == null ? afterUserTurn : afterToolResponse;
      afterClientContent = afterClientContent == null ? afterUserTurn : afterClientContent;
    }
  }

  /**
   * Reply audio chunks.
   *
   * @param durationMs audio per chunk
   * @param deliverySpeed how many times faster than real time chunks are sent (1 = paced at real
   *     time); sampled once per reply
   */
  public record Chunk(TimingFigure durationMs, TimingFigure deliverySpeed) {
    public Chunk {
      durationMs = durationMs == null ? TimingFigure.constant(100) : durationMs;
      deliverySpeed = deliverySpeed == null ? TimingFigure.constant(1) : deliverySpeed;
    }
  }
}
