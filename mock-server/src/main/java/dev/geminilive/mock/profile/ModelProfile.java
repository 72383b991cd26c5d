package dev.geminilive.mock.profile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How one Live model family behaves, as data read from a profile file.
 *
 * @param family the family's name, e.g. {@code gemini-3.1-flash-live}
 * @param description one line for people
 * @param models exact model ids served by this family
 * @param patterns regular expressions for plausible ids not listed (newer previews)
 * @param flavours the APIs the family is served on
 * @param textModality what {@code responseModalities: ["TEXT"]} gets
 * @param multiPartMessages whether one server message may carry several parts (3.1) or one (2.5)
 * @param usageBeforeFirstModelTurn whether an empty {@code serverContent} with {@code usageMetadata}
 *     precedes the first model turn (3.1)
 */
public record ModelProfile(
    String family,
    String description,
    List<String> models,
    List<String> patterns,
    List<ApiFlavour> flavours,
    Reaction textModality,
    boolean multiPartMessages,
    boolean usageBeforeFirstModelTurn) {

  public ModelProfile {
    models = models == null ? List.of() : List.copyOf(models);
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
    flavours = flavours == null ? List.of(ApiFlavour.DEVELOPER) : List.copyOf(flavours);
    textModality = textModality == null ? Reaction.ACCEPT : textModality;
  }

  boolean servesExactly(String modelId) {
    return models.contains(modelId);
  }

  boolean servesByPattern(String modelId) {
    for (String p : patterns) {
      if (Pattern.matches(p, modelId)) {
        return true;
      }
    }
    return false;
  }

  public boolean servedOn(ApiFlavour flavour) {
    return flavours.contains(flavour);
  }
}
