package dev.geminilive.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.recording.CaseRecording;
import dev.geminilive.conformance.recording.RawRecording;
import dev.geminilive.conformance.rules.Catalogue;
import dev.geminilive.conformance.rules.ConformanceRule;
import dev.geminilive.mock.session.AudioInput;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The case registry and the rules agree: every case is listed once and judged, every rule's case is listed. */
class CasesTest {
  @Test
  void everyCaseHasOneIdAndEveryRuleNamesARegisteredCase() {
    Set<String> ids = Cases.all().stream().map(ConformanceCase::id).collect(Collectors.toSet());
    assertThat(ids).hasSameSizeAs(Cases.all());
    for (ConformanceCase<?> c : Cases.all()) {
      assertThat(Cases.byId(c.id())).containsSame(c);
      assertThat(c.script()).as(c.id()).isNotBlank();
    }
    Set<ConformanceCase<?>> judged = Catalogue.rules().stream().map(ConformanceRule::testCase).collect(Collectors.toSet());
    assertThat(Cases.all()).containsAll(judged);
    assertThat(judged).as("every case is judged by some rule").containsAll(Cases.all());
  }

  @Test
  void everyCaseProducesItsOwnTypedRecordingAndRefusesAnotherCasesRecord() {
    for (ConformanceCase<?> c : Cases.all()) {
      CaseRecording r = c.recording(empty(c.id()));
      assertThat(r).as(c.id()).isExactlyInstanceOf(c.recordingType());
      assertThat(r.model()).isEqualTo("gemini-3.1-flash-live-preview");
    }
    assertThatThrownBy(() -> Cases.TOOLS.recording(empty(Cases.TEXT_TURN.id())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TOOLS");
    for (ConformanceRule<?> rule : Catalogue.rules()) {
      assertThat(rule.recordingType()).as(rule.id()).isSameAs(rule.testCase().recordingType());
    }
  }

  /**
   * The evidence only some cases gather (the fed microphone signal, the audio and images the
   * server decoded, the reply the server sent, the connect failure's details) is not on the shared
   * base, so a rule typed on another case's recording cannot read it.
   */
  @Test
  void theSharedRecordingExposesNoCaseSpecificEvidence() {
    List<Method> shared = Arrays.stream(CaseRecording.class.getMethods())
        .filter(m -> m.getDeclaringClass() == CaseRecording.class && Modifier.isPublic(m.getModifiers())).toList();
    assertThat(shared).extracting(Method::getName).doesNotContain("fedSignal", "receivedChunks", "receivedImages",
        "sentAudio", "playback", "sendAudioMillis", "connectCode", "connectReason", "connectMillis", "raw");
    assertThat(shared).extracting(Method::getReturnType).doesNotContain(byte[].class);
    for (Method m : shared) {
      assertThat(m.getGenericReturnType().getTypeName()).as(m.getName())
          .doesNotContain(AudioInput.class.getName(), "VideoFrame");
    }
    Set<Class<?>> withMicrophone = Cases.all().stream().<Class<?>>map(ConformanceCase::recordingType)
        .filter(t -> hasMethod(t, "fedSignal")).collect(Collectors.toSet());
    assertThat(withMicrophone).containsExactly(Cases.AUDIO_AUTO.recordingType());
  }

  private static boolean hasMethod(Class<?> type, String name) {
    return Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(name));
  }

  private static RawRecording empty(String caseId) {
    return new RawRecording(caseId, "gemini-3.1-flash-live-preview", Set.of(), List.of(), List.of(), Map.of(), null,
        Set.of(), Set.of(), List.of(), null, null, null, 0, null, 0, List.of(), List.of(), null, 0, null);
  }
}
