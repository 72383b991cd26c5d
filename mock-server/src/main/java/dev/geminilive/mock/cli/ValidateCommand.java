package dev.geminilive.mock.cli;

import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate}: checks scenario files and prints {@code file:line:column: message} per problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks scenario files (a file or a folder) against the schema and the scenario rules.",
      "Reads subfolders too. Prints one line per problem as file:line:column: message and exits 1",
      "when there is any error; warnings (file:line:column: warning: ...) do not fail."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders.")
  List<Path> paths;

  @Option(names = "--root", paramLabel = "DIR", description = "Scenarios folder a single file belongs to (audio files must lie inside it). Default: the file's folder.")
  Path root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ScenarioValidator validator = ScenarioValidator.bundled();
    Path cwd = Path.of("").toAbsolutePath();
    int problems = 0;
    int warnings = 0;
    int valid = 0;
    int files = 0;
    for (Path p : paths) {
      ScenarioValidator.Result r = validator.validate(p, root, cwd);
      for (ScenarioProblem problem : r.problems()) {
        out.println(problem);
      }
      for (ScenarioProblem problem : r.problems()) {
        if (problem.warning()) {
          warnings++;
        } else {
          problems++;
        }
      }
      valid += r.validScenarios();
      files += r.files();
    }
    out.printf("%d file(s), %d valid scenario(s), %d problem(s)%s%n", files, valid, problems,
        warnings == 0 ? "" : ", " + warnings + " warning(s)");
    out.flush();
    return problems == 0 && files > 0 ? 0 : 1;
  }
}
