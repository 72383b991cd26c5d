package dev.geminilive.conformance.rules;

import java.util.List;

/**
 * What a rule found in a recording, before the level turns it into a verdict.
 *
 * @param kind kept, broken, measured (informational) or not reached (with the step and why)
 * @param expected what the rule requires, in words
 * @param actual what the client did, in words
 * @param evidence the client's frames and events that show it, one per line
 */
public record Finding(Kind kind, String expected, String actual, List<String> evidence) {
  public enum Kind { KEPT, BROKEN, MEASURED, NOT_REACHED }

  public Finding {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public static Finding kept(String expected, String actual) {
    return new Finding(Kind.KEPT, expected, actual, List.of());
  }

  public static Finding kept(String expected, String actual, List<String> evidence) {
    return new Finding(Kind.KEPT, expected, actual, evidence);
  }

  public static Finding broken(String expected, String actual, List<String> evidence) {
    return new Finding(Kind.BROKEN, expected, actual, evidence);
  }

  public static Finding measured(String what, String value) {
    return new Finding(Kind.MEASURED, what, value, List.of());
  }

  /** The case did not get to what the rule judges; {@code why} names the step and its cause. */
  public static Finding notReached(String expected, String why) {
    return new Finding(Kind.NOT_REACHED, expected, "not reached: " + why, List.of());
  }

  public static Finding notReached(String expected, String why, List<String> evidence) {
    return new Finding(Kind.NOT_REACHED, expected, "not reached: " + why, evidence);
  }

  public static Finding check(boolean ok, String expected, String actual, List<String> evidence) {
    return ok ? kept(expected, actual, evidence) : broken(expected, actual, evidence);
  }
}
