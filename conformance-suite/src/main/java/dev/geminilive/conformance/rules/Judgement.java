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
public record Judgement(Kind kind, String expected, String actual, List<String> evidence) {
  public enum Kind { KEPT, BROKEN, MEASURED, NOT_REACHED }

  public Judgement {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public static Judgement kept(String expected, String actual) {
    return new Judgement(Kind.KEPT, expected, actual, List.of());
  }

  public static Judgement kept(String expected, String actual, List<String> evidence) {
    return new Judgement(Kind.KEPT, expected, actual, evidence);
  }

  public static Judgement broken(String expected, String actual, List<String> evidence) {
    return new Judgement(Kind.BROKEN, expected, actual, evidence);
  }

  public static Judgement measured(String what, String value) {
    return new Judgement(Kind.MEASURED, what, value, List.of());
  }

  /** The case did not get to what the rule judges; {@code why} names the step and its cause. */
  public static Judgement notReached(String expected, String why) {
    return new Judgement(Kind.NOT_REACHED, expected, "not reached: " + why, List.of());
  }

  public static Judgement notReached(String expected, String why, List<String> evidence) {
    return new Judgement(Kind.NOT_REACHED, expected, "not reached: " + why, evidence);
  }

  public static Judgement check(boolean ok, String expected, String actual, List<String> evidence) {
    return ok ? kept(expected, actual, evidence) : broken(expected, actual, evidence);
  }
}
