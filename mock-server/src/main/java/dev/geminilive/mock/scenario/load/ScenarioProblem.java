package dev.geminilive.mock.scenario.load;

/**
 * One thing wrong with a scenario file, where it is. Printed as {@code file:line:column: message},
 * the form editors and CI logs turn into links. A warning ({@code file:line:column: warning: ...})
 * points at something that runs but probably not as meant (a step a model profile makes
 * unreachable, a deprecated key); it does not make the file invalid.
 */
public record ScenarioProblem(String file, int line, int column, String message, boolean warning)
    implements Comparable<ScenarioProblem> {

  public ScenarioProblem(String file, int line, int column, String message) {
    this(file, line, column, message, false);
  }

  public static ScenarioProblem warning(String file, int line, int column, String message) {
    return new ScenarioProblem(file, line, column, message, true);
  }

  public boolean error() {
    return !warning;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (warning ? "warning: " : "") + message;
  }

  @Override
  public int compareTo(ScenarioProblem o) {
    int c = file.compareTo(o.file);
    if (c == 0) c = Integer.compare(line, o.line);
    if (c == 0) c = Integer.compare(column, o.column);
    if (c == 0) c = message.compareTo(o.message);
    if (c == 0) c = Boolean.compare(warning, o.warning);
    return c;
  }
}
