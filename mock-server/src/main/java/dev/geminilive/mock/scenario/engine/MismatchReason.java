package dev.geminilive.mock.scenario.engine;

import dev.geminilive.mock.protocol.CloseReasons;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The close reason of a scenario mismatch, within the 123 bytes a close frame allows: what was
 * expected and what came first, then where (step and line), shortening the values rather than
 * losing the end. The full text stays in the journal's {@code scenario-mismatch} entry.
 */
final class MismatchReason {
  /** {@code path: expected X, got Y} as the matchers write it. */
  private static final Pattern AT_PATH = Pattern.compile("^(\\S+): (expected .*)$", Pattern.DOTALL);
  private static final Pattern EXPECTED_GOT = Pattern.compile("^expected (.*), (got|found) (.*)$", Pattern.DOTALL);
  private static final int MAX = CloseReasons.MAX_REASON_BYTES;

  private MismatchReason() {}

  /**
   * @param failure the first failure as in the journal
   * @param where e.g. {@code step 4, line 22}; null for the scenario's header
   */
  static String compose(String scenarioId, String where, String failure) {
    String path = null;
    String body = failure;
    Matcher m = AT_PATH.matcher(failure);
    if (m.matches()) {
      path = m.group(1);
      body = m.group(2);
    }
    String decisive = body + (path == null ? "" : " at " + path);
    String place = where == null ? "scenario " + scenarioId : where;
    for (String suffix : new String[] {" (scenario " + scenarioId + (where == null ? "" : ", " + where) + ")",
        " (" + place + ")"}) {
      if (bytes(decisive + suffix) <= MAX) {
        return decisive + suffix;
      }
    }
    String suffix = " (" + place + ")";
    int budget = MAX - bytes(suffix);
    Matcher eg = EXPECTED_GOT.matcher(body);
    if (eg.matches()) {
      String expected = eg.group(1);
      String got = eg.group(3);
      String at = path == null ? "" : " at " + path;
      for (int keep = 60; keep >= 8; keep -= 4) {
        String text = "expected " + shorten(expected, keep) + ", " + eg.group(2) + " " + shorten(got, keep);
        if (bytes(text + at) <= budget) {
          return text + at + suffix;
        }
        if (bytes(text) <= budget) {
          return text + suffix;
        }
      }
    }
    return cut(decisive, budget) + suffix;
  }

  private static String shorten(String value, int keep) {
    return value.length() <= keep ? value : value.substring(0, keep - 3) + "...";
  }

  private static String cut(String text, int budget) {
    if (bytes(text) <= budget) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && bytes(s + "...") > budget) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "...";
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
