package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One scripted session (or attempt) the suite drives: a case. Several rules judge the same
 * recording, so a full run costs one session per case and model, not one per rule. Each case
 * states its id, what it does, the capabilities it cannot run without (its rules are UNSUPPORTED
 * otherwise), its script in prose (so a driver author never needs the Java:
 * docs/conformance-rules.md) and the script itself, played against a {@link CaseContext}.
 *
 * <p>Every server message a script sends is one the real service sends in that situation; the
 * sources are named in the script text (`sources §N` is a section of docs/sources.md).
 */
public abstract class ConformanceCase {
  private final String id;
  private final String description;
  private final Set<Capability> needs;
  private final String script;

  protected ConformanceCase(String id, String description, Set<Capability> needs, String script) {
    this.id = id;
    this.description = description;
    this.needs = Collections.unmodifiableSet(needs.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(needs));
    this.script = script;
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
