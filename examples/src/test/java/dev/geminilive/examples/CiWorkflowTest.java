package dev.geminilive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/ci/live-client-conformance.yml is a GitHub Actions workflow whose job fails exactly
 * when the suite exits non-zero: the suite runs as a plain step (no continue-on-error, no
 * "|| true"), and the reports are uploaded even when it failed.
 */
class CiWorkflowTest {
  @Test
  void workflowGatesOnTheSuitesExitCode() throws Exception {
    JsonNode workflow = Examples.yaml("ci/live-client-conformance.yml");
    // YAML 1.1 reads the bare key `on` as a boolean; GitHub reads it as the trigger list.
    assertThat(workflow.has("on") || workflow.has("true")).isTrue();
    JsonNode steps = workflow.at("/jobs/conformance/steps");
    assertThat(workflow.at("/jobs/conformance/runs-on").asText()).isNotEmpty();
    List<String> runs = new ArrayList<>();
    JsonNode suiteStep = null;
    for (JsonNode step : steps) {
      assertThat(step.has("run") || step.has("uses")).as("step %s", step).isTrue();
      if (step.has("run")) {
        runs.add(step.get("run").asText());
        if (step.get("run").asText().contains(" run ") && step.get("run").asText().contains("--driver")) {
          suiteStep = step;
        }
      }
    }
    assertThat(suiteStep).as("a step running the suite, among %s", runs).isNotNull();
    assertThat(suiteStep.has("continue-on-error")).isFalse();
    assertThat(suiteStep.get("run").asText()).doesNotContain("|| true").contains(
        "gemini-live-conformance-suite-" + Examples.VERSION + "-runnable.jar");
    JsonNode last = steps.get(steps.size() - 1);
    assertThat(last.get("if").asText()).isEqualTo("always()");
    assertThat(last.get("uses").asText()).startsWith("actions/upload-artifact@");
  }
}
