package dev.geminilive.conformance.report;

import dev.geminilive.conformance.rules.Level;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.RuleVerdict;
import java.util.Locale;

/**
 * JUnit XML for CI dashboards: one test case per rule and model. FAIL is a failure, NOT-REACHED
 * of a MUST rule an error (the rule could not be judged, and a MUST not judged did not pass),
 * UNSUPPORTED and a SHOULD rule NOT-REACHED are skipped, NON-STRICT and INFORMATIONAL pass with
 * their details in system-out. Numbers are written with {@link Locale#ROOT} (a decimal point
 * whatever the machine's locale); each test case's time is what its verdict cost (see
 * {@link Outcome#seconds()}).
 */
public final class JunitXmlReport {
  private JunitXmlReport() {}

  public static String render(SuiteResult r) {
    long errors = r.outcomes().stream()
        .filter(o -> o.verdict() == RuleVerdict.NOT_REACHED && o.rule().level() == Level.MUST).count();
    long skipped = r.count(RuleVerdict.UNSUPPORTED) + r.count(RuleVerdict.NOT_REACHED) - errors;
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(String.format(Locale.ROOT,
        "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
        Html.escape("conformance " + r.driver()), r.outcomes().size(), r.count(RuleVerdict.FAIL), errors, skipped,
        r.seconds()));
    for (Outcome o : r.outcomes()) {
      sb.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
          Html.escape("conformance." + o.rule().chapter().name().toLowerCase(Locale.ROOT)),
          Html.escape(o.rule().id() + " [" + o.model() + "]"), o.seconds()));
      String diff = "- expected: " + o.finding().expected() + "\n+ actual:   " + o.finding().actual()
          + (o.finding().evidence().isEmpty() ? "" : "\n" + String.join("\n", o.finding().evidence()));
      switch (o.verdict()) {
        case FAIL -> sb.append(String.format("    <failure message=\"%s\">%s</failure>%n",
            Html.escape(o.rule().id() + ": " + o.finding().actual()), Html.escape(diff)));
        case NOT_REACHED -> sb.append(o.rule().level() == Level.MUST
            ? String.format("    <error message=\"%s\">%s</error>%n",
                Html.escape(o.rule().id() + ": " + o.finding().actual()), Html.escape(diff))
            : String.format("    <skipped message=\"%s\"/>%n", Html.escape(o.finding().actual())));
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
