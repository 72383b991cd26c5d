package dev.geminilive.mock.profile;

/**
 * What a family does with {@code realtimeInput} framing. Every rule broken is also recorded in the
 * session journal as a finding, even when the reaction is {@code accept}.
 *
 * @param mediaChunks the deprecated {@code mediaChunks} field
 * @param badAudio an {@code audio} blob that is not 16-bit PCM in standard base64 (non-audio or
 *     non-PCM MIME type, base64 that does not decode, odd byte count); without a profile reason the
 *     close reason names the field
 * @param activityWithAutomaticDetection {@code activityStart}/{@code activityEnd} while automatic
 *     activity detection is on
 * @param audioStreamEndWithoutAutomaticDetection {@code audioStreamEnd} while it is off
 */
public record RealtimeInputRules(
    Reaction mediaChunks,
    Reaction badAudio,
    Reaction activityWithAutomaticDetection,
    Reaction audioStreamEndWithoutAutomaticDetection) {

  public RealtimeInputRules {
    mediaChunks = mediaChunks == null ? Reaction.ACCEPT : mediaChunks;
    badAudio = badAudio == null ? Reaction.ACCEPT : badAudio;
    activityWithAutomaticDetection =
        activityWithAutomaticDetection == null ? Reaction.ACCEPT : activityWithAutomaticDetection;
    audioStreamEndWithoutAutomaticDetection = audioStreamEndWithoutAutomaticDetection == null
        ? Reaction.ACCEPT : audioStreamEndWithoutAutomaticDetection;
  }

  public static RealtimeInputRules none() {
    return new RealtimeInputRules(null, null, null, null);
  }
}
