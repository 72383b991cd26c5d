package dev.geminilive.mock.session;

import dev.geminilive.mock.profile.DurationText;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.Reaction;
import dev.geminilive.mock.profile.SessionLimits;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.Setup;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Ends a connection the way the real service does: {@code goAway} with {@code timeLeft}, then the
 * close, at whichever comes first of the connection lifetime and the session duration limit (15
 * min of audio, 2 min once video was sent, none with {@code contextWindowCompression}). Durations
 * come from the profile and are multiplied by the time scale; a time scale of 0 turns them off.
 * {@code timeLeft} is the scaled time the client really has.
 */
final class SessionLifetime {
  private final SessionControl control;
  private final SessionLimits limits;
  private final Setup setup;
  private final ConversationState state;
  private final double timeScale;
  private long connectionOpenedNanos;
  private Future<?> goAway;
  private Future<?> end;

  SessionLifetime(SessionControl control, ModelProfile profile, Setup setup, ConversationState state) {
    this.control = control;
    this.limits = profile.limits();
    this.setup = setup;
    this.state = state;
    this.timeScale = control.settings().timeScale();
  }

  void start(long connectionOpenedNanos) {
    this.connectionOpenedNanos = connectionOpenedNanos;
    plan();
  }

  /** The first video frame shortens the session limit. */
  void videoStarted() {
    plan();
  }

  void stop() {
    cancel();
  }

  private void cancel() {
    if (goAway != null) goAway.cancel(false);
    if (end != null) end.cancel(false);
    goAway = null;
    end = null;
  }

  private void plan() {
    cancel();
    if (timeScale <= 0) {
      return;
    }
    long endAt = Long.MAX_VALUE;
    Reaction endReaction = null;
    String endRule = null;
    Duration lifetime = limits.connectionLifetimeDuration();
    if (lifetime != null && limits.connectionEnd().closes()) {
      endAt = connectionOpenedNanos + scaled(lifetime);
      endReaction = limits.connectionEnd();
      endRule = "limits.connectionEnd";
    }
    boolean unlimited = setup.contextWindowCompression() != null && limits.compressionUnlimited();
    Duration sessionLimit = state.videoSeen() ? limits.videoSessionDuration() : limits.audioSessionDuration();
    if (!unlimited && sessionLimit != null && limits.sessionEnd().closes()) {
      long sessionEnd = state.startedNanos() + scaled(sessionLimit);
      if (sessionEnd < endAt) {
        endAt = sessionEnd;
        endReaction = limits.sessionEnd();
        endRule = state.videoSeen() ? "limits.videoSession" : "limits.audioSession";
      }
    }
    if (endReaction == null) {
      return;
    }
    long now = System.nanoTime();
    long goAwayAt = Math.max(now, endAt - scaled(limits.goAwayBeforeDuration()));
    final long closeAt = endAt;
    goAway = control.schedule(() -> {
      long left = Math.max(0, closeAt - System.nanoTime());
      control.send(ServerMessage.goAway(DurationText.protobuf(Duration.ofNanos(roundMillis(left)))));
    }, goAwayAt - now);
    Reaction reaction = endReaction;
    String rule = endRule;
    end = control.schedule(() -> {
      control.note("profile-rule", rule + " -> " + reaction.describe());
      control.close(reaction.code(), reaction.reasonOr(rule));
    }, Math.max(0, endAt - now));
  }

  private long scaled(Duration d) {
    return (long) (d.toNanos() * timeScale);
  }

  private static long roundMillis(long nanos) {
    return (nanos + 500_000) / 1_000_000 * 1_000_000;
  }
}
