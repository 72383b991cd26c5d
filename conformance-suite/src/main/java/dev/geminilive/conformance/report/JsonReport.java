package dev.geminilive.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.conformance.rules.Outcome;
import dev.geminilive.conformance.rules.RuleVerdict;
import java.util.List;

/** {@code conformance.json}: every verdict with its expected/actual diff, evidence and frame timeline. */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(List<SuiteResult> results) {
    ArrayNode runs = JSON.createArrayNode();
    for (SuiteResult r : results) {
      ObjectNode run = runs.addObject();
      run.put("driver", r.driver());
      ArrayNode caps = run.putArray("capabilities");
      r.capabilities().forEach(c -> caps.add(c.name()));
      ArrayNode models = run.putArray("models");
      r.models().forEach(models::add);
      run.put("seconds", Math.round(r.seconds() * 10) / 10.0);
      ObjectNode summary = run.putObject("summary");
      for (RuleVerdict v : RuleVerdict.values()) summary.put(v.label(), r.count(v));
      ArrayNode cases = run.putArray("results");
      for (Outcome o : r.outcomes()) {
        ObjectNode c = cases.addObject();
        c.put("rule", o.rule().id());
        c.put("chapter", o.rule().chapter().title());
        c.put("level", o.rule().level().name());
        c.put("model", o.model());
        c.put("verdict", o.verdict().label());
        c.put("expected", o.finding().expected());
        c.put("actual", o.finding().actual());
        ArrayNode ev = c.putArray("evidence");
        o.finding().evidence().forEach(ev::add);
        ArrayNode tl = c.putArray("timeline");
        if (o.verdict() != RuleVerdict.PASS) o.recording().timeline().forEach(tl::add);
      }
    }
    try {
      return JSON.writeValueAsString(runs) + "\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
