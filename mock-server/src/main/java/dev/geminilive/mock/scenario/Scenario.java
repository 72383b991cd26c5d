package dev.geminilive.mock.scenario;

import dev.geminilive.mock.profile.ApiFlavour;
import java.util.List;
import java.util.Set;

/**
 * A loaded, checked scenario: immutable, shared by every session that runs it (each run keeps
 * its own cursor and captures).
 *
 * @param id what selects it (URL prefix, API key, admin queue)
 * @param model the model id setup must name, or null for any
 * @param flavour the API the session must come through, or null for either
 * @param connections one script per connection, in order (one for most scenarios); captures are
 *     shared across them
 * @param ignore message types never matched against the script unless a step asks for them
 * @param ambientAudio whether an {@code expect} of a non-audio message (and {@code expectNothing})
 *     lets microphone audio pass by default
 * @param defaultTimeoutMs how long an {@code expect} waits when it does not say
 * @param mismatchCode close code when the client departs from the script
 * @param mismatchReason close reason prefix for that close; the report's summary follows it
 * @param file where it was read from, for people
 * @param header where {@code model} (or, without it, {@code api}, or the file's top) was written,
 *     for a mismatch of the setup's model or API
 */
public record Scenario(
    String id,
    String title,
    String description,
    List<String> tags,
    String model,
    ApiFlavour flavour,
    List<Script> connections,
    Set<String> ignore,
    boolean ambientAudio,
    int defaultTimeoutMs,
    int mismatchCode,
    String mismatchReason,
    String file,
    SourceRef header) {

  public static final int DEFAULT_TIMEOUT_MS = 10_000;

  /** The first connection's steps (the only ones of a one-connection scenario). */
  public List<Step> steps() {
    return connections.get(0).steps();
  }

  /** The first connection's rules. */
  public List<Rule> rules() {
    return connections.get(0).rules();
  }

  /**
   * True when the script sends resumption updates itself ({@code resumptionUpdate}, or a
   * {@code send} of a {@code sessionResumptionUpdate}): then the script owns them and the session
   * sends none of its own.
   */
  public boolean scriptsResumption() {
    for (Script c : connections) {
      if (scriptsResumption(c)) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #scriptsResumption()}, for one connection's script. */
  public static boolean scriptsResumption(Script script) {
    List<Step> all = new java.util.ArrayList<>(script.steps());
    script.rules().forEach(r -> all.addAll(r.actions()));
    for (Step s : all) {
      if (s instanceof Step.ResumptionUpdate
          || (s instanceof Step.Send send && send.message().has("sessionResumptionUpdate"))) {
        return true;
      }
    }
    return false;
  }
  public static final int DEFAULT_MISMATCH_CODE = 1008;
}
