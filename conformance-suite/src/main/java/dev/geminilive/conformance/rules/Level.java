package dev.geminilive.conformance.rules;

/** How binding a rule is: a broken MUST is a FAIL, a broken SHOULD or MAY is NON-STRICT. */
public enum Level {
  MUST,
  SHOULD,
  MAY,
  /** Measured and reported, never judged. */
  INFO
}
