package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.recording.CaseRecording;
import dev.geminilive.conformance.recording.RawRecording;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One scripted session (or attempt) the suite drives: a case. Several rules judge the same
 * recording, so a full run costs one session per case and model, not one per rule. Each case
 * states its id, what it does, the capabilities it cannot run without (its rules are UNSUPPORTED
 * otherwise), its script in prose (so a driver author never needs the Java:
 * docs/conformance-rules.md), the script itself, played against a {@link CaseContext}, and the
 * typed recording it produces ({@code R}): the view of what was recorded that its rules judge,
 * exposing only the evidence this case gathers.
 *
 * <p>Every server message a script sends is one the real service sends in that situation; the
 * sources are named in the script text (`sources §N` is a section of docs/sources.md).
 */
public abstract class ConformanceCase<R extends CaseRecording> {
  private final String id;
  private final String description;
  private final Set<Capability> needs;
  private final String script;
  private final Class<R> recordingType;
  private final Function<RawRecording, R> recording;

  protected ConformanceCase(String id, String description, Set<Capability> needs, String script,
      Class<R> recordingType, Function<RawRecording, R> recording) {
    this.id = id;
    this.description = description;
    this.needs = Collections.unmodifiableSet(needs.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(needs));
    this.script = script;
    this.recordingType = recordingType;
    this.recording = recording;
  }

  /** The stable id reports and rules name the case by. */
  public final String id() {
    return id;
  }

  public final String description() {
    return description;
  }

  /** Capabilities the case cannot run without; its rules are UNSUPPORTED otherwise. */
  public final Set<Capability> needs() {
    return needs;
  }

  /** The script in prose: messages, order, waits and timeouts. */
  public final String script() {
    return script;
  }

  /** The type of the recording this case produces, which its rules judge. */
  public final Class<R> recordingType() {
    return recordingType;
  }

  /** This case's typed recording of what the runner recorded while it played. */
  public final R recording(RawRecording raw) {
    if (!raw.caseId().equals(id)) throw new IllegalArgumentException(raw.caseId() + " is not a recording of " + id);
    return recording.apply(raw);
  }

  /**
   * Plays the script: returns early where a step cannot be reached, after recording why with
   * {@link CaseContext#block}.
   */
  public abstract void play(CaseContext c) throws Exception;

  @Override
  public final String toString() {
    return id;
  }
}
