package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseRecording;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.RawRecording;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One requirement on a Live client: a stable id, a level and why it has that level, the model
 * families it applies to, the source it rests on, the capabilities it needs, the case whose
 * recording it judges, the steps of that case that must have happened before it can be judged,
 * and the check itself. {@code consequence} says in plain words what goes wrong for users when
 * it breaks.
 *
 * @param needsHealthySession true when the rule can only be judged if the server did not end
 *     the session early (the case names why it ended); false for rules judged on the client's
 *     own frames, which can FAIL whatever happened later
 * @param commands driver commands (beyond those of {@code needs}) the rule cannot be judged
 *     without: answered "unsupported", the rule is UNSUPPORTED
 * @param after the steps the case must have reached for the rule to be judged; without them the
 *     verdict is NOT-REACHED (never PASS), unless the frames already show the rule broken
 */
public record ConformanceRule<R extends CaseRecording>(
    String id,
    Chapter chapter,
    Level level,
    String levelReason,
    Set<Models> models,
    ConformanceCase<R> testCase,
    Set<Capability> needs,
    Set<CaseStep> after,
    Set<String> commands,
    String title,
    String requirement,
    String consequence,
    String source,
    boolean needsHealthySession,
    Function<? super R, Judgement> check) {

  public ConformanceRule {
    models = Set.copyOf(models);
    needs = needs.isEmpty() ? Set.of() : EnumSet.copyOf(needs);
    after = after.isEmpty() ? Set.of() : EnumSet.copyOf(after);
    commands = Set.copyOf(commands);
  }

  public boolean appliesTo(String model) {
    return models.contains(Models.of(model));
  }

  /** The type of recording the rule judges: the one its case produces. */
  public Class<R> recordingType() {
    return testCase.recordingType();
  }

  /** Judges what was recorded while this rule's case played, through the case's typed recording. */
  public Outcome judge(RawRecording recording) {
    for (Capability c : EnumSet.copyOf(needs.isEmpty() ? EnumSet.noneOf(Capability.class) : needs)) {
      if (!recording.capabilities().contains(c)) {
        return new Outcome(this, recording.model(), RuleVerdict.UNSUPPORTED,
            Judgement.notReached(requirement, "the driver does not declare " + c), recording);
      }
      if (recording.unsupported().contains(c)) {
        return new Outcome(this, recording.model(), RuleVerdict.UNSUPPORTED,
            Judgement.notReached(requirement, "the driver answered a " + c + " command \"unsupported\""), recording);
      }
    }
    for (String command : commands) {
      if (recording.unsupportedCommands().contains(command)) {
        return new Outcome(this, recording.model(), RuleVerdict.UNSUPPORTED,
            Judgement.notReached(requirement, "the driver answered " + command + " \"unsupported\""), recording);
      }
    }
    Optional<CaseStep> missing = after.stream().filter(s -> !recording.did(s)).findFirst();
    Judgement f;
    if (needsHealthySession && missing.isPresent()) {
      f = Judgement.notReached(requirement, recording.whyNotReached(missing.get()), recording.timeline());
    } else if (needsHealthySession && recording.unexpectedEnd().isPresent()) {
      f = Judgement.notReached(requirement, recording.unexpectedEnd().get(), recording.timeline());
    } else {
      try {
        f = check.apply(testCase.recording(recording));
      } catch (RuntimeException e) {
        f = Judgement.broken(requirement, "the check could not read the recording: " + e, List.of());
      }
      // Frames can show a rule broken before the case got far; they can never show it kept.
      if (f.kind() != Judgement.Kind.BROKEN && missing.isPresent()) {
        f = Judgement.notReached(requirement, recording.whyNotReached(missing.get()), recording.timeline());
      }
    }
    return new Outcome(this, recording.model(), verdictOf(f), f, recording);
  }

  private RuleVerdict verdictOf(Judgement f) {
    return switch (f.kind()) {
      case KEPT -> level == Level.INFO ? RuleVerdict.INFORMATIONAL : RuleVerdict.PASS;
      case MEASURED -> RuleVerdict.INFORMATIONAL;
      case NOT_REACHED -> level == Level.INFO ? RuleVerdict.INFORMATIONAL : RuleVerdict.NOT_REACHED;
      case BROKEN -> switch (level) {
        case MUST -> RuleVerdict.FAIL;
        case SHOULD, MAY -> RuleVerdict.NON_STRICT;
        case INFO -> RuleVerdict.INFORMATIONAL;
      };
    };
  }
}
