package dev.geminilive.mock.text;

import java.util.Locale;

/** "Did you mean ...?": the known word closest to a misspelt one, if it is close enough. */
public final class Spelling {
  private Spelling() {}

  /** The closest of {@code known}, or null when none is within a few edits. */
  public static String closest(String wrong, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = normal(wrong);
    for (String k : known) {
      int d = distance(w, normal(k));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    // Up to a third of the word may be wrong (snake_case and case differences cost nothing).
    int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
    return best != null && bestDistance <= allowed && !best.equals(wrong) ? best : null;
  }

  private static String normal(String s) {
    return s.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
