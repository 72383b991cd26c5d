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
 * @param ignore message types never matched against the script unless a step asks for them
 * @param defaultTimeoutMs how long an {@code expect} waits when it does not say
 * @param mismatchCode close code when the client departs from the script
 * @param mismatchReason close reason prefix for that close; the report's summary follows it
 * @param file where it was read from, for people
 */
public record Scenario(
    String id,
    String title,
    String description,
    List<String> tags,
    String model,
    ApiFlavour flavour,
    List<Step> steps,
    List<Rule> rules,
    Set<String> ignore,
    int defaultTimeoutMs,
    int mismatchCode,
    String mismatchReason,
    String file) {

  public static final int DEFAULT_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MISMATCH_CODE = 1008;
}
