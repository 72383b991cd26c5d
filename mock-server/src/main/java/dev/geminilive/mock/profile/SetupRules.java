package dev.geminilive.mock.profile;

import java.util.List;

/**
 * What a family does with optional {@code setup} fields.
 *
 * @param thinking thinking control; null accepts anything
 * @param affectiveDialog reaction to {@code generationConfig.enableAffectiveDialog: true}
 * @param proactivity reaction to {@code proactivity}
 * @param proactiveAudioOff reaction to {@code proactivity.proactiveAudio: false}, for families
 *     whose proactivity cannot be switched off (checked after {@code proactivity})
 * @param emptyTools reaction to {@code tools: []} (an empty list, not an absent field)
 * @param featureApiVersion the API version the two features above are documented for; using them on
 *     another version is accepted and recorded as a finding
 * @param mediaResolutions accepted {@code generationConfig.mediaResolution} values
 * @param onBadMediaResolution reaction to any other value (the reason names the field when the
 *     profile gives none)
 */
public record SetupRules(
    ThinkingRule thinking,
    Reaction affectiveDialog,
    Reaction proactivity,
    Reaction proactiveAudioOff,
    Reaction emptyTools,
    String featureApiVersion,
    List<String> mediaResolutions,
    Reaction onBadMediaResolution) {

  public SetupRules {
    affectiveDialog = affectiveDialog == null ? Reaction.ACCEPT : affectiveDialog;
    proactivity = proactivity == null ? Reaction.ACCEPT : proactivity;
    proactiveAudioOff = proactiveAudioOff == null ? Reaction.ACCEPT : proactiveAudioOff;
    emptyTools = emptyTools == null ? Reaction.ACCEPT : emptyTools;
    mediaResolutions = mediaResolutions == null ? List.of() : List.copyOf(mediaResolutions);
    onBadMediaResolution = onBadMediaResolution == null ? Reaction.ACCEPT : onBadMediaResolution;
  }

  public static SetupRules none() {
    return new SetupRules(null, null, null, null, null, null, null, null);
  }
}
