package dev.geminilive.conformance.rules;

/** The outcome of one rule for one client and one model. */
public enum Verdict {
  PASS,
  /** A MUST rule was broken. */
  FAIL,
  /** A SHOULD or MAY rule was broken. */
  NON_STRICT,
  /** The driver does not offer a capability the rule needs. */
  UNSUPPORTED,
  /** A measurement, or a rule that could not be judged in this run (the details say why). */
  INFORMATIONAL;

  public String label() {
    return this == NON_STRICT ? "NON-STRICT" : name();
  }
}
