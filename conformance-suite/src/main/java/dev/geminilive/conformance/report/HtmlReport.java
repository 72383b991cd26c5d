package dev.geminilive.conformance.report;

import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Chapter;
import dev.geminilive.conformance.rules.ConformanceRule;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.RuleVerdict;
import java.util.List;
import java.util.Optional;

/**
 * A self-contained HTML page: the matrix of rules by client and model, each cell linking to its
 * case, each case expandable to the expected/actual diff, the evidence and the frame timeline.
 * No scripts, no external resources.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(List<SuiteResult> results) {
    StringBuilder sb = new StringBuilder();
    CasePicture pictures = new CasePicture();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>Gemini Live client conformance</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\n")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;font-size:14px}\n")
        .append("th{background:#f4f4f4}td.rule{font-family:monospace}\n")
        .append(".PASS{background:#d9f2d9}.FAIL{background:#f7c6c6;font-weight:bold}.NON-STRICT{background:#fde9b8}\n")
        .append(".UNSUPPORTED{background:#e4e4e4;color:#555}.INFORMATIONAL{background:#dce8f7}.NOT-REACHED{background:#f7d9a8}\n")
        .append("pre{background:#f8f8f8;padding:6px;overflow-x:auto;font-size:12px}\n")
        .append(".diff-expected{color:#0a6b0a}.diff-actual{color:#a40000}\n")
        .append("details{margin:4px 0;border-left:4px solid #ccc;padding-left:8px}\n")
        .append("</style></head><body>\n<h1>Gemini Live client conformance</h1>\n");
    for (SuiteResult r : results) {
      sb.append("<p class=\"summary\" data-driver=\"").append(Html.escape(r.driver())).append("\"><b>")
          .append(Html.escape(r.driver())).append("</b>: ");
      for (RuleVerdict v : RuleVerdict.values()) {
        sb.append(v.label()).append(' ').append(r.count(v)).append(" &middot; ");
      }
      sb.append(String.format(java.util.Locale.ROOT, "%.1f s</p>%n", r.seconds()));
    }
    sb.append("<table id=\"matrix\">\n<tr><th>ConformanceRule</th><th>Level</th>");
    for (SuiteResult r : results) {
      for (String m : r.models()) {
        sb.append("<th>").append(Html.escape(r.driver())).append("<br>").append(Html.escape(m)).append("</th>");
      }
    }
    sb.append("</tr>\n");
    for (Chapter ch : Chapter.values()) {
      int cols = 2 + results.stream().mapToInt(r -> r.models().size()).sum();
      sb.append("<tr><th colspan=\"").append(cols).append("\" style=\"text-align:left\">")
          .append(Html.escape(ch.title())).append("</th></tr>\n");
      for (ConformanceRule<?> rule : Catalogue.rules()) {
        if (rule.chapter() != ch) continue;
        sb.append("<tr><td class=\"rule\" title=\"").append(Html.escape(rule.requirement())).append("\">")
            .append(Html.escape(rule.id())).append("</td><td>").append(rule.level()).append("</td>");
        for (SuiteResult r : results) {
          for (String m : r.models()) {
            Optional<Outcome> o = r.outcome(rule.id(), m);
            if (o.isEmpty()) {
              sb.append("<td>&ndash;</td>");
            } else {
              String v = o.get().verdict().label();
              sb.append("<td class=\"").append(v).append("\"><a href=\"#").append(anchor(r, o.get())).append("\">")
                  .append(v).append("</a></td>");
            }
          }
        }
        sb.append("</tr>\n");
      }
    }
    sb.append("</table>\n<h2>Cases</h2>\n");
    for (SuiteResult r : results) {
      sb.append("<h3>").append(Html.escape(r.driver())).append("</h3>\n");
      for (Outcome o : r.outcomes()) {
        String v = o.verdict().label();
        sb.append("<details class=\"case ").append(v).append("-case\" id=\"").append(anchor(r, o)).append("\"")
            .append(o.verdict() == RuleVerdict.FAIL ? " open" : "").append(">\n<summary><span class=\"").append(v)
            .append("\">").append(v).append("</span> ").append(Html.escape(o.rule().id())).append(" &middot; ")
            .append(Html.escape(o.model())).append(" &middot; ").append(Html.escape(o.rule().title()))
            .append("</summary>\n");
        sb.append("<p>").append(Html.escape(o.rule().requirement())).append("<br><i>If broken: ")
            .append(Html.escape(o.rule().consequence())).append("</i><br><small>Level ")
            .append(Html.escape(o.rule().levelReason())).append(" Case ")
            .append(o.rule().testCase()).append("; source: ").append(Html.escape(o.rule().source())).append("</small></p>\n");
        sb.append("<pre class=\"diff\"><span class=\"diff-expected\">- expected: ")
            .append(Html.escape(o.finding().expected())).append("</span>\n<span class=\"diff-actual\">+ actual:   ")
            .append(Html.escape(o.finding().actual())).append("</span></pre>\n");
        if (!o.finding().evidence().isEmpty()) {
          sb.append("<p>Evidence</p><pre class=\"evidence\">")
              .append(Html.escape(String.join("\n", o.finding().evidence()))).append("</pre>\n");
        }
        if (o.verdict() != RuleVerdict.PASS) {
          sb.append(pictures.html(o.recording()));
          sb.append("<p>Frame timeline</p><pre class=\"timeline\">")
              .append(Html.escape(String.join("\n", o.recording().timeline()))).append("</pre>\n");
        }
        sb.append("</details>\n");
      }
    }
    return sb.append("</body></html>\n").toString();
  }

  static String anchor(SuiteResult r, Outcome o) {
    return Reports.fileSafe(r.driver() + "-" + o.rule().id() + "-" + o.model());
  }
}
