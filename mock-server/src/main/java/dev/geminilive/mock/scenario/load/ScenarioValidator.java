package dev.geminilive.mock.scenario.load;

import dev.geminilive.mock.profile.ProfileCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The validator as an API: checks one file or a folder against the schema and the semantic rules
 * and returns every problem as {@code file:line:column: message}. The CLI's {@code validate}
 * command and the tests use it; the server uses the same loader, so what validates is what runs.
 */
public final class ScenarioValidator {
  /** The outcome: problems (empty when all is well) and how many scenarios were valid. */
  public record Result(List<ScenarioProblem> problems, int validScenarios, int files) {
    /** True when there is no error (warnings allowed). */
    public boolean ok() {
      return problems.stream().noneMatch(ScenarioProblem::error);
    }
  }

  private final ScenarioSchema schema;
  private final ProfileCatalog profiles;

  public ScenarioValidator(ScenarioSchema schema, ProfileCatalog profiles) {
    this.schema = schema;
    this.profiles = profiles;
  }

  public static ScenarioValidator bundled() {
    return new ScenarioValidator(ScenarioSchema.bundled(), ProfileCatalog.bundled());
  }

  /**
   * Validates {@code target}: a folder (the root is the folder itself) or one file (the root is
   * {@code root} when given, else the file's folder). Audio files must lie inside the root.
   *
   * @param displayBase problems name files relative to this (e.g. the working directory); may be null
   */
  public Result validate(Path target, Path root, Path displayBase) {
    Path abs = target.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      return new Result(List.of(new ScenarioProblem(target.toString(), 1, 1, "no such file or folder")), 0, 0);
    }
    if (Files.isDirectory(abs)) {
      ScenarioLoader.FolderResult all = new ScenarioLoader(abs, displayBase, schema, profiles).loadAll();
      return new Result(all.allProblems(), all.scenarios().size(), all.files().size());
    }
    Path fileRoot = root != null ? root : abs.getParent();
    ScenarioLoader loader = new ScenarioLoader(fileRoot, displayBase, schema, profiles);
    ScenarioLoader.FileResult r = loader.load(abs);
    List<ScenarioProblem> problems = new ArrayList<>(r.problems());
    Collections.sort(problems);
    return new Result(problems, r.ok() ? 1 : 0, 1);
  }

  /** Validates text as if it were the file {@code name} inside {@code root} (no file is written). */
  public Result validateText(Path root, String name, String text) {
    ScenarioLoader loader = new ScenarioLoader(root, root, schema, profiles);
    ScenarioLoader.FileResult r = loader.parse(root.resolve(name), name, text);
    return new Result(r.problems(), r.ok() ? 1 : 0, 1);
  }
}
