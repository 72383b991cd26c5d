package dev.geminilive.mock.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.ProfileException;
import dev.geminilive.mock.profile.TimingFigure;
import dev.geminilive.mock.profile.TimingProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled families' timing figures: present, sourced, and ordered as the evidence says. */
class TimingProfilesTest {
  static final ProfileCatalog CATALOG = ProfileCatalog.bundled();

  static TimingProfile timing(String family) {
    return CATALOG.family(family).orElseThrow().timing();
  }

  static List<TimingFigure> figures(TimingProfile t) {
    List<TimingFigure> all = new ArrayList<>(List.of(
        t.endOfSpeech().silence(), t.endOfSpeech().silenceLowSensitivity(),
        t.endOfSpeech().silenceHighSensitivity(), t.firstAudio().afterUserTurn(),
        t.firstAudio().afterToolResponse(), t.firstAudio().afterClientContent(),
        t.chunk().durationMs(), t.chunk().deliverySpeed(), t.inputTranscriptionLag(),
        t.outputTranscriptionLag(), t.turnCompleteAfterPlayback()));
    return all;
  }

  @Test
  void everyFamilyHasEveryFigureWithASourceAndItsEvidence() {
    for (ModelProfile p : CATALOG.profiles()) {
      for (TimingFigure f : figures(p.timing())) {
        assertThat(f).as(p.family()).isNotNull();
        assertThat(f.source()).as(p.family() + " " + f).isNotBlank();
        assertThat(f.evidence()).as(p.family() + " " + f).isIn("observed", "inferred");
      }
    }
  }

  @Test
  void extendedThinkingSpeaksLaterThan38AndVertexKeepsItsDeveloperFigures() {
    TimingProfile live = timing("gemini-3.8-live");
    TimingProfile et = timing("gemini-3.8-live-extended-thinking");
    assertThat(et.firstAudio().afterUserTurn().medianMs())
        .isGreaterThan(live.firstAudio().afterUserTurn().medianMs());
    assertThat(et.firstAudio().afterToolResponse().medianMs())
        .isGreaterThan(live.firstAudio().afterToolResponse().medianMs());
    assertThat(timing("gemini-3.8-live-vertex")).isEqualTo(live);
    assertThat(timing("gemini-3.8-live-extended-thinking-vertex")).isEqualTo(et);
    // 3.8's figures are measurements; the chunk delivery outruns real time.
    assertThat(live.firstAudio().afterToolResponse().evidence()).isEqualTo("observed");
    assertThat(live.chunk().deliverySpeed().medianMs()).isGreaterThan(1);
  }

  @Test
  void aBrokenFigureNamesTheFileAndTheField(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), """
        family: acme-live
        models: [acme-live-1]
        timing:
          firstAudio:
            afterUserTurn: {medianMs: 900, spread: 0.3, distribution: gamma}
        """);
    assertThatThrownBy(() -> ProfileCatalog.withDirectory(dir))
        .isInstanceOfSatisfying(ProfileException.class, e -> {
          assertThat(e.file()).endsWith("acme.yaml");
          assertThat(e.field()).isEqualTo("timing.firstAudio.afterUserTurn.distribution");
          assertThat(e.getMessage()).contains("gamma");
        });
  }

  @Test
  void aFamilyFileMayChangeOneFigureAndKeepTheRest(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("slow.yaml"), """
        extends: gemini-3.8-live.yaml
        family: gemini-3.8-live
        timing:
          firstAudio:
            afterUserTurn: {medianMs: 5000, spread: 0, source: "my capture", evidence: observed}
        """);
    TimingProfile t = ProfileCatalog.withDirectory(dir).family("gemini-3.8-live").orElseThrow().timing();
    assertThat(t.firstAudio().afterUserTurn().medianMs()).isEqualTo(5000);
    assertThat(t.firstAudio().afterToolResponse()).isEqualTo(timing("gemini-3.8-live").firstAudio().afterToolResponse());
  }
}
