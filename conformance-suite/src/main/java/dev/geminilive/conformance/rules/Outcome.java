package dev.geminilive.conformance.rules;

/** A rule's verdict for one model, with the finding and the recording it came from. */
public record Outcome(Rule rule, String model, Verdict verdict, Finding finding, Recording recording) {}
