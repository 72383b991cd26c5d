package dev.geminilive.mock.profile;

import java.time.Duration;

/**
 * How long connections and sessions last. Durations are written like {@code 590s}, {@code 15m},
 * {@code 2h} or {@code 1500ms}; the server multiplies them by its time scale.
 *
 * @param connectionLifetime one WebSocket's life; {@code goAway} comes {@code goAwayBefore} earlier
 * @param goAwayBefore how long before the end {@code goAway} is sent, its {@code timeLeft}
 * @param connectionEnd the close at the end of the connection lifetime
 * @param audioSession the whole session's limit (over resumptions) without video
 * @param videoSession the limit once a video frame was sent
 * @param sessionEnd the close when the session limit is reached
 * @param compressionUnlimited {@code contextWindowCompression} in setup lifts the session limits
 */
public record SessionLimits(
    String connectionLifetime,
    String goAwayBefore,
    Reaction connectionEnd,
    String audioSession,
    String videoSession,
    Reaction sessionEnd,
    Boolean compressionUnlimited) {

  public SessionLimits {
    connectionEnd = connectionEnd == null ? Reaction.ACCEPT : connectionEnd;
    sessionEnd = sessionEnd == null ? Reaction.ACCEPT : sessionEnd;
    compressionUnlimited = compressionUnlimited == null || compressionUnlimited;
  }

  public static SessionLimits none() {
    return new SessionLimits(null, null, null, null, null, null, null);
  }

  public Duration connectionLifetimeDuration() {
    return DurationText.parseOrNull(connectionLifetime);
  }

  public Duration goAwayBeforeDuration() {
    Duration d = DurationText.parseOrNull(goAwayBefore);
    return d == null ? Duration.ZERO : d;
  }

  public Duration audioSessionDuration() {
    return DurationText.parseOrNull(audioSession);
  }

  public Duration videoSessionDuration() {
    return DurationText.parseOrNull(videoSession);
  }
}
