package dev.geminilive.mock.timing;

import dev.geminilive.mock.profile.TimingProfile;
import java.util.concurrent.TimeUnit;

/**
 * When the parts of one reply go out, relative to the end of the client's turn: the first audio,
 * the gap between audio chunks, the transcription lags and the {@code turnComplete} gap. Offsets
 * are scenario time (the session's time scale still applies when they are played).
 *
 * @param firstAudioNanos from the end of the client's turn to the first audio chunk
 * @param chunkMillis audio per chunk
 * @param chunkGapNanos from one chunk to the next
 * @param inputTranscriptionLagNanos from the end of the turn to its input transcription
 * @param outputTranscriptionLagNanos from a chunk to the output transcription of it
 * @param turnCompleteAfterPlaybackNanos {@code turnComplete} this long after the estimated
 *     playback end, or {@code null} to send it with {@code generationComplete}
 */
public record ReplyPlan(
    long firstAudioNanos,
    int chunkMillis,
    long chunkGapNanos,
    long inputTranscriptionLagNanos,
    long outputTranscriptionLagNanos,
    Long turnCompleteAfterPlaybackNanos) {

  /** What the reply answers: the family's first-audio figure differs by it. */
  public enum Trigger {
    USER_TURN,
    TOOL_RESPONSE,
    CLIENT_CONTENT
  }

  /** Fast mode: no added delay, chunks paced at real time, everything else at once. */
  public static ReplyPlan fast(int chunkMillis) {
    return new ReplyPlan(0, chunkMillis, TimeUnit.MILLISECONDS.toNanos(chunkMillis), 0, 0, null);
  }

  /** Realistic mode: one draw of each figure of the family's profile. */
  public static ReplyPlan realistic(TimingProfile t, TimingSampler s, Trigger trigger) {
    long first = s.nanos(switch (trigger) {
      case USER_TURN -> t.firstAudio().afterUserTurn();
      case TOOL_RESPONSE -> t.firstAudio().afterToolResponse();
      case CLIENT_CONTENT -> t.firstAudio().afterClientContent();
    });
    int chunk = (int) Math.max(1, Math.round(s.millis(t.chunk().durationMs())));
    double speed = Math.max(0.01, s.millis(t.chunk().deliverySpeed()));
    long gap = Math.round(TimeUnit.MILLISECONDS.toNanos(chunk) / speed);
    return new ReplyPlan(Math.max(0, first), chunk, gap,
        Math.max(0, s.nanos(t.inputTranscriptionLag())),
        Math.max(0, s.nanos(t.outputTranscriptionLag())),
        s.nanos(t.turnCompleteAfterPlayback()));
  }

  /** The plan for {@code mode}: fast ignores the profile and the sampler. */
  public static ReplyPlan of(TimingMode mode, TimingProfile t, TimingSampler s, Trigger trigger,
      int fastChunkMillis) {
    return mode == TimingMode.REALISTIC ? realistic(t, s, trigger) : fast(fastChunkMillis);
  }

  /** A copy with the first audio at {@code nanos} (a scenario's {@code firstAudioMs}). */
  public ReplyPlan withFirstAudio(long nanos) {
    return new ReplyPlan(nanos, chunkMillis, chunkGapNanos, inputTranscriptionLagNanos,
        outputTranscriptionLagNanos, turnCompleteAfterPlaybackNanos);
  }

  /** A copy with {@code millis} of audio per chunk and {@code gapNanos} between chunks. */
  public ReplyPlan withChunks(int millis, long gapNanos) {
    return new ReplyPlan(firstAudioNanos, millis, gapNanos, inputTranscriptionLagNanos,
        outputTranscriptionLagNanos, turnCompleteAfterPlaybackNanos);
  }

  /** One line for the journal: what this reply's timing was drawn as. */
  public String describe(Trigger trigger) {
    return String.format(java.util.Locale.ROOT,
        "reply to %s: first audio after %.1f ms, %d ms chunks every %.1f ms, transcription lag in %.1f / out %.1f ms%s",
        trigger.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), firstAudioNanos / 1e6,
        chunkMillis, chunkGapNanos / 1e6, inputTranscriptionLagNanos / 1e6,
        outputTranscriptionLagNanos / 1e6, turnCompleteAfterPlaybackNanos == null ? ""
            : String.format(java.util.Locale.ROOT, ", turnComplete %+.1f ms after playback end",
                turnCompleteAfterPlaybackNanos / 1e6));
  }

  public long chunkOffset(int index) {
    return firstAudioNanos + index * chunkGapNanos;
  }

  /** {@code generationComplete}: right after the last of {@code chunks} chunks was sent. */
  public long generationEnd(int chunks) {
    return firstAudioNanos + chunks * chunkGapNanos;
  }

  /**
   * {@code turnComplete}: when the client should have played {@code audioMillis} of audio that
   * began at the first chunk, plus the family's gap; never before {@code generationComplete}.
   */
  public long turnCompleteOffset(int chunks, double audioMillis) {
    long generationEnd = generationEnd(chunks);
    if (turnCompleteAfterPlaybackNanos == null) {
      return generationEnd;
    }
    long playbackEnd = firstAudioNanos + Math.round(audioMillis * 1_000_000);
    return Math.max(generationEnd, playbackEnd + turnCompleteAfterPlaybackNanos);
  }

  /**
   * The output transcription of chunk 0 rides with the first chunk sent at or after its lag (the
   * service puts it in the same frame as audio), or goes alone after the last one.
   */
  public long outputTranscriptionOffset(int chunks) {
    long due = firstAudioNanos + outputTranscriptionLagNanos;
    for (int i = 0; i < chunks; i++) {
      if (chunkOffset(i) >= due) {
        return chunkOffset(i);
      }
    }
    return chunks == 0 ? due : Math.max(due, chunkOffset(chunks - 1));
  }
}
