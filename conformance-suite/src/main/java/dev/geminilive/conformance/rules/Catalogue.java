package dev.geminilive.conformance.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every rule, in chapter order. Ids are stable: reports and CI gates refer to them. */
public final class Catalogue {
  private static final List<ConformanceRule<?>> RULES = build();

  private Catalogue() {}

  private static List<ConformanceRule<?>> build() {
    List<ConformanceRule<?>> all = new ArrayList<>();
    all.addAll(ConnectionRules.rules());
    all.addAll(AudioInputRules.rules());
    all.addAll(OutputRules.rules());
    all.addAll(ToolRules.rules());
    all.addAll(GatingRules.rules());
    all.addAll(ErrorRules.rules());
    Set<String> ids = new LinkedHashSet<>();
    for (ConformanceRule<?> r : all) {
      if (!ids.add(r.id())) throw new IllegalStateException("duplicate rule id " + r.id());
    }
    return Collections.unmodifiableList(all);
  }

  public static List<ConformanceRule<?>> rules() {
    return RULES;
  }

  public static Optional<ConformanceRule<?>> byId(String id) {
    return RULES.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
