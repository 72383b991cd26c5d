package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record a session through the proxy, check the file, replay it and compare: the client must get
 * the same server messages on replay as through the proxy.
 */
class RecordReplayTest {
  static final String MODEL = "gemini-2.5-flash-native-audio-preview-12-2025";
  static final String SETUP = "{\"setup\":{\"model\":\"models/" + MODEL + "\","
      + "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]},"
      + "\"inputAudioTranscription\":{},\"outputAudioTranscription\":{}}}";

  @TempDir Path out;

  @Test
  void textTurnThroughThePersonaIsRecordedValidatedAndReplayedIdentically() throws Exception {
    List<Frame> live;
    try (RecordingRig rig = RecordingRig.persona(out, RecordingRig.fast(), o -> o)) {
      live = textSession(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=SECRET-KEY-123", Map.of());
      List<Path> files = rig.awaitRecordings(1);
      assertThat(files).hasSize(1);
    }
    Path file = onlyRecording();
    String yaml = Files.readString(file);
    assertThat(yaml).doesNotContain("SECRET-KEY-123").contains("api-key@query");
    assertThat(yaml).contains("- expect:", "type: \"setup\"", "say:", ".wav").doesNotContain("\"data\"");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();

    List<Frame> replay;
    ScenarioLibrary library = ScenarioServer.library(out);
    try (LiveServer mock = ScenarioServer.start(RecordingRig.fast(), library)) {
      String id = file.getFileName().toString().replace(".yaml", "");
      replay = textSession(mock.baseUrl().replaceFirst("^http", "ws") + "/" + id + RawLiveClient.DEV_PATH
          + "?key=other", Map.of());
    } finally {
      library.close();
    }
    assertThat(json(replay)).isEqualTo(json(live));
    assertThat(replay.stream().filter(Frame::binary).count()).isEqualTo(replay.size());
  }

  /**
   * 3.1 and 3.8 send several parts per event (and 3.8 transcribes unasked): the recording must
   * still write the audio as a WAV clip, and replay must give the same events.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"gemini-3.1-flash-live-preview", "gemini-3.8-live"})
  void multiPartFamiliesAreRecordedAsSayAndReplayedIdentically(String model) throws Exception {
    String setup = "{\"setup\":{\"model\":\"models/" + model + "\","
        + "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]},\"outputAudioTranscription\":{}}}";
    List<Frame> live;
    try (RecordingRig rig = RecordingRig.persona(out, RecordingRig.fast(), o -> o)) {
      live = textSession(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=k", Map.of(), setup);
      rig.awaitRecordings(1);
    }
    assertThat(live.stream().anyMatch(f -> f.json().path("serverContent").path("modelTurn").path("parts").size() > 1))
        .as("the upstream sent several parts per event").isTrue();
    Path file = onlyRecording();
    assertThat(Files.readString(file)).contains("say:", ".wav");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();
    List<Frame> replay;
    ScenarioLibrary library = ScenarioServer.library(out);
    try (LiveServer mock = ScenarioServer.start(RecordingRig.fast(), library)) {
      String id = file.getFileName().toString().replace(".yaml", "");
      replay = textSession(mock.baseUrl().replaceFirst("^http", "ws") + "/" + id + RawLiveClient.DEV_PATH
          + "?key=other", Map.of(), setup);
    } finally {
      library.close();
    }
    assertThat(json(replay)).isEqualTo(json(live));
  }

  private Path onlyRecording() throws Exception {
    try (var files = Files.list(out)) {
      List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yamls).hasSize(1);
      return yamls.get(0);
    }
  }

  static List<JsonNode> json(List<Frame> frames) {
    return frames.stream().map(Frame::json).toList();
  }

  /** setup, a typed question, everything until turnComplete, then the client closes. */
  static List<Frame> textSession(String url, Map<String, String> headers) throws Exception {
    return textSession(url, headers, SETUP);
  }

  static List<Frame> textSession(String url, Map<String, String> headers, String setup) throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(url, headers, null)) {
      c.send(setup);
      List<Frame> frames = new java.util.ArrayList<>(c.until(m -> m.has("setupComplete"), 5000));
      c.send("{\"realtimeInput\":{\"text\":\"What is the weather in Paris?\"}}");
      frames.addAll(c.until(m -> m.path("serverContent").path("turnComplete").asBoolean(), 10000));
      return frames;
    }
  }
}
