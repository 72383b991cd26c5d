package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.driver.Capability;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One requirement on a Live client: a stable id, a level, the model families it applies to, the
 * source it rests on, the capability it needs, the scenario whose recording it judges, and the
 * check itself. {@code consequence} says in plain words what goes wrong for users when it breaks.
 *
 * @param needsHealthySession true when the rule can only be judged if the server did not end
 *     the session early because of something else the client did (another rule's failure)
 */
public record Rule(
    String id,
    Chapter chapter,
    Level level,
    Set<Models> models,
    Scenario scenario,
    Set<Capability> needs,
    String title,
    String requirement,
    String consequence,
    String source,
    boolean needsHealthySession,
    Function<Recording, Finding> check) {

  public Rule {
    models = Set.copyOf(models);
    needs = needs.isEmpty() ? Set.of() : EnumSet.copyOf(needs);
  }

  public boolean appliesTo(String model) {
    return models.contains(Models.of(model));
  }

  /** Judges a recording made for this rule's scenario. */
  public Outcome judge(Recording recording) {
    for (Capability c : needs) {
      if (!recording.capabilities().contains(c)) {
        return new Outcome(this, recording.model(), Verdict.UNSUPPORTED,
            Finding.notJudged(requirement, "the driver does not declare " + c), recording);
      }
    }
    Optional<String> unhealthy = recording.unexpectedEnd();
    Finding f;
    if (needsHealthySession && unhealthy.isPresent()) {
      f = Finding.notJudged(requirement, unhealthy.get());
    } else {
      try {
        f = check.apply(recording);
      } catch (RuntimeException e) {
        f = Finding.broken(requirement, "the check could not read the recording: " + e, java.util.List.of());
      }
    }
    return new Outcome(this, recording.model(), verdictOf(f), f, recording);
  }

  private Verdict verdictOf(Finding f) {
    return switch (f.kind()) {
      case KEPT -> level == Level.INFO ? Verdict.INFORMATIONAL : Verdict.PASS;
      case MEASURED, NOT_JUDGED -> Verdict.INFORMATIONAL;
      case BROKEN -> switch (level) {
        case MUST -> Verdict.FAIL;
        case SHOULD, MAY -> Verdict.NON_STRICT;
        case INFO -> Verdict.INFORMATIONAL;
      };
    };
  }
}
