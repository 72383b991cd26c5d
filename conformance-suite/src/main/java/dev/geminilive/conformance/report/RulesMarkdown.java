package dev.geminilive.conformance.report;

import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseRecording;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Chapter;
import dev.geminilive.conformance.rules.ConformanceRule;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders {@code docs/conformance-rules.md} from the catalogue; a test keeps the file in step. */
public final class RulesMarkdown {
  private RulesMarkdown() {}

  public static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Conformance rules\n\n")
        .append("<!-- Generated from the code by `conformance rules`; RulesDocTest fails when this file and the "
            + "catalogue differ. Do not edit by hand. -->\n\n")
        .append("Every rule has a stable id, a level with its reason (MUST: a break is a FAIL; SHOULD: NON-STRICT; "
            + "INFO: measured only), the model families it applies to, the driver capability it needs (without it "
            + "the rule is UNSUPPORTED), the case whose recording it judges and the steps of that case that must "
            + "have happened for it to be judged (otherwise NOT-REACHED, naming the step that failed and why; "
            + "never PASS). Sources name the section of "
            + "[sources.md](sources.md) (`sources §N`) that lists the public material, and the main public "
            + "issue or page behind it.\n\n")
        .append("Model families: `2.5` is native-audio 2.5 on the Developer API (default model `")
        .append(Models.GEMINI_2_5.defaultModel()).append("`), `3.1` is 3.1 Flash Live (`")
        .append(Models.GEMINI_3_1.defaultModel()).append("`), `3.8` is 3.8 Live (`")
        .append(Models.GEMINI_3_8.defaultModel()).append("`).\n\n")
        .append(Catalogue.rules().size()).append(" rules.\n\n");
    for (Chapter ch : Chapter.values()) {
      sb.append("## ").append(ch.title()).append("\n\n");
      sb.append("| Id | Level | Models | Needs | Case (after) | Requirement | If broken | Source |\n");
      sb.append("|---|---|---|---|---|---|---|---|\n");
      for (ConformanceRule<?> r : Catalogue.rules()) {
        if (r.chapter() != ch) continue;
        String models = r.models().stream().sorted().map(Models::shortName)
            .collect(Collectors.joining(", "));
        String needs = r.needs().isEmpty() ? "-" : r.needs().stream().sorted().map(Capability::name)
            .collect(Collectors.joining(", "));
        String after = r.after().isEmpty() ? "" : " (" + r.after().stream().sorted().map(CaseStep::name)
            .collect(Collectors.joining(", ")) + ")";
        sb.append("| `").append(r.id()).append("` | ").append(cell(r.levelReason()))
            .append(" | ").append(models).append(" | ")
            .append(needs).append(" | ").append(r.testCase()).append(after).append(" | **").append(cell(r.title()))
            .append(".** ").append(cell(r.requirement())).append(" | ").append(cell(r.consequence())).append(" | ")
            .append(cell(r.source())).append(" |\n");
      }
      sb.append("\n");
    }
    sb.append("## Cases and their scripts\n\n")
        .append("What each case sends, in what order, with what waits and timeouts. Every case starts a fresh "
            + "driver (and client), connects with the basic request unless it says otherwise (AUDIO out, automatic "
            + "activity detection, input and output transcription, system instruction \"You are a test persona (case N).\", whose tag tells the case's own sessions from a "
            + "late connection of an earlier case's client), "
            + "and ends with close. Driver calls are made one at a time; \"up to N s\" waits end as soon as what is "
            + "awaited happens and only ever cost time, never a verdict.\n\n");
    for (ConformanceCase<?> s : Cases.all()) {
      String needs = s.needs().isEmpty() ? "none" : s.needs().stream().sorted().map(Capability::name)
          .collect(Collectors.joining(", "));
      sb.append("- `").append(s).append("` (needs ").append(needs).append("; recording `")
          .append(s.recordingType().getSimpleName()).append("`): ").append(s.script()).append(".\n");
    }
    sb.append("\n## Recordings\n\n")
        .append("Each case produces a typed recording, and a rule's check is written against the recording type of "
            + "its case, so a rule can only read evidence its case gathers. Every recording has the evidence all "
            + "cases share: ").append(methods(CaseRecording.class)).append(". The case's own recording adds:\n\n");
    Map<Class<?>, List<String>> producers = new LinkedHashMap<>();
    for (ConformanceCase<?> s : Cases.all()) {
      producers.computeIfAbsent(s.recordingType(), t -> new ArrayList<>()).add("`" + s.id() + "`");
    }
    producers.forEach((type, ids) -> sb.append("- `").append(type.getSimpleName()).append("` (")
        .append(String.join(", ", ids)).append("): ").append(methods(type)).append(".\n"));
    sb.append("\n## Steps\n\n");
    for (CaseStep st : CaseStep.values()) {
      sb.append("- `").append(st).append("`: ").append(st.description()).append(".\n");
    }
    return sb.toString();
  }

  /** The public evidence a recording type declares itself, by accessor name. */
  private static String methods(Class<?> type) {
    List<String> names = Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
        .map(m -> m.getName() + "()").distinct().sorted().toList();
    return names.isEmpty() ? "nothing more" : names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
