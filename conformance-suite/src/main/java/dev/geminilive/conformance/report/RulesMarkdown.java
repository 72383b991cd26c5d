package dev.geminilive.conformance.report;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Chapter;
import dev.geminilive.conformance.rules.Models;
import dev.geminilive.conformance.rules.Rule;
import dev.geminilive.conformance.rules.Scenario;
import java.util.stream.Collectors;

/** Renders {@code docs/conformance-rules.md} from the catalogue; a test keeps the file in step. */
public final class RulesMarkdown {
  private RulesMarkdown() {}

  public static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Conformance rules\n\n")
        .append("<!-- Generated from the code by `conformance rules`; RulesDocTest fails when this file and the "
            + "catalogue differ. Do not edit by hand. -->\n\n")
        .append("Every rule has a stable id, a level (MUST: a break is a FAIL; SHOULD: NON-STRICT; INFO: measured "
            + "only), the model families it applies to, the driver capability it needs (without it the rule is "
            + "UNSUPPORTED) and the scenario whose recording it judges. Sources name the fact sheet section and "
            + "the public issue or page behind it (`fact sheet N` is section N of the project's protocol fact "
            + "sheet, whose every claim cites a public source; the main ones are linked here).\n\n")
        .append("Model families: `2.5` is native-audio 2.5 on the Developer API (default model `")
        .append(Models.GEMINI_2_5.defaultModel()).append("`), `3.1` is 3.1 Flash Live (`")
        .append(Models.GEMINI_3_1.defaultModel()).append("`).\n\n")
        .append(Catalogue.rules().size()).append(" rules.\n\n");
    for (Chapter ch : Chapter.values()) {
      sb.append("## ").append(ch.title()).append("\n\n");
      sb.append("| Id | Level | Models | Needs | Scenario | Requirement | If broken | Source |\n");
      sb.append("|---|---|---|---|---|---|---|---|\n");
      for (Rule r : Catalogue.rules()) {
        if (r.chapter() != ch) continue;
        String models = r.models().stream().sorted().map(m -> m == Models.GEMINI_3_1 ? "3.1" : "2.5")
            .collect(Collectors.joining(", "));
        String needs = r.needs().isEmpty() ? "-" : r.needs().stream().sorted().map(Capability::name)
            .collect(Collectors.joining(", "));
        sb.append("| `").append(r.id()).append("` | ").append(r.level()).append(" | ").append(models).append(" | ")
            .append(needs).append(" | ").append(r.scenario()).append(" | **").append(cell(r.title()))
            .append(".** ").append(cell(r.requirement())).append(" | ").append(cell(r.consequence())).append(" | ")
            .append(cell(r.source())).append(" |\n");
      }
      sb.append("\n");
    }
    sb.append("## Scenarios\n\n");
    for (Scenario s : Scenario.values()) {
      sb.append("- `").append(s).append("`: ").append(s.description()).append(".\n");
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
