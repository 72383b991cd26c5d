package dev.geminilive.conformance.rules;

/** The outcome of one rule for one client and one model. */
public enum RuleVerdict {
  PASS,
  /** A MUST rule was broken. */
  FAIL,
  /** A SHOULD or MAY rule was broken. */
  NON_STRICT,
  /** The driver does not offer a capability the rule needs (declared, or a command answered unsupported). */
  UNSUPPORTED,
  /**
   * The case did not get to the point the rule judges (the details name the step and why); never
   * a pass: on a MUST rule it fails the run like a FAIL.
   */
  NOT_REACHED,
  /** A measurement: reported, never judged. */
  INFORMATIONAL;

  public String label() {
    return name().replace('_', '-');
  }
}
