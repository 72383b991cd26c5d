package dev.geminilive.conformance;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.reference.Fault;
import dev.geminilive.conformance.reference.ReferenceClient;
import dev.geminilive.conformance.report.SuiteResult;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.Level;
import dev.geminilive.conformance.rules.RuleVerdict;
import dev.geminilive.conformance.runner.ConformanceRun;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The suite's own test, after the Reactive Streams TCK: the reference client with one bug
 * switched on must fail exactly the rules that bug breaks (as {@code RULE@family}) and pass,
 * or be not judged, on every other.
 */
class MutantClientsTest {
  private static final String V25 = "@2.5";
  private static final String V31 = "@3.1";
  private static final String V38 = "@3.8";

  /** What each fault breaks. Written by hand from the fault's meaning, not read from a run. */
  static final Map<Fault, Set<String>> BREAKS = Map.ofEntries(
      // The service closes 1007 on a second setup: the conversation dies too.
      entry(Fault.DOUBLE_SETUP, all("SETUP-FIRST-ONCE", "CONN-SESSION-SURVIVES")),
      // The service does not find the model (1008): no session at all.
      entry(Fault.BARE_MODEL_NAME, all("SETUP-MODEL-NAME", "CONN-SESSION-SURVIVES")),
      entry(Fault.HANG_ON_EARLY_CLOSE, all("CONN-CLOSE-BEFORE-SETUP")),
      entry(Fault.SWALLOW_CLOSE_REASON, all("CONN-CLOSE-BEFORE-SETUP", "ERR-CLOSE-SURFACED")),
      // Audio the service cannot read closes the session (1007): the conversation's audio turn dies.
      entry(Fault.WRONG_MIME, all("AUDIO-IN-MIME", "CONN-SESSION-SURVIVES")),
      // The mock takes URL-safe base64 and odd byte counts as the service does (proto JSON reads
      // both alphabets; no source shows odd counts refused): the session survives, the rule fails.
      entry(Fault.URL_SAFE_BASE64, all("AUDIO-IN-BASE64")),
      entry(Fault.ODD_BYTES, all("AUDIO-IN-EVEN-BYTES")),
      entry(Fault.BIG_ENDIAN, all("AUDIO-IN-BYTE-ORDER")),
      entry(Fault.MISLABELED_RATE, all("AUDIO-IN-RATE")),
      entry(Fault.DROP_CHUNK, all("AUDIO-IN-CONTINUITY")),
      entry(Fault.DUPLICATE_CHUNK, all("AUDIO-IN-CONTINUITY")),
      entry(Fault.ONE_BIG_CHUNK, all("AUDIO-IN-CHUNK-DURATION")),
      entry(Fault.NO_TAIL_FLUSH, all("AUDIO-IN-CONTINUITY")),
      entry(Fault.MEDIA_CHUNKS, Set.of("AUDIO-IN-31-AUDIO-FIELD" + V31, "CONN-SESSION-SURVIVES" + V31)),
      entry(Fault.NO_STREAM_END, all("AUDIO-IN-STREAM-END")),
      entry(Fault.STREAM_END_IN_MANUAL, all("AUDIO-IN-MANUAL-ACTIVITY")),
      entry(Fault.WRONG_OUTPUT_RATE, all("AUDIO-OUT-RATE")),
      entry(Fault.DROP_OUTPUT_CHUNK, all("AUDIO-OUT-INTEGRITY")),
      entry(Fault.IGNORES_INTERRUPTED, all("AUDIO-OUT-INTERRUPTED", "AUDIO-OUT-BARGE-IN")),
      entry(Fault.KEEPS_PLAYING_AFTER_INTERRUPTED, all("AUDIO-OUT-BARGE-IN")),
      entry(Fault.DROPS_TURN_COMPLETE, all("TURN-COMPLETE-SURFACED")),
      entry(Fault.DROPS_TRANSCRIPTION, all("TRANSCRIPTION-SURFACED")),
      // A response for no call is dropped: the model waits for its result and the conversation stalls.
      entry(Fault.WRONG_TOOL_ID, all("TOOL-RESPONSE-ECHO", "CONN-SESSION-SURVIVES")),
      entry(Fault.ANSWERS_CANCELLED, all("TOOL-CANCELLED-NO-RESPONSE")),
      entry(Fault.NON_BLOCKING_ON_31, Set.of("TOOL-31-NON-BLOCKING" + V31)),
      entry(Fault.CLIENT_CONTENT_ON_31, Set.of("GATE-31-CLIENT-CONTENT" + V31)),
      // Legal on 2.5; on 3.1 the service closes the session with 1007 at the first such turn.
      entry(Fault.USER_TEXT_AS_CLIENT_CONTENT, Set.of("GATE-31-USER-TEXT" + V31, "CONN-SESSION-SURVIVES" + V31)),
      entry(Fault.TEXT_AFTER_TURN_AS_CLIENT_CONTENT,
          Set.of("GATE-31-USER-TEXT" + V31, "CONN-SESSION-SURVIVES" + V31)),
      entry(Fault.CLOSES_AFTER_SETUP, all("CONN-SESSION-SURVIVES")),
      entry(Fault.SILENT_GATING, Set.of("GATE-31-DECLINE-VISIBLE" + V31)),
      entry(Fault.NO_HISTORY_CONFIG, Set.of("GATE-31-HISTORY-CONFIG" + V31)),
      entry(Fault.THINKING_PASSTHROUGH, Set.of("GATE-THINKING-FIELD" + V25, "GATE-THINKING-FIELD" + V31,
          "GATE-38-NO-THINKING" + V38)),
      entry(Fault.AFFECTIVE_PASSTHROUGH, Set.of("GATE-31-AFFECTIVE" + V31, "GATE-38-AFFECTIVE" + V38)),
      entry(Fault.GATES_38_LIKE_31, Set.of("GATE-38-MID-SESSION" + V38)),
      entry(Fault.NO_V1ALPHA, Set.of("GATE-25-AFFECTIVE-V1ALPHA" + V25)),
      entry(Fault.TEXT_MODALITY_PASSTHROUGH, all("GATE-TEXT-MODALITY")),
      entry(Fault.VIDEO_UNTHROTTLED, all("GATE-VIDEO-FRAMES")),
      entry(Fault.IGNORES_GOAWAY, all("ERR-GOAWAY-RESUME")),
      entry(Fault.CRASHES_ON_BAD_FRAME, all("ERR-BAD-SERVER-FRAME")));

  private static Set<String> all(String... ids) {
    Set<String> s = new TreeSet<>();
    for (String id : ids) {
      s.add(id + V25);
      s.add(id + V31);
      s.add(id + V38);
    }
    return s;
  }

  /** Each mutant has its own mock on its own port; runs mostly wait, so a few run at once. */
  @ParameterizedTest
  @EnumSource(Fault.class)
  @Execution(ExecutionMode.CONCURRENT)
  void mutantFailsExactlyTheRulesItBreaks(Fault fault) throws Exception {
    SuiteResult result = ConformanceRun.run(() -> new ReferenceClient(fault), Models.defaults(), line -> {});
    Set<String> broken = result.outcomes().stream()
        .filter(o -> o.verdict() == RuleVerdict.FAIL || o.verdict() == RuleVerdict.NON_STRICT)
        .map(o -> o.rule().id() + "@" + Models.of(o.model()).shortName())
        .collect(Collectors.toCollection(TreeSet::new));
    String details = result.outcomes().stream()
        .filter(o -> o.verdict() != RuleVerdict.PASS && o.rule().level() != Level.INFO)
        .map(ReferenceClientConformanceTest::describe).collect(Collectors.joining("\n"));
    assertThat(broken).as("rules broken by %s (%s)%n%s", fault, fault.description(), details)
        .isEqualTo(BREAKS.get(fault));
  }

  /**
   * Rules a client that dies early can still pass: they judge only its setup frame or a connect
   * the server refuses. Written by hand: any other PASS would rest on steps that did not happen.
   */
  static final Set<String> JUDGED_ON_SETUP_ONLY = Set.of("SETUP-FIRST-ONCE", "SETUP-MODEL-NAME",
      "CONN-CLOSE-BEFORE-SETUP", "GATE-THINKING-FIELD", "GATE-31-AFFECTIVE", "GATE-25-AFFECTIVE-V1ALPHA",
      "GATE-TEXT-MODALITY", "GATE-31-HISTORY-CONFIG", "GATE-38-NO-THINKING", "GATE-38-AFFECTIVE");

  /** Clients whose sessions die: no PASS on any rule that depends on a later step, and the cause named. */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CLOSES_AFTER_SETUP", "USER_TEXT_AS_CLIENT_CONTENT"})
  @Execution(ExecutionMode.CONCURRENT)
  void aClientWhoseSessionsDieGetsNoVacuousPass(Fault fault) throws Exception {
    SuiteResult result = ConformanceRun.run(() -> new ReferenceClient(fault), Models.defaults(), line -> {});
    boolean only31 = fault == Fault.USER_TEXT_AS_CLIENT_CONTENT;
    String model = only31 ? Models.GEMINI_3_1.defaultModel() : Models.GEMINI_2_5.defaultModel();
    Set<String> passed = result.outcomes().stream()
        .filter(o -> o.model().equals(model) && o.verdict() == RuleVerdict.PASS)
        .map(o -> o.rule().id()).collect(Collectors.toCollection(TreeSet::new));
    // Without a text turn nothing after one can pass; without a session nothing after setup can.
    Set<String> mayPass = Catalogue.rules().stream()
        .filter(r -> JUDGED_ON_SETUP_ONLY.contains(r.id())
            || (only31 && !r.testCase().needs().contains(dev.geminilive.conformance.driver.Capability.TEXT_INPUT)))
        .map(r -> r.id()).collect(Collectors.toSet());
    assertThat(passed).as("rules %s passed on %s", fault, model).isSubsetOf(mayPass);
    var survives = result.outcome("CONN-SESSION-SURVIVES", model).orElseThrow();
    assertThat(survives.verdict()).isEqualTo(RuleVerdict.FAIL);
    if (only31) {
      assertThat(survives.finding().actual()).contains("1007").contains("realtimeInput.text");
      assertThat(result.outcome("GATE-31-USER-TEXT", model).orElseThrow().finding().actual())
          .contains("clientContent").contains("realtimeInput.text");
      // The rule about mid-session updates has no model turn to judge: it says so, it does not pass.
      var cc = result.outcome("GATE-31-CLIENT-CONTENT", model).orElseThrow();
      assertThat(cc.verdict()).isEqualTo(RuleVerdict.NOT_REACHED);
      assertThat(cc.finding().actual()).contains("1007");
    } else {
      assertThat(survives.finding().actual()).contains("the client closed session").contains("keep it open");
    }
  }

  @Test
  void everyJudgedRuleIsBrokenBySomeMutant() {
    Set<String> covered = BREAKS.values().stream().flatMap(Set::stream).map(s -> s.substring(0, s.indexOf('@')))
        .collect(Collectors.toSet());
    Set<String> judged = Catalogue.rules().stream().filter(r -> r.level() != Level.INFO).map(r -> r.id())
        .collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrderElementsOf(judged);
    assertThat(BREAKS.keySet()).isEqualTo(EnumSet.allOf(Fault.class));
  }
}
