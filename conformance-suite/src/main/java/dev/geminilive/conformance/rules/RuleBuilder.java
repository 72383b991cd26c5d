package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseRecording;
import dev.geminilive.conformance.recording.CaseStep;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads like the catalogue entry it builds. {@code rule(id).in(chapter, case)} comes first: the
 * case fixes the recording type {@code R} the rule's check is written against.
 */
final class RuleBuilder<R extends CaseRecording> {
  private final String id;
  private final Chapter chapter;
  private Level level = Level.MUST;
  private String levelReason;
  private Set<CaseStep> after = EnumSet.noneOf(CaseStep.class);
  private Set<String> commands = Set.of();
  private Set<Models> models = EnumSet.allOf(Models.class);
  private final ConformanceCase<R> testCase;
  private Set<Capability> needs = EnumSet.noneOf(Capability.class);
  private String title;
  private String requirement;
  private String source;
  private String consequence;
  private boolean healthy = true;

  private RuleBuilder(String id, Chapter chapter, ConformanceCase<R> testCase) {
    this.id = id;
    this.chapter = chapter;
    this.testCase = testCase;
  }

  static Start rule(String id) {
    return new Start(id);
  }

  /** A rule with only its id: its chapter and case come next. */
  record Start(String id) {
    <R extends CaseRecording> RuleBuilder<R> in(Chapter c, ConformanceCase<R> s) {
      return new RuleBuilder<>(id, c, s);
    }
  }

  RuleBuilder<R> level(Level l) {
    level = l;
    return this;
  }

  /** Why the rule has its level, from the facts (e.g. what the service does when it is broken). */
  RuleBuilder<R> because(String reason) {
    levelReason = reason;
    return this;
  }

  /** A driver command the rule cannot be judged without (its capability aside). */
  RuleBuilder<R> needsCommand(String command) {
    commands = Set.of(command);
    return this;
  }

  /** Steps of the case that must have happened for the rule to be judged. */
  RuleBuilder<R> after(CaseStep first, CaseStep... more) {
    after = EnumSet.of(first, more);
    return this;
  }

  RuleBuilder<R> only(Models m, Models... more) {
    models = EnumSet.of(m, more);
    return this;
  }

  RuleBuilder<R> needs(Capability first, Capability... more) {
    needs = EnumSet.of(first, more);
    return this;
  }

  RuleBuilder<R> title(String t) {
    title = t;
    return this;
  }

  RuleBuilder<R> requires(String r) {
    requirement = r;
    return this;
  }

  /** What goes wrong for users when the rule is broken, in plain words. */
  RuleBuilder<R> matters(String c) {
    consequence = c;
    return this;
  }

  RuleBuilder<R> source(String s) {
    source = s;
    return this;
  }

  /** The rule judges the client's own frames, so it holds even if the server ended the session. */
  RuleBuilder<R> judgedOnFrames() {
    healthy = false;
    return this;
  }

  ConformanceRule<R> check(Function<? super R, Judgement> check) {
    if (consequence == null) throw new IllegalStateException(id + " says nothing about why it matters");
    if (levelReason == null) throw new IllegalStateException(id + " says nothing about why it is " + level);
    // Reports print the reason as the level cell: it names the level itself ("MUST: ...").
    if (!levelReason.startsWith(level + ":")) throw new IllegalStateException(id + "'s level reason must start with \"" + level + ":\"");
    return new ConformanceRule<>(id, chapter, level, levelReason, models, testCase, needs, after, commands, title, requirement, consequence,
        source, healthy, check);
  }
}
