package dev.geminilive.mock.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.Modality;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import dev.geminilive.mock.testing.JsSdkProbe;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Frame;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.testing.TrustStoreProperties;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients on the recording side: the google-genai Java SDK (2.0.0, wss only) and the
 * {@code @google/genai} JS SDK (through the repository's Node probe), plus a Vertex AI session
 * over wss. The upstream is a second mock (the persona) behind wss. Each recording must validate,
 * hold no credential, and give the same client the same messages on replay.
 */
class RecorderWithRealClientsTest {
  static final String MODEL = "gemini-2.5-flash-native-audio-preview-12-2025";
  static final ObjectMapper JSON = new ObjectMapper();
  static TlsMaterial tls;
  static Path certPem;
  static TrustStoreProperties trustStore;

  @BeforeAll
  static void trust(@TempDir Path dir) throws Exception {
    tls = TlsMaterial.selfSigned(List.of());
    certPem = dir.resolve("mock-cert.pem");
    tls.writeCertificatePem(certPem);
    Path store = dir.resolve("mock-truststore.p12");
    tls.writeTrustStore(store);
    trustStore = TrustStoreProperties.install(store);
  }

  @AfterAll
  static void restore() {
    trustStore.restore();
  }

  /** wss upstream (persona, no pacing), recorder trusting its certificate, proxy on wss or ws. */
  static RecordingRig secureRig(Path out, boolean proxyTls) throws Exception {
    LiveServer upstream = LiveServer.start(RecordingRig.fast().withTls(tls), ProfileCatalog.bundled(),
        s -> new PersonaResponder());
    return RecordingRig.around(upstream, null, out,
        proxyTls ? RecordingRig.fast().withTls(tls) : RecordingRig.fast(), o -> o.withTrustPem(certPem));
  }

  @Test
  void javaSdkOverWssIsRecordedAndReplayedIdentically(@TempDir Path out) throws Exception {
    List<JsonNode> live;
    try (RecordingRig rig = secureRig(out, true)) {
      assertThat(rig.upstream.baseUrl()).startsWith("https://");
      live = javaSdkAudioTurn(rig.proxy.baseUrl());
      rig.awaitRecordings(1);
    }
    Path file = ScriptedUpstreamRecordingTest.single(out);
    String yaml = Files.readString(file);
    assertThat(yaml).doesNotContain("JAVA-SECRET-KEY").contains("api-key@header", "minMs", "wss://");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();

    List<JsonNode> replay;
    ScenarioLibrary library = ScenarioServer.library(out);
    try (LiveServer mock = ScenarioServer.start(RecordingRig.fast().withTls(tls), library)) {
      replay = javaSdkAudioTurn(mock.baseUrl() + "/" + id(file));
    } finally {
      library.close();
    }
    assertThat(replay).isEqualTo(live);
  }

  @Test
  void vertexSessionOverWssKeepsItsFlavourAndNotItsToken(@TempDir Path out) throws Exception {
    String setup = "{\"setup\":{\"model\":\"projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio"
        + "\",\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]},\"outputAudioTranscription\":{}}}";
    Map<String, String> bearer = Map.of("Authorization", "Bearer ya29.VERTEX-SECRET-TOKEN");
    List<JsonNode> live;
    try (RecordingRig rig = secureRig(out, true)) {
      live = rawTextTurn(rig.proxy.baseUrl().replaceFirst("^https", "wss") + RawLiveClient.VERTEX_PATH, bearer, setup);
      rig.awaitRecordings(1);
    }
    assertThat(live.get(0).path("setupComplete").path("sessionId").asText()).isNotEmpty();
    Path file = ScriptedUpstreamRecordingTest.single(out);
    String yaml = Files.readString(file);
    assertThat(yaml).doesNotContain("VERTEX-SECRET-TOKEN", "ya29").contains("api: \"vertex\"", "bearer@header",
        "LlmBidiService");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();

    List<JsonNode> replay;
    ScenarioLibrary library = ScenarioServer.library(out);
    try (LiveServer mock = ScenarioServer.start(RecordingRig.fast().withTls(tls), library)) {
      replay = rawTextTurn(mock.baseUrl().replaceFirst("^https", "wss") + "/" + id(file) + RawLiveClient.VERTEX_PATH,
          bearer, setup);
    } finally {
      library.close();
    }
    assertThat(ScriptedUpstreamRecordingTest.normalised(replay))
        .isEqualTo(ScriptedUpstreamRecordingTest.normalised(live));
  }

  @Test
  void jsSdkThroughThePlainWsProxyIsRecordedAndReplayed(@TempDir Path out) throws Exception {
    JsSdkProbe.Result live;
    try (RecordingRig rig = secureRig(out, false)) {
      live = JsSdkProbe.run("--base-url", rig.proxy.baseUrl(), "--action", "text-turn",
          "--api-key", "JS-SECRET-KEY", "--timeout-ms", "15000");
      rig.awaitRecordings(1);
    }
    assertThat(live.summary().path("turnCompletes").asInt()).isEqualTo(1);
    Path file = ScriptedUpstreamRecordingTest.single(out);
    assertThat(Files.readString(file)).doesNotContain("JS-SECRET-KEY").contains("api-key@query",
        "Hello from the JS probe");
    assertThat(ScenarioValidator.bundled().validate(out, null, null).problems()).isEmpty();

    JsSdkProbe.Result replay;
    ScenarioLibrary library = ScenarioServer.library(out);
    try (LiveServer mock = ScenarioServer.start(RecordingRig.fast(), library)) {
      replay = JsSdkProbe.run("--base-url", mock.baseUrl() + "/" + id(file), "--action", "text-turn",
          "--timeout-ms", "15000");
    } finally {
      library.close();
    }
    assertThat(replay.all("message")).isEqualTo(live.all("message"));
    assertThat(replay.summary().path("turnCompletes").asInt()).isEqualTo(1);
  }

  static String id(Path file) {
    return file.getFileName().toString().replace(".yaml", "");
  }

  static List<JsonNode> rawTextTurn(String url, Map<String, String> headers, String setup) throws Exception {
    try (RawLiveClient c = RawLiveClient.connect(url, headers, tls.clientContext())) {
      c.send(setup);
      List<Frame> frames = new ArrayList<>(c.until(m -> m.has("setupComplete"), 5000));
      c.send("{\"realtimeInput\":{\"text\":\"Read me the news.\"}}");
      frames.addAll(c.until(m -> m.path("serverContent").path("turnComplete").asBoolean(), 10_000));
      return frames.stream().map(Frame::json).toList();
    }
  }

  /** One spoken turn through the Java SDK; returns every message as the SDK parsed it. */
  static List<JsonNode> javaSdkAudioTurn(String baseUrl) throws Exception {
    Client client = Client.builder()
        .apiKey("JAVA-SECRET-KEY")
        .httpOptions(HttpOptions.builder().baseUrl(baseUrl).build())
        .build();
    LiveConnectConfig config = LiveConnectConfig.builder()
        .responseModalities(Modality.Known.AUDIO)
        .inputAudioTranscription(AudioTranscriptionConfig.builder().build())
        .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
        .build();
    AsyncSession session = client.async.live.connect(MODEL, config).get(10, TimeUnit.SECONDS);
    List<JsonNode> messages = new CopyOnWriteArrayList<>();
    CountDownLatch turnComplete = new CountDownLatch(1);
    session.receive(msg -> {
      try {
        messages.add(JSON.readTree(msg.toJson()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      if (msg.serverContent().flatMap(c -> c.turnComplete()).orElse(false)) {
        turnComplete.countDown();
      }
    });
    byte[] speech = Signals.tone(440, 16000, 1000, 8000);
    byte[] silence = Signals.silence(16000, 700);
    List<byte[]> chunks = new ArrayList<>(Signals.chunks(speech, 16000, 100));
    chunks.addAll(Signals.chunks(silence, 16000, 100));
    for (byte[] chunk : chunks) {
      session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
          .audio(Blob.builder().data(chunk).mimeType("audio/pcm;rate=16000").build())
          .build()).get(5, TimeUnit.SECONDS);
    }
    assertThat(turnComplete.await(15, TimeUnit.SECONDS)).as("turnComplete received").isTrue();
    session.close().get(5, TimeUnit.SECONDS);
    return List.copyOf(messages);
  }
}
