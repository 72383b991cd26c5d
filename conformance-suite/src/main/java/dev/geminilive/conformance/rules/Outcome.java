package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.recording.RawRecording;

/**
 * A rule's verdict for one model, with the finding and the recording it came from.
 *
 * @param seconds what this verdict cost: for the first rule judged on a recording, playing the
 *     case plus judging; for the others, judging only (so the times of a run add up)
 */
public record Outcome(ConformanceRule<?> rule, String model, RuleVerdict verdict, Judgement finding, RawRecording recording,
    double seconds) {

  public Outcome(ConformanceRule<?> rule, String model, RuleVerdict verdict, Judgement finding, RawRecording recording) {
    this(rule, model, verdict, finding, recording, 0);
  }

  public Outcome withSeconds(double s) {
    return new Outcome(rule, model, verdict, finding, recording, s);
  }
}
