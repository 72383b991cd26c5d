package dev.geminilive.mock.scenario;

/**
 * Where something was written in a scenario file, for error messages and mismatch reports.
 *
 * @param file the file as shown to people (relative to the scenarios root where possible)
 * @param line 1-based line
 * @param column 1-based column
 * @param pointer JSON pointer of the node inside the file, e.g. {@code /steps/2/expect}
 */
public record SourceRef(String file, int line, int column, String pointer) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
