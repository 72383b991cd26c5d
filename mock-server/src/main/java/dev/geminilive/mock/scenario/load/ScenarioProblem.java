package dev.geminilive.mock.scenario.load;

/**
 * One thing wrong with a scenario file, where it is. Printed as {@code file:line:column: message},
 * the form editors and CI logs turn into links.
 */
public record ScenarioProblem(String file, int line, int column, String message)
    implements Comparable<ScenarioProblem> {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public int compareTo(ScenarioProblem o) {
    int c = file.compareTo(o.file);
    if (c == 0) c = Integer.compare(line, o.line);
    if (c == 0) c = Integer.compare(column, o.column);
    if (c == 0) c = message.compareTo(o.message);
    return c;
  }
}
