package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.report.RulesMarkdown;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/conformance-rules.md is generated from the catalogue; this fails when they differ.
 * Regenerate with {@code -Dconformance.writeRulesDoc=true} (or {@code bin/conformance rules}).
 */
class RulesDocTest {
  @Test
  void rulesDocumentMatchesTheCatalogue() throws Exception {
    Path doc = Path.of(System.getProperty("docs.dir", "../docs"), "conformance-rules.md");
    String expected = RulesMarkdown.render();
    if (Boolean.getBoolean("conformance.writeRulesDoc")) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/conformance-rules.md is stale: run mvn -pl conformance-suite -am test -Dtest=RulesDocTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dconformance.writeRulesDoc=true")
        .isEqualTo(expected);
  }
}
