package dev.geminilive.mock.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.text.Spelling;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads scenario files under one root folder: syntax, schema, then meaning. Every file is checked
 * to lie inside the root (after symlinks) before it is read. Thread-safe.
 */
public final class ScenarioLoader {
  /** Scenario files are hand-written; anything this big is a mistake. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  /** What reading one file gave: a scenario when it has no problems. */
  public record FileResult(Path file, String display, Scenario scenario, List<ScenarioProblem> problems) {
    public boolean ok() {
      return scenario != null && problems.stream().noneMatch(ScenarioProblem::error);
    }
  }

  /** Every file of a folder, and problems that span files (duplicate ids). */
  public record FolderResult(List<FileResult> files, List<ScenarioProblem> problems) {
    public List<Scenario> scenarios() {
      List<Scenario> out = new ArrayList<>();
      for (FileResult f : files) {
        if (f.ok()) {
          out.add(f.scenario());
        }
      }
      return out;
    }

    /** All problems, sorted by file, line and column. */
    public List<ScenarioProblem> allProblems() {
      List<ScenarioProblem> all = new ArrayList<>(problems);
      files.forEach(f -> all.addAll(f.problems()));
      Collections.sort(all);
      return all;
    }
  }

  private final Path root;
  private final Path displayBase;
  private final ScenarioSchema schema;
  private final ProfileCatalog profiles;

  /**
   * @param root the scenarios folder; nothing outside it is read
   * @param profiles to check each scenario's model against; null skips that check
   */
  public ScenarioLoader(Path root, ScenarioSchema schema, ProfileCatalog profiles) {
    this(root, null, schema, profiles);
  }

  /**
   * @param displayBase file names in problems are shown relative to it (e.g. the working
   *     directory); null shows them relative to the root's parent ({@code scenarios/x.yaml})
   */
  public ScenarioLoader(Path root, Path displayBase, ScenarioSchema schema, ProfileCatalog profiles) {
    this.root = root.toAbsolutePath().normalize();
    Path base = displayBase != null ? displayBase.toAbsolutePath().normalize() : this.root.getParent();
    this.displayBase = base == null ? this.root : base;
    this.schema = schema;
    this.profiles = profiles;
  }

  public Path root() {
    return root;
  }

  /** True for the files a folder scan treats as scenarios. */
  public static boolean isScenarioFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".schema.json") || name.startsWith(".")) {
      return false;
    }
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** Reads every scenario file under the root (not following symlinked folders). */
  public FolderResult loadAll() {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
          .filter(ScenarioLoader::isScenarioFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      return new FolderResult(List.of(), List.of(new ScenarioProblem(root.toString(), 1, 1,
          "cannot list the scenarios folder: " + e.getMessage())));
    }
    List<FileResult> results = new ArrayList<>();
    for (Path f : files) {
      results.add(load(f));
    }
    return new FolderResult(results, duplicateIds(results));
  }

  private static List<ScenarioProblem> duplicateIds(List<FileResult> results) {
    Map<String, FileResult> first = new HashMap<>();
    List<ScenarioProblem> problems = new ArrayList<>();
    for (FileResult r : results) {
      if (!r.ok()) {
        continue;
      }
      FileResult earlier = first.putIfAbsent(r.scenario().id(), r);
      if (earlier != null) {
        problems.add(new ScenarioProblem(r.display(), 1, 1, "scenario id \"" + r.scenario().id()
            + "\" is already used by " + earlier.display()));
      }
    }
    return problems;
  }

  /** Reads one file, which must lie under the root. */
  public FileResult load(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String display = display(abs);
    if (!abs.startsWith(root)) {
      return failed(abs, display, "the file is outside the scenarios folder " + root);
    }
    String text;
    try {
      Path real = abs.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        return failed(abs, display, "the file links to a place outside the scenarios folder");
      }
      if (Files.size(real) > MAX_FILE_BYTES) {
        return failed(abs, display, "the file is larger than 1 MB; is it really a scenario?");
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(real)))
          .toString();
    } catch (CharacterCodingException e) {
      return failed(abs, display, "the file is not UTF-8 text");
    } catch (IOException e) {
      return failed(abs, display, "cannot read: " + e.getMessage());
    }
    return parse(abs, display, text);
  }

  /** Checks text as if it were {@code file} (which need not exist); used by the validate API. */
  public FileResult parse(Path file, String display, String text) {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    LocatedTree tree = LocatedTree.parse(display, text, json);
    if (tree.root() == null || !tree.problems().isEmpty()) {
      return new FileResult(file, display, null, List.copyOf(tree.problems()));
    }
    List<ScenarioProblem> problems = new ArrayList<>();
    List<ScenarioSchema.Violation> violations = schema.validate(tree.root());
    List<String> explained = new ArrayList<>();
    for (ScenarioSchema.Violation v : violations) {
      if ("maxProperties".equals(v.keyword()) && STEP.matcher(v.pointer()).matches()) {
        problems.add(twoKeysInOneStep(display, tree, v.pointer()));
        explained.add(v.pointer() + "/");
      }
    }
    boolean noScript = violations.stream().anyMatch(v -> "oneOf".equals(v.keyword()) && v.pointer().isEmpty());
    for (ScenarioSchema.Violation v : violations) {
      if (noScript && "required".equals(v.keyword()) && v.pointer().isEmpty()
          && (v.message().contains("'steps'") || v.message().contains("'connections'"))) {
        continue; // the oneOf message says it in one line
      }
      if (explained.stream().anyMatch(p -> (v.pointer() + "/").startsWith(p) && !v.pointer().equals(p))
          || "maxProperties".equals(v.keyword()) && explained.contains(v.pointer() + "/")) {
        continue; // said better by the message about the step's keys
      }
      LocatedTree.Position at = v.atKey() ? tree.keyAt(v.pointer()) : tree.valueAt(v.pointer());
      problems.add(new ScenarioProblem(display, at.line(), at.column(), message(v)));
    }
    if (!problems.isEmpty()) {
      Collections.sort(problems);
      return new FileResult(file, display, null, dedupe(problems));
    }
    ScenarioReader reader = new ScenarioReader(root, file, display, tree, profiles);
    Scenario scenario = reader.read();
    List<ScenarioProblem> semantic = new ArrayList<>(reader.problems());
    Collections.sort(semantic);
    boolean errors = semantic.stream().anyMatch(ScenarioProblem::error);
    return new FileResult(file, display, errors ? null : scenario, dedupe(semantic));
  }

  private static final java.util.regex.Pattern STEP_KEY =
      java.util.regex.Pattern.compile("(/connections/\\d+)?/(steps/\\d+|(on|rules)/\\d+/do/\\d+)/[^/]+");

  private static final java.util.regex.Pattern STEP =
      java.util.regex.Pattern.compile("(/connections/\\d+)?/(steps/\\d+|(on|rules)/\\d+/do/\\d+)");
  private static final List<String> STEP_NAMES = List.of("expect", "expectNothing", "send", "say", "toolCall",
      "interrupt", "goAway", "resumptionUpdate", "usage", "wait", "close", "drop", "stall");
  private static final List<String> ACTION_NAMES = List.of("send", "toolCall", "interrupt", "goAway",
      "resumptionUpdate", "usage", "close", "drop", "stall");

  /**
   * A step item with more than one key is nearly always an indentation slip: an option of the
   * step written level with the step's name (or two steps in one item). Say that, at the line of
   * the stray key, instead of "must have at most 1 properties".
   */
  private ScenarioProblem twoKeysInOneStep(String display, LocatedTree tree, String pointer) {
    JsonNode item = tree.root().at(pointer);
    List<String> keys = new ArrayList<>();
    item.fieldNames().forEachRemaining(keys::add);
    String first = keys.get(0);
    String stray = keys.get(1);
    String strayPointer = pointer + "/" + LocatedTree.escape(stray);
    LocatedTree.Position at = tree.keyAt(strayPointer);
    int firstColumn = tree.keyAt(pointer + "/" + LocatedTree.escape(first)).column();
    String where = friendly(pointer);
    String message;
    java.util.Set<String> options = schema.knownKeys(pointer + "/" + LocatedTree.escape(first));
    if (STEP_NAMES.contains(first) && options.contains(stray)) {
      message = where + "\"" + stray + "\" is an option of " + first + " but stands level with it (both at column "
          + firstColumn + "): check the indentation of line " + at.line() + "; indent " + stray
          + " (and what follows it) further than " + first;
    } else if (STEP_NAMES.contains(stray)) {
      message = where + "two steps in one item (" + first + " and " + stray + "): start " + stray
          + " on a new line with \"- \" (check line " + at.line() + ")";
    } else {
      String guess = Spelling.closest(stray, options);
      message = where + "a step is one key naming it, but this one also has \"" + stray + "\""
          + (guess != null ? " (did you mean \"" + guess + "\", an option of " + first + "?)" : "")
          + ": check the indentation of line " + at.line();
    }
    return new ScenarioProblem(display, at.line(), at.column(), message);
  }

  /** A schema error in QA's words: unknown keys and steps named, with a guess at what was meant. */
  private String message(ScenarioSchema.Violation v) {
    if (v.atKey()) {
      String name = v.pointer().substring(v.pointer().lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
      if (STEP_KEY.matcher(v.pointer()).matches()) {
        boolean action = v.pointer().contains("/do/");
        List<String> allowed = action ? ACTION_NAMES : STEP_NAMES;
        String guess = Spelling.closest(name, allowed);
        return "unknown step \"" + name + "\"; " + (guess != null ? "did you mean \"" + guess + "\"? " : "")
            + (action ? "a rule can do: " : "steps are: ") + String.join(", ", allowed);
      }
      String parent = v.pointer().substring(0, v.pointer().lastIndexOf('/'));
      java.util.Set<String> known = schema.knownKeys(parent);
      String guess = Spelling.closest(name, known);
      return friendly(parent) + "unknown key \"" + name + "\""
          + (guess != null ? "; did you mean \"" + guess + "\"?"
              : known.isEmpty() ? "" : "; the keys here are: " + String.join(", ", known));
    }
    if ("oneOf".equals(v.keyword()) && v.pointer().isEmpty()) {
      return "a scenario needs steps: (the script) or connections: (a script per connection), not both";
    }
    if ("enum".equals(v.keyword()) && !v.allowed().isEmpty()) {
      String field = v.pointer().substring(v.pointer().lastIndexOf('/') + 1);
      String guess = v.written() == null ? null : Spelling.closest(v.written(), v.allowed());
      String what = "\"" + v.written() + "\" is not a " + (field.equals("type") ? "message type" : "value " + field + " takes");
      if (guess != null) {
        return friendly(v.pointer()) + what + "; did you mean \"" + guess + "\"?";
      }
      List<String> shown = field.equals("type") || field.equals("until")
          ? v.allowed().stream().filter(a -> !a.startsWith("realtimeInput.")).toList() : v.allowed();
      return friendly(v.pointer()) + what + "; use one of: " + String.join(", ", shown);
    }
    return friendly(v.pointer()) + v.message();
  }


  private static List<ScenarioProblem> dedupe(List<ScenarioProblem> sorted) {
    List<ScenarioProblem> out = new ArrayList<>();
    for (ScenarioProblem p : sorted) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** {@code /steps/2/expect} as {@code steps[2].expect: }. */
  static String friendly(String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String seg : pointer.substring(1).split("/")) {
      String s = seg.replace("~1", "/").replace("~0", "~");
      if (s.matches("[0-9]+")) {
        sb.append('[').append(s).append(']');
      } else {
        if (sb.length() > 0) sb.append('.');
        sb.append(s);
      }
    }
    return sb + ": ";
  }

  private FileResult failed(Path file, String display, String message) {
    return new FileResult(file, display, null, List.of(new ScenarioProblem(display, 1, 1, message)));
  }

  /** The path shown to people. */
  private String display(Path abs) {
    return abs.startsWith(displayBase) ? displayBase.relativize(abs).toString() : abs.toString();
  }
}
