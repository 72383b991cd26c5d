package dev.geminilive.mock.profile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How one Live model family behaves, as data read from a profile file. Sections a file leaves out
 * come from the bundled {@code _defaults.yaml}; see {@code docs/model-profiles.md}.
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
 * @param setup rules for optional setup fields
 * @param clientContent when {@code clientContent} is allowed
 * @param realtimeInput audio framing and activity signals
 * @param video video frames
 * @param functions function calling
 * @param limits connection and session durations
 * @param resumption session resumption
 * @param output fields of the server's output only some families send
 * @param timing how long the family takes (realistic timing mode; {@code docs/timing.md})
 */
public record ModelProfile(
    String family,
    String description,
    List<String> models,
    List<String> patterns,
    List<ApiFlavour> flavours,
    Reaction textModality,
    boolean multiPartMessages,
    boolean usageBeforeFirstModelTurn,
    SetupRules setup,
    ClientContentRule clientContent,
    RealtimeInputRules realtimeInput,
    VideoRules video,
    FunctionRules functions,
    SessionLimits limits,
    ResumptionRules resumption,
    OutputRules output,
    TimingProfile timing) {

  public ModelProfile {
    models = models == null ? List.of() : List.copyOf(models);
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
    flavours = flavours == null ? List.of(ApiFlavour.DEVELOPER) : List.copyOf(flavours);
    textModality = textModality == null ? Reaction.ACCEPT : textModality;
    setup = setup == null ? SetupRules.none() : setup;
    clientContent = clientContent == null ? new ClientContentRule(null, null) : clientContent;
    realtimeInput = realtimeInput == null ? RealtimeInputRules.none() : realtimeInput;
    video = video == null ? VideoRules.none() : video;
    functions = functions == null ? FunctionRules.none() : functions;
    limits = limits == null ? SessionLimits.none() : limits;
    resumption = resumption == null ? ResumptionRules.none() : resumption;
    output = output == null ? OutputRules.none() : output;
    timing = timing == null ? TimingProfile.none() : timing;
  }

  boolean servesExactly(String modelId) {
    return models.contains(modelId);
  }

  /** Compiled once per pattern text: a record holds no derived fields, and setups are frequent. */
  private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  boolean servesByPattern(String modelId) {
    for (String p : patterns) {
      if (COMPILED.computeIfAbsent(p, Pattern::compile).matcher(modelId).matches()) {
        return true;
      }
    }
    return false;
  }

  public boolean servedOn(ApiFlavour flavour) {
    return flavours.contains(flavour);
  }
}
