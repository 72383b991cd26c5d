package dev.geminilive.conformance.report;

import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.Verdict;

/**
 * JUnit XML for CI dashboards: one test case per rule and model. FAIL is a failure, UNSUPPORTED
 * is skipped, NON-STRICT and INFORMATIONAL pass with their details in system-out.
 */
public final class JunitXmlReport {
  private JunitXmlReport() {}

  public static String render(SuiteResult r) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(String.format("<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.1f\">%n",
        Html.escape("conformance " + r.driver()), r.outcomes().size(), r.count(Verdict.FAIL),
        r.count(Verdict.UNSUPPORTED), r.seconds()));
    for (Outcome o : r.outcomes()) {
      sb.append(String.format("  <testcase classname=\"%s\" name=\"%s\" time=\"0\">%n",
          Html.escape("conformance." + o.rule().chapter().name().toLowerCase()),
          Html.escape(o.rule().id() + " [" + o.model() + "]")));
      String diff = "- expected: " + o.finding().expected() + "\n+ actual:   " + o.finding().actual()
          + (o.finding().evidence().isEmpty() ? "" : "\n" + String.join("\n", o.finding().evidence()));
      switch (o.verdict()) {
        case FAIL -> sb.append(String.format("    <failure message=\"%s\">%s</failure>%n",
            Html.escape(o.rule().id() + ": " + o.finding().actual()), Html.escape(diff)));
        case UNSUPPORTED -> sb.append(String.format("    <skipped message=\"%s\"/>%n", Html.escape(o.finding().actual())));
        case NON_STRICT, INFORMATIONAL -> sb.append(String.format("    <system-out>%s</system-out>%n",
            Html.escape(o.verdict().label() + "\n" + diff)));
        case PASS -> { }
      }
      sb.append("  </testcase>\n");
    }
    return sb.append("</testsuite>\n").toString();
  }
}
