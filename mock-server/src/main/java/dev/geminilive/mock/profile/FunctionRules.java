package dev.geminilive.mock.profile;

import java.time.Duration;

/**
 * Function calling.
 *
 * @param nonBlocking {@code honoured}: a {@code NON_BLOCKING} function runs asynchronously, the
 *     model keeps talking and the response's {@code scheduling} decides when the result is spoken;
 *     {@code blocking}: every call blocks the model until its response, and
 *     {@code scheduling}/{@code willContinue} are ignored. A switch because sources conflict.
 * @param nonBlockingSource why the default is what it is
 * @param defaultBehavior the behaviour of a declaration without {@code behavior}: {@code BLOCKING}
 *     (2.5, 3.1) or {@code NON_BLOCKING} (3.8)
 * @param blockingDeclared reaction to a declaration with {@code behavior: BLOCKING} (3.8 extended
 *     thinking refuses it)
 * @param scheduling {@code honoured} or {@code ignored}: whether a non-blocking result's
 *     {@code scheduling} is obeyed; ignored results are spoken when the model is idle
 * @param onBargeIn what user activity does to blocking calls still waiting for their response:
 *     {@code cancel} sends {@code toolCallCancellation}; {@code reissue} drops them silently and,
 *     {@code reissueAfter} later, calls the same function again under a new id
 * @param reissueAfter the pause before a dropped call is issued again
 * @param unknownId a {@code toolResponse} whose id was never issued or was cancelled
 * @param missingId a {@code toolResponse} without {@code id} on the Developer API (Vertex does not
 *     require it)
 */
public record FunctionRules(
    String nonBlocking,
    String nonBlockingSource,
    String defaultBehavior,
    Reaction blockingDeclared,
    String scheduling,
    String onBargeIn,
    String reissueAfter,
    Reaction unknownId,
    Reaction missingId) {
  public static final String HONOURED = "honoured";
  public static final String BLOCKING = "blocking";
  public static final String IGNORED = "ignored";
  public static final String CANCEL = "cancel";
  public static final String REISSUE = "reissue";

  public FunctionRules {
    nonBlocking = nonBlocking == null ? HONOURED : nonBlocking;
    defaultBehavior = defaultBehavior == null ? "BLOCKING" : defaultBehavior;
    blockingDeclared = blockingDeclared == null ? Reaction.ACCEPT : blockingDeclared;
    scheduling = scheduling == null ? HONOURED : scheduling;
    onBargeIn = onBargeIn == null ? CANCEL : onBargeIn;
    unknownId = unknownId == null ? Reaction.ACCEPT : unknownId;
    missingId = missingId == null ? Reaction.ACCEPT : missingId;
  }

  public boolean nonBlockingHonoured() {
    return HONOURED.equals(nonBlocking);
  }

  /** Whether a declaration with this {@code behavior} (null when absent) runs without blocking. */
  public boolean runsNonBlocking(String declaredBehavior) {
    String behavior = declaredBehavior == null ? defaultBehavior : declaredBehavior;
    return "NON_BLOCKING".equals(behavior) && nonBlockingHonoured();
  }

  public boolean schedulingHonoured() {
    return HONOURED.equals(scheduling);
  }

  public boolean reissuesOnBargeIn() {
    return REISSUE.equals(onBargeIn);
  }

  public Duration reissueAfterDuration() {
    Duration d = DurationText.parseOrNull(reissueAfter);
    return d == null ? Duration.ofSeconds(3) : d;
  }

  public static FunctionRules none() {
    return new FunctionRules(null, null, null, null, null, null, null, null, null);
  }
}
