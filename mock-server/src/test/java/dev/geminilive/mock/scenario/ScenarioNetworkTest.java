package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.load.ScenarioLoader;
import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioSchema;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network key and step of a scenario file: read into the model, or refused at their line. */
class ScenarioNetworkTest {
  @TempDir Path dir;

  private ScenarioValidator.Result validate(String yaml) {
    return ScenarioValidator.bundled().validateText(dir, "n.yaml", yaml);
  }

  private List<String> problems(String yaml) {
    return validate(yaml).problems().stream().map(ScenarioProblem::toString).toList();
  }

  @Test
  void theScenarioConnectionsAndStepsCarryTheirConditions() {
    String yaml = """
        id: net
        title: t
        network: {latencyMs: 200, jitterMs: 50, seed: 4}
        connections:
          - steps:
              - expect: {type: text}
              - network: {stall: {ms: 2000}}
              - network: {}
          - network: {bytesPerSecond: 8000}
            steps:
              - expect: {type: text}
        """;
    assertThat(problems(yaml)).isEmpty();
    Scenario s = new ScenarioLoader(dir, dir, ScenarioSchema.bundled(), ProfileCatalog.bundled())
        .parse(dir.resolve("n.yaml"), "n.yaml", yaml).scenario();
    assertThat(s.connections().get(0).network()).isEqualTo(new NetworkConditions(200, 50, 0, null, null, 4));
    assertThat(s.connections().get(0).networkWhere().line()).isEqualTo(3);
    assertThat(s.connections().get(1).network().bytesPerSecond()).isEqualTo(8000);
    assertThat(s.connections().get(1).networkWhere().line()).isEqualTo(9);
    assertThat(((Step.Network) s.steps().get(1)).conditions().stall())
        .isEqualTo(new NetworkConditions.Stall(2000, null, null));
    assertThat(((Step.Network) s.steps().get(2)).conditions().none()).isTrue();
  }

  @Test
  void badValuesAreReportedAtTheirLineAndColumn() {
    assertThat(problems("id: a\ntitle: t\nnetwork:\n  latencyMs: -5\nsteps: []\n"))
        .singleElement().satisfies(p -> assertThat(p).startsWith("n.yaml:4:14: network.latencyMs:").contains("0"));
    assertThat(problems("id: a\ntitle: t\nsteps:\n  - network: {latency: 5}\n"))
        .singleElement().satisfies(p -> assertThat(p).startsWith("n.yaml:4:15:").contains("unknown key \"latency\"",
            "latencyMs"));
    assertThat(problems("id: a\ntitle: t\nsteps:\n  - network:\n      stall: {ms: 100, afterMs: 5, afterAudioChunks: 2}\n"))
        .containsExactly("n.yaml:5:36: give afterMs or afterAudioChunks, not both: a stall starts once");
    assertThat(problems("id: a\ntitle: t\nsteps:\n  - network: {bunch: {maxHoldMs: 5}}\n"))
        .singleElement().satisfies(p -> assertThat(p).startsWith("n.yaml:4:").contains("frames"));
  }
}
