package dev.geminilive.conformance.rules;

import dev.geminilive.conformance.cases.CaseStep;
import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.Models;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/** Reads like the catalogue entry it builds. */
final class RuleBuilder {
  private final String id;
  private Chapter chapter;
  private Level level = Level.MUST;
  private String levelReason;
  private Set<CaseStep> after = EnumSet.noneOf(CaseStep.class);
  private Set<String> commands = Set.of();
  private Set<Models> models = EnumSet.allOf(Models.class);
  private ConformanceCase testCase;
  private Set<Capability> needs = EnumSet.noneOf(Capability.class);
  private String title;
  private String requirement;
  private String source;
  private String consequence;
  private boolean healthy = true;

  private RuleBuilder(String id) {
    this.id = id;
  }

  static RuleBuilder rule(String id) {
    return new RuleBuilder(id);
  }

  RuleBuilder in(Chapter c, ConformanceCase s) {
    chapter = c;
    testCase = s;
    return this;
  }

  RuleBuilder level(Level l) {
    level = l;
    return this;
  }

  /** Why the rule has its level, from the facts (e.g. what the service does when it is broken). */
  RuleBuilder because(String reason) {
    levelReason = reason;
    return this;
  }

  /** A driver command the rule cannot be judged without (its capability aside). */
  RuleBuilder needsCommand(String command) {
    commands = Set.of(command);
    return this;
  }

  /** Steps of the case that must have happened for the rule to be judged. */
  RuleBuilder after(CaseStep first, CaseStep... more) {
    after = EnumSet.of(first, more);
    return this;
  }

  RuleBuilder only(Models m, Models... more) {
    models = EnumSet.of(m, more);
    return this;
  }

  RuleBuilder needs(Capability first, Capability... more) {
    needs = EnumSet.of(first, more);
    return this;
  }

  RuleBuilder title(String t) {
    title = t;
    return this;
  }

  RuleBuilder requires(String r) {
    requirement = r;
    return this;
  }

  /** What goes wrong for users when the rule is broken, in plain words. */
  RuleBuilder matters(String c) {
    consequence = c;
    return this;
  }

  RuleBuilder source(String s) {
    source = s;
    return this;
  }

  /** The rule judges the client's own frames, so it holds even if the server ended the session. */
  RuleBuilder judgedOnFrames() {
    healthy = false;
    return this;
  }

  ConformanceRule check(Function<Recording, Judgement> check) {
    if (consequence == null) throw new IllegalStateException(id + " says nothing about why it matters");
    if (levelReason == null) throw new IllegalStateException(id + " says nothing about why it is " + level);
    return new ConformanceRule(id, chapter, level, levelReason, models, testCase, needs, after, commands, title, requirement, consequence,
        source, healthy, check);
  }
}
