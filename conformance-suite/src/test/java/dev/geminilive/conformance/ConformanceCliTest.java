package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.runner.ConformanceCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's exit code is the CI gate: zero for a conformant client, non-zero on a FAIL. */
class ConformanceCliTest {
  @Test
  void conformantClientExitsZeroAndWritesEveryReport(@TempDir Path dir) throws Exception {
    int exit = ConformanceCli.execute("run", "--driver", "reference", "--rules", "AUDIO-IN",
        "--models", "gemini-3.1-flash-live-preview", "--report", dir.toString());
    assertThat(exit).isEqualTo(ConformanceCli.EXIT_OK);
    assertThat(dir.resolve("conformance.json")).exists();
    assertThat(dir.resolve("index.html")).exists();
    assertThat(Files.readString(dir.resolve("TEST-conformance-reference-client.xml")))
        .contains("AUDIO-IN-RATE [gemini-3.1-flash-live-preview]").contains("failures=\"0\"");
  }

  @Test
  void progressSaysCaseKOfNWithElapsedTimeAndOneLinePerRuleVerdict(@TempDir Path dir) {
    java.io.StringWriter text = new java.io.StringWriter();
    int exit = ConformanceCli.execute(new java.io.PrintWriter(text, true), "run", "--driver", "reference:BIG_ENDIAN",
        "--rules", "AUDIO-IN-BYTE-ORDER,AUDIO-OUT-RATE", "--models", "gemini-3.1-flash-live-preview",
        "--report", dir.toString());
    assertThat(exit).isEqualTo(ConformanceCli.EXIT_FAILED);
    String out = text.toString();
    // Two cases (TEXT_TURN, AUDIO_AUTO) on one model, each with its elapsed seconds.
    assertThat(out).containsPattern("case 1 of 2 \\(\\s*\\d+\\.\\d s\\) TEXT_TURN on gemini-3.1-flash-live-preview")
        .containsPattern("case 2 of 2 \\(\\s*\\d+\\.\\d s\\) AUDIO_AUTO on gemini-3.1-flash-live-preview")
        .containsPattern("PASS\\s+AUDIO-OUT-RATE\\s+gemini-3.1-flash-live-preview")
        .containsPattern("FAIL\\s+AUDIO-IN-BYTE-ORDER\\s+gemini-3.1-flash-live-preview\\s+expected: ")
        .contains("1 PASS, 1 FAIL");
  }

  @Test
  void failingClientExitsNonZero(@TempDir Path dir) throws Exception {
    int exit = ConformanceCli.execute("run", "--driver", "reference:BIG_ENDIAN", "--rules", "AUDIO-IN-BYTE-ORDER",
        "--models", "gemini-2.5-flash-native-audio-preview-12-2025", "--report", dir.toString());
    assertThat(exit).isEqualTo(ConformanceCli.EXIT_FAILED);
    assertThat(Files.readString(dir.resolve("TEST-conformance-reference-client_BIG_ENDIAN.xml")))
        .contains("<failure message=\"AUDIO-IN-BYTE-ORDER");
  }

  @Test
  void nonStrictFailsOnlyWhenAskedTo(@TempDir Path dir) {
    String[] args = {"run", "--driver", "reference:ONE_BIG_CHUNK", "--rules", "AUDIO-IN-CHUNK-DURATION",
        "--models", "gemini-2.5-flash-native-audio-preview-12-2025", "--report", dir.toString()};
    assertThat(ConformanceCli.execute(args)).isZero();
    String[] strict = java.util.Arrays.copyOf(args, args.length + 1);
    strict[args.length] = "--fail-on-non-strict";
    assertThat(ConformanceCli.execute(strict)).isEqualTo(ConformanceCli.EXIT_FAILED);
  }

  @Test
  void unknownRuleOrModelIsAUsageErrorNotAnEmptyRun(@TempDir Path dir) {
    assertThat(ConformanceCli.execute("run", "--driver", "reference", "--rules", "NO-SUCH-RULE",
        "--report", dir.toString())).isEqualTo(ConformanceCli.EXIT_USAGE);
    assertThat(ConformanceCli.execute("run", "--driver", "reference", "--models", "gpt-4o",
        "--report", dir.toString())).isEqualTo(ConformanceCli.EXIT_USAGE);
    assertThat(ConformanceCli.execute("run", "--driver", "reference:NO_SUCH_FAULT",
        "--report", dir.toString())).isEqualTo(ConformanceCli.EXIT_USAGE);
    assertThat(dir.resolve("conformance.json")).doesNotExist();
  }

  @Test
  void aDriverThatCannotStartIsACrash(@TempDir Path dir) {
    assertThat(ConformanceCli.execute("run", "--driver", "exit 7", "--rules", "SETUP-FIRST-ONCE",
        "--report", dir.toString())).isEqualTo(ConformanceCli.EXIT_CRASHED);
  }

  @Test
  void versionIsPrinted() {
    assertThat(ConformanceCli.execute("--version")).isZero();
  }

  @Test
  void junitXmlUsesADecimalPointAndRealTimes(@TempDir Path dir) throws Exception {
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.GERMANY);
    try {
      ConformanceCli.execute("run", "--driver", "reference", "--rules", "AUDIO-OUT-RATE,TURN-COMPLETE",
          "--models", "gemini-2.5-flash-native-audio-preview-12-2025", "--report", dir.toString());
    } finally {
      java.util.Locale.setDefault(before);
    }
    String xml = Files.readString(dir.resolve("TEST-conformance-reference-client.xml"));
    assertThat(xml).doesNotContainPattern("time=\"\\d+,\\d+\"");
    // The first rule of the case carries the case's time: it played a session, so it took time.
    // (Any non-zero seconds: how long it took depends on the machine's load.)
    assertThat(xml).containsPattern("AUDIO-OUT-RATE \\[[^\\]]+\\]\" time=\"(\\d*[1-9]\\d*\\.\\d+|\\d+\\.\\d*[1-9]\\d*)\"");
  }
}
