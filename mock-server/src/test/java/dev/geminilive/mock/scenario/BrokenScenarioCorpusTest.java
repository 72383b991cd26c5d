package dev.geminilive.mock.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.scenario.load.ScenarioLoader;
import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of deliberately broken scenarios ({@code src/test/resources/scenarios-broken}), each
 * rejected at the right {@code file:line:column}, and the guarantee that nothing outside the
 * scenarios root is read.
 */
class BrokenScenarioCorpusTest {
  static final Path CORPUS = Path.of("src", "test", "resources", "scenarios-broken");

  record Expected(String file, int line, int column, String fragment) {}

  static List<Expected> expected() throws Exception {
    List<Expected> out = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("expected.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 4);
      out.add(new Expected(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), parts[3].trim()));
    }
    return out;
  }

  @Test
  void everyBrokenFileIsRejectedAtTheRightPlace() throws Exception {
    List<Expected> expected = expected();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
    ScenarioValidator.Result result = ScenarioValidator.bundled().validate(CORPUS, null, CORPUS);
    assertThat(result.validScenarios()).isZero();
    for (Expected e : expected) {
      List<ScenarioProblem> forFile = result.problems().stream().filter(p -> p.file().equals(e.file())).toList();
      assertThat(forFile).as(e.file()).isNotEmpty();
      assertThat(forFile).as(e.file())
          .anySatisfy(p -> {
            assertThat(p.line() + ":" + p.column()).isEqualTo(e.line() + ":" + e.column());
            assertThat(p.message()).contains(e.fragment());
          });
    }
    // Every scenario file in the corpus is listed, so none is broken for an unchecked reason.
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<String> names = files.filter(ScenarioLoader::isScenarioFile)
          .map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).containsExactlyInAnyOrderElementsOf(expected.stream().map(Expected::file).toList());
    }
  }

  @Test
  void theValidateCommandPrintsFileLineColumnAndExitsNonZero() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      code = MockServerCli.run("validate", CORPUS.resolve("07-unknown-step.yaml").toString());
    } finally {
      System.setOut(saved);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(out).contains(Path.of("src/test/resources/scenarios-broken/07-unknown-step.yaml")
        + ":5:5: unknown step \"sya\"");
  }

  @Test
  void theValidateCommandExitsZeroOnTheBundledLibrary() {
    assertThat(MockServerCli.run("validate", Path.of("..", "scenarios").toString())).isZero();
  }

  @Test
  void symlinksOutOfTheRootAreRefusedBeforeAnythingIsRead(@TempDir Path tmp) throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path root = Files.createDirectories(tmp.resolve("scenarios"));
    // A valid scenario and a valid WAV outside the root: were they read, they would load.
    Files.writeString(outside.resolve("secret.yaml"), "id: secret\ntitle: Secret\nsteps: []\n");
    Files.write(outside.resolve("secret.wav"), Files.readAllBytes(Path.of("..", "scenarios", "audio", "chime.wav")));
    Files.createSymbolicLink(root.resolve("linked.yaml"), outside.resolve("secret.yaml"));
    Files.createSymbolicLink(root.resolve("voice.wav"), outside.resolve("secret.wav"));
    Files.writeString(root.resolve("uses-link.yaml"),
        "id: uses-link\ntitle: Audio through a symlink\nsteps:\n  - say:\n      audio: {file: voice.wav}\n");
    Files.writeString(root.resolve("uses-dotdot.yaml"),
        "id: uses-dotdot\ntitle: Audio up and out\nsteps:\n  - say:\n      audio: {file: ../outside/secret.wav}\n");

    ScenarioValidator.Result result = ScenarioValidator.bundled().validate(root, null, root);

    assertThat(result.validScenarios()).isZero();
    assertThat(result.problems()).extracting(ScenarioProblem::toString).containsExactlyInAnyOrder(
        "linked.yaml:1:1: the file links to a place outside the scenarios folder",
        "uses-dotdot.yaml:5:21: audio file \"../outside/secret.wav\" is outside the scenarios folder",
        "uses-link.yaml:5:21: audio file \"voice.wav\" links to a place outside the scenarios folder");
  }
}
