package dev.geminilive.mock.profile;

import java.time.Duration;

/**
 * Session resumption.
 *
 * @param handleValidity how long a handle stays usable after its connection ended
 * @param unknownHandle a handle the server never issued, or one that expired
 * @param nullHandle {@code sessionResumption: {"handle": null}}
 * @param resumeWhileOpen a resume while a connection of the same session is still open
 */
public record ResumptionRules(
    String handleValidity, Reaction unknownHandle, Reaction nullHandle, Reaction resumeWhileOpen) {
  public ResumptionRules {
    unknownHandle = unknownHandle == null ? Reaction.ACCEPT : unknownHandle;
    nullHandle = nullHandle == null ? Reaction.ACCEPT : nullHandle;
    resumeWhileOpen = resumeWhileOpen == null ? Reaction.ACCEPT : resumeWhileOpen;
  }

  public static ResumptionRules none() {
    return new ResumptionRules(null, null, null, null);
  }

  public Duration handleValidityDuration() {
    Duration d = DurationText.parseOrNull(handleValidity);
    return d == null ? Duration.ofHours(2) : d;
  }
}
