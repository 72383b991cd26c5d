package dev.geminilive.mock.scenario.build;

import dev.geminilive.mock.scenario.load.ScenarioProblem;
import java.util.List;

/** A scenario built in Java failed the checks a file gets; the message lists every problem. */
public final class InvalidScenarioException extends IllegalArgumentException {
  private final transient List<ScenarioProblem> problems;

  InvalidScenarioException(String message, List<ScenarioProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public List<ScenarioProblem> problems() {
    return problems;
  }
}
