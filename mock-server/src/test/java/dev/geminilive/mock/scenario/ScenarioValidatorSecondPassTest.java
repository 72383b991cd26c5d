package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the validator now reports: all of a file's problems, impossible paths, dead steps, old keys. */
class ScenarioValidatorSecondPassTest {
  @TempDir Path dir;

  List<String> problems(String yaml) {
    ScenarioValidator.Result r = ScenarioValidator.bundled().validateText(dir, "draft.yaml", yaml);
    return r.problems().stream().map(ScenarioProblem::toString).toList();
  }

  @Test
  void everyExampleThatFailsItsMatchIsReportedAndABadRegexHidesNoOtherStep() {
    List<String> found = problems("""
        id: many
        title: several broken examples
        steps:
          - expect:
              type: text
              match: {realtimeInput.text: {regex: "(unclosed"}}
          - expect:
              type: text
              match: {realtimeInput.text: hello}
              example: {realtimeInput: {text: bye}}
          - expect:
              type: text
              match: {realtimeInput.text: again}
              example: {realtimeInput: {text: nope}}
        """);
    assertThat(found).hasSize(3);
    assertThat(found.get(0)).startsWith("draft.yaml:6:").contains("regular expression does not compile");
    assertThat(found.get(1)).startsWith("draft.yaml:10:").contains("example does not pass its own match");
    assertThat(found.get(2)).startsWith("draft.yaml:14:").contains("example does not pass its own match");
  }

  @Test
  void matchPathsAreCheckedAgainstTheMessageOfTheExpectedType() {
    List<String> found = problems("""
        id: paths
        title: impossible paths
        steps:
          - expect:
              type: audio
              match:
                realtimeInput.audio.data.rms: {min: 1000}
          - expect:
              type: text
              match:
                realtimeInput.audio.mimeType: {present: true}
          - expect:
              type: clientContent
              match:
                clientContent.turns.role: user
                clientContent.turn[0].role: user
          - expect:
              type: toolResponse
              match:
                toolResponse.functionResponses[0].response.anything.below: 1
                toolResponse.functionResponses[0].name: {min: 1}
        """);
    assertThat(found).hasSize(5);
    assertThat(found.get(0)).startsWith("draft.yaml:7:9:")
        .contains("realtimeInput.audio.data is text; it has no field \"rms\"");
    assertThat(found.get(1)).contains("a realtimeInput.text message carries only realtimeInput.text");
    assertThat(found.get(2)).contains("clientContent.turns is a list; write clientContent.turns[0].role");
    assertThat(found.get(3)).contains("clientContent has no field \"turn\"; did you mean \"turns\"?");
    assertThat(found.get(4)).contains("is text; min and max compare numbers");
  }

  @Test
  void aStepTheModelProfileMakesUnreachableIsAWarningNamingTheRule() {
    ScenarioValidator.Result r = ScenarioValidator.bundled().validateText(dir, "dead.yaml", """
        id: dead
        title: thinkingBudget on 3.1 answered by the script
        model: gemini-3.1-flash-live-preview
        steps:
          - expect:
              type: setup
              match:
                setup.generationConfig.thinkingConfig.thinkingBudget: {present: true}
          - close: {code: 1007, reason: "My own reason."}
        """);
    assertThat(r.ok()).as("a warning does not make the file invalid").isTrue();
    assertThat(r.validScenarios()).isEqualTo(1);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.warning()).isTrue();
      assertThat(p.line()).isEqualTo(5);
      assertThat(p.toString()).contains("warning: this step never runs")
          .contains("gemini-3.1-flash-live profile closes such a setup first")
          .contains("rule setup.thinking.onViolation: close 1007");
    });
  }

  @Test
  void theOldOnKeyIsReadWithADeprecationWarningAndRulesIsTheNewName() {
    String body = """
        id: old
        title: rules under their old name
        steps:
          - expect: {type: text}
        %s:
          - when: {type: activityStart}
            do: [interrupt: {}]
        """;
    ScenarioValidator.Result old = ScenarioValidator.bundled().validateText(dir, "old.yaml", body.formatted("on"));
    assertThat(old.ok()).isTrue();
    assertThat(old.problems()).singleElement().satisfies(p ->
        assertThat(p.toString()).isEqualTo("old.yaml:5:1: warning: rename on: to rules: (YAML 1.1 tools read the key on"
            + " as true, so schema checkers fail on it); on: is still read for now"));
    assertThat(ScenarioValidator.bundled().validateText(dir, "new.yaml", body.formatted("rules")).problems()).isEmpty();
  }

  @Test
  void connectionsShareCapturesInOrder() {
    assertThat(problems("""
        id: two
        title: two connections
        connections:
          - steps:
              - resumptionUpdate: {capture: handle}
          - steps:
              - expect: {type: setup, match: {setup.sessionResumption.handle: "${handle}"}}
              - say: {text: "${later}"}
        """)).singleElement().satisfies(p -> assertThat(p).startsWith("draft.yaml:8:").contains("${later} is never defined"));
  }
}
