package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validator messages that say what is wrong and what to do, at the line of the mistake. */
class ScenarioMessagesTest {
  @TempDir Path dir;

  List<String> problems(String yaml) {
    return ScenarioValidator.bundled().validateText(dir, "d.yaml", yaml).problems().stream()
        .map(ScenarioProblem::toString).toList();
  }

  static final String HEAD = "id: a\ntitle: t\nsteps:\n";

  @Test
  void aMisIndentedOptionIsOneMessageAtItsOwnLine() {
    assertThat(problems(HEAD + "  - expect:\n      type: text\n  - expect:\n      type: text\n    match:\n"
        + "      realtimeInput.text: hi\n")).containsExactly("d.yaml:8:5: steps[1]: \"match\" is an option of expect"
        + " but stands level with it (both at column 5): check the indentation of line 8; indent match (and what"
        + " follows it) further than expect");
    assertThat(problems(HEAD + "  - expect:\n    type: text\n")).singleElement()
        .satisfies(p -> assertThat(p).startsWith("d.yaml:5:5: steps[0]: \"type\" is an option of expect"));
  }

  @Test
  void typosGetAGuessInsteadOfTheWholeList() {
    assertThat(problems(HEAD + "  - expect:\n      type: txt\n"))
        .containsExactly("d.yaml:5:13: steps[0].expect.type: \"txt\" is not a message type; did you mean \"text\"?");
    assertThat(problems(HEAD + "  - expect:\n      type: text\n      timeout: 5\n"))
        .containsExactly("d.yaml:6:7: steps[0].expect: unknown key \"timeout\"; did you mean \"timeoutMs\"?");
    assertThat(problems(HEAD + "  - say:\n      pace: slow\n      text: x\n"))
        .containsExactly("d.yaml:5:13: steps[0].say.pace: \"slow\" is not a value pace takes; use one of: realtime, fast");
    assertThat(problems(HEAD + "  - expct: {type: text}\n")).singleElement()
        .satisfies(p -> assertThat(p).contains("unknown step \"expct\"; did you mean \"expect\"?"));
  }

  @Test
  void yamlSlipsAreReportedAtTheLineOfTheMistakeWithWhatToDo() {
    assertThat(problems(HEAD + "  - say:\n      text \"hi\"\n      pace: fast\n")).containsExactly(
        "d.yaml:5:7: YAML syntax error: line 5 has no \":\" after its key, so YAML reads the next line as part of"
            + " its value; write key: value");
    assertThat(problems(HEAD + "  - expect:\n      type: text\n     match:\n      realtimeInput.text: hi\n"))
        .singleElement().satisfies(p -> assertThat(p).startsWith("d.yaml:6:6: YAML syntax error:")
            .contains("check the indentation of line 6"));
    assertThat(problems(HEAD + "  - expect:\n      type: text\n  -expect:\n      type: text\n"))
        .singleElement().satisfies(p -> assertThat(p).startsWith("d.yaml:6:3:").contains("a dash and a space"));
    assertThat(problems(HEAD + "  - say:\n\t  text: hi\n")).singleElement()
        .satisfies(p -> assertThat(p).startsWith("d.yaml:5:1:").contains("replace the tabs on line 5"));
  }

  @Test
  void aScenarioWithoutAScriptSaysWhatItNeeds() {
    assertThat(problems("id: a\ntitle: t\n")).containsExactly(
        "d.yaml:1:1: a scenario needs steps: (the script) or connections: (a script per connection), not both");
  }

  @Test
  void aModelNoProfileServesIsReportedAtItsLine() {
    assertThat(problems("id: a\ntitle: t\nmodel: gemini-2.5-flash\nsteps:\n  - expect: {type: text}\n"))
        .singleElement().satisfies(p -> assertThat(p).startsWith("d.yaml:3:8: no model profile serves"));
  }
}
