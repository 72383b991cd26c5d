package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.transport.LiveServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted upstream (spoken question, tool call, thought part, usage, resumption, goAway, close)
 * recorded through the proxy, then replayed: same messages (tool call ids and resumption handles
 * aside, which are generated anew), same order, same close.
 */
class ScriptedUpstreamRecordingTest {
  static final Path UPSTREAM = Path.of("src", "test", "resources", "record-upstream");
  static final String SETUP = "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\","
      + "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]},"
      + "\"inputAudioTranscription\":{},\"outputAudioTranscription\":{},"
      + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\"}]}]}}";

  @TempDir Path out;

  /** What one run of the client saw. */
  record Seen(List<JsonNode> messages, RawLiveClient.Close close) {}

  @Test
  void everyKindOfStepSurvivesRecordAndReplay() throws Exception {
    Seen live;
    try (RecordingRig rig = RecordingRig.scenarios(UPSTREAM, out, o -> o)) {
      live = run(rig.proxyWs() + RawLiveClient.DEV_PATH + "?key=spoken-tool-turn");
      rig.awaitRecordings(1);
    }
    assertThat(live.close()).isEqualTo(new RawLiveClient.Close(1008, "Connection lifetime is over (recorder test)."));
    Path file = single(out);
    String yaml = Files.readString(file);
    assertThat(yaml).doesNotContain("spoken-tool-turn\"", "key=")
        .contains("toolCall:", "\"capture\":\"call1\"", "\"${call1}\"", "usage:", "resumptionUpdate:",
            "goAway: {\"timeLeft\":\"5s\",\"endConnection\":false}", "inputTranscript: \"What's the weather in Paris?\"",
            "transcript: \"It is sunny in Paris.\"", "close:", "minMs", "ignore:", "thought");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();

    Seen replay = replay(file);
    assertThat(normalised(replay.messages())).isEqualTo(normalised(live.messages()));
    assertThat(replay.close()).isEqualTo(live.close());
    // The replayed ids are new ones, not the recorded ones.
    assertThat(toolCallId(replay.messages())).isNotEqualTo(toolCallId(live.messages()));
  }

  Seen replay(Path file) throws Exception {
    ScenarioLibrary library = ScenarioServer.library(file.getParent());
    try (LiveServer mock = ScenarioServer.start(RecordingRig.fast(), library)) {
      String id = file.getFileName().toString().replace(".yaml", "");
      return run(mock.baseUrl().replaceFirst("^http", "ws") + "/" + id + RawLiveClient.DEV_PATH + "?key=k");
    } finally {
      library.close();
    }
  }

  static Path single(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yamls).hasSize(1);
      return yamls.get(0);
    }
  }

  /** setup, a spoken second, the tool's answer, then whatever comes until the close. */
  static Seen run(String url) throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(url, Map.of(), null)) {
      List<JsonNode> seen = new ArrayList<>();
      c.send(SETUP);
      byte[] chunk = new byte[3200]; // 100 ms at 16 kHz
      for (int i = 0; i < chunk.length; i += 2) {
        short s = (short) (6000 * Math.sin(2 * Math.PI * 440 * (i / 2) / 16000.0));
        chunk[i] = (byte) s;
        chunk[i + 1] = (byte) (s >> 8);
      }
      String audio = "{\"realtimeInput\":{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(chunk)
          + "\",\"mimeType\":\"audio/pcm;rate=16000\"}}}";
      for (int i = 0; i < 10; i++) {
        c.send(audio);
      }
      for (Frame f : c.until(m -> m.has("toolCall"), 10_000)) {
        seen.add(f.json());
      }
      String id = seen.get(seen.size() - 1).path("toolCall").path("functionCalls").get(0).path("id").asText();
      c.send("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + id
          + "\",\"name\":\"get_weather\",\"response\":{\"output\":\"sunny\"}}]}}");
      RawLiveClient.Close close = c.awaitClose(15_000);
      c.drain(200).forEach(f -> seen.add(f.json()));
      return new Seen(seen, close);
    }
  }

  static String toolCallId(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.has("toolCall")).findFirst().orElseThrow()
        .path("toolCall").path("functionCalls").get(0).path("id").asText();
  }

  /** Generated ids replaced by a placeholder; everything else as it came. */
  static List<JsonNode> normalised(List<JsonNode> messages) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : messages) {
      JsonNode copy = m.deepCopy();
      if (copy.has("toolCall")) {
        copy.path("toolCall").path("functionCalls").forEach(c -> ((ObjectNode) c).put("id", "<id>"));
      }
      if (copy.path("sessionResumptionUpdate").has("newHandle")) {
        ((ObjectNode) copy.get("sessionResumptionUpdate")).put("newHandle", "<handle>");
      }
      if (copy.path("setupComplete").has("sessionId")) {
        ((ObjectNode) copy.get("setupComplete")).put("sessionId", "<session>");
      }
      out.add(copy);
    }
    return out;
  }

  static URI uri(String s) {
    return URI.create(s);
  }
}
