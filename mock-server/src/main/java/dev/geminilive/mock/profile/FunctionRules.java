package dev.geminilive.mock.profile;

/**
 * Function calling.
 *
 * @param nonBlocking {@code honoured}: a {@code behavior: NON_BLOCKING} function runs
 *     asynchronously, the model keeps talking and the response's {@code scheduling} decides when
 *     the result is spoken; {@code blocking}: every call blocks the model until its response, and
 *     {@code scheduling}/{@code willContinue} are ignored. A switch because sources conflict.
 * @param nonBlockingSource why the default is what it is
 * @param unknownId a {@code toolResponse} whose id was never issued or was cancelled
 * @param missingId a {@code toolResponse} without {@code id} on the Developer API (Vertex does not
 *     require it)
 */
public record FunctionRules(
    String nonBlocking, String nonBlockingSource, Reaction unknownId, Reaction missingId) {
  public static final String HONOURED = "honoured";
  public static final String BLOCKING = "blocking";

  public FunctionRules {
    nonBlocking = nonBlocking == null ? HONOURED : nonBlocking;
    unknownId = unknownId == null ? Reaction.ACCEPT : unknownId;
    missingId = missingId == null ? Reaction.ACCEPT : missingId;
  }

  public boolean nonBlockingHonoured() {
    return HONOURED.equals(nonBlocking);
  }

  public static FunctionRules none() {
    return new FunctionRules(null, null, null, null);
  }
}
