package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.FunctionResponseScheduling;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveSendToolResponseParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.ThinkingLevel;
import com.google.genai.types.Tool;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.JsSdkProbe;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.testing.TrustStoreProperties;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real SDKs on {@code gemini-3.8-live}: {@code @google/genai} 3.3.0 (npm alias
 * {@code genai-3.3}) and google-genai Java 2.0.0 connect, do an audio turn, send a mid-session
 * {@code clientContent}, and run a function declared without {@code behavior} (NON_BLOCKING on
 * 3.8: the model keeps talking) whose response carries {@code scheduling}. The Java SDK also reads
 * {@code interactionStatus} from extended thinking.
 */
class Gemini38SdkTest {
  static LiveServer plain;
  static LiveServer tls;
  static TrustStoreProperties trustStore;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    SessionSettings quick = new SessionSettings(0.25, 300);
    plain = LiveServer.start(ServerConfig.defaults().withSession(quick));
    TlsMaterial material = TlsMaterial.selfSigned(List.of());
    Path store = dir.resolve("mock-truststore.p12");
    material.writeTrustStore(store);
    trustStore = TrustStoreProperties.install(store);
    tls = LiveServer.start(ServerConfig.defaults().withSession(quick).withTls(material));
  }

  @AfterAll
  static void stop() {
    plain.close();
    tls.close();
    trustStore.restore();
  }

  @Test
  void jsSdk33AudioTurnClientContentAndANonBlockingToolCall() throws Exception {
    String config = "{\"outputAudioTranscription\":{},\"tools\":[{\"functionDeclarations\":"
        + "[{\"name\":\"get_weather\",\"description\":\"weather\"}]}]}";
    String plan = "[{\"audio\":{\"ms\":1000}},{\"audio\":{\"ms\":700,\"silent\":true}},{\"waitFor\":\"turnComplete\"},"
        + "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"and now?\"}]}],\"turnComplete\":true}},"
        + "{\"waitFor\":\"turnComplete\"},"
        + "{\"text\":\"what does get_weather say?\"},{\"waitFor\":\"toolCall\"},{\"waitFor\":\"turnComplete\"},"
        + "{\"toolResponse\":{\"output\":{\"temp_c\":21}},\"scheduling\":\"WHEN_IDLE\"},{\"waitFor\":\"turnComplete\"},"
        + "{\"close\":true}]";
    JsSdkProbe.Result r = JsSdkProbe.runScript("plan-probe.mjs", "--sdk", "3.3",
        "--base-url", plain.baseUrl(), "--model", "gemini-3.8-live", "--config", config, "--plan", plan,
        "--timeout-ms", "30000");
    assertThat(r.first("done")).as("plan finished; stderr:\n" + r.stderr()).isPresent();
    assertThat(r.all("error")).isEmpty();
    assertThat(r.all("close")).allSatisfy(c -> assertThat(c.path("code").asInt()).isEqualTo(1000));
    List<JsonNode> messages = r.all("message");
    assertThat(messages.stream().filter(m -> kinds(m).contains("turnComplete"))).hasSize(4);
    // Several parts per event on 3.8; the transcript came although only output was asked for.
    assertThat(messages).anyMatch(m -> m.path("parts").asInt() > 1);
    assertThat(messages).anyMatch(m -> m.has("outputTranscription"));

    SessionJournal journal = plain.journal().latest().orElseThrow();
    assertThat(journal.attribute("userAgent")).contains("google-genai-sdk/3.3.0");
    assertThat(journal.attribute("family")).isEqualTo("gemini-3.8-live");
    List<JournalEntry> entries = journal.entries();
    int call = indexOf(entries, e -> !e.fromClient() && e.kind().startsWith("toolCall"));
    int response = indexOf(entries, e -> e.fromClient() && e.kind().equals("toolResponse"));
    assertThat(call).isPositive();
    // NON_BLOCKING by default: the model spoke between its call and the response.
    assertThat(entries.subList(call, response))
        .anyMatch(e -> !e.fromClient() && e.kind().contains("modelTurn"));
    assertThat(entries.get(response).json().toString()).contains("WHEN_IDLE");
    assertThat(entries).anyMatch(e -> e.kind().equals("clientContent"));
    assertThat(entries).noneMatch(e -> e.kind().equals("server-close")); // the client ended it
  }

  @Test
  void javaSdk2AudioTurnClientContentAndANonBlockingToolCall() throws Exception {
    LiveConnectConfig config = LiveConnectConfig.builder()
        .responseModalities(Modality.Known.AUDIO)
        .tools(Tool.builder().functionDeclarations(
            FunctionDeclaration.builder().name("get_weather").description("weather")))
        .build();
    BlockingQueue<LiveServerMessage> received = new LinkedBlockingQueue<>();
    AsyncSession session = javaClient().async.live.connect("gemini-3.8-live", config).get(10, TimeUnit.SECONDS);
    session.receive(received::add);

    for (byte[] chunk : Signals.chunks(Signals.tone(440, 16000, 1000, 8000), 16000, 100)) {
      sendAudio(session, chunk);
    }
    for (byte[] chunk : Signals.chunks(Signals.silence(16000, 700), 16000, 100)) {
      sendAudio(session, chunk);
    }
    assertThat(until(received, Gemini38SdkTest::turnComplete)).anyMatch(Gemini38SdkTest::hasAudio);

    session.sendClientContent(LiveSendClientContentParameters.builder()
        .turns(Content.builder().role("user").parts(Part.fromText("and now?")))
        .turnComplete(true).build()).get(5, TimeUnit.SECONDS);
    assertThat(until(received, Gemini38SdkTest::turnComplete)).anyMatch(Gemini38SdkTest::hasAudio);

    session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
        .text("what does get_weather say?").build()).get(5, TimeUnit.SECONDS);
    List<LiveServerMessage> upToCall = until(received, m -> m.toolCall().isPresent());
    FunctionCall fc = upToCall.get(upToCall.size() - 1).toolCall().orElseThrow()
        .functionCalls().orElseThrow().get(0);
    // NON_BLOCKING by default on 3.8: the model goes on talking before any response.
    assertThat(until(received, Gemini38SdkTest::turnComplete)).anyMatch(Gemini38SdkTest::hasAudio);
    session.sendToolResponse(LiveSendToolResponseParameters.builder().functionResponses(
        FunctionResponse.builder().id(fc.id().orElseThrow()).name("get_weather")
            .response(Map.of("output", Map.of("temp_c", 21)))
            .scheduling(new FunctionResponseScheduling(FunctionResponseScheduling.Known.WHEN_IDLE)))
        .build()).get(5, TimeUnit.SECONDS);
    assertThat(until(received, Gemini38SdkTest::turnComplete)).anyMatch(Gemini38SdkTest::hasAudio);
    session.close().get(5, TimeUnit.SECONDS);

    SessionJournal journal = tls.journal().latest().orElseThrow();
    assertThat(journal.attribute("family")).isEqualTo("gemini-3.8-live");
    assertThat(journal.entries()).anyMatch(e -> e.fromClient() && e.kind().equals("toolResponse")
        && e.json().toString().contains("WHEN_IDLE"));
    assertThat(journal.entries()).noneMatch(e -> e.kind().equals("server-close"));
  }

  @Test
  void javaSdk2ReadsInteractionStatusFromExtendedThinking() throws Exception {
    LiveConnectConfig config = LiveConnectConfig.builder()
        .responseModalities(Modality.Known.AUDIO)
        .thinkingConfig(ThinkingConfig.builder().thinkingLevel(ThinkingLevel.Known.LOW))
        .tools(Tool.builder().functionDeclarations(
            FunctionDeclaration.builder().name("get_weather").description("weather")))
        .build();
    BlockingQueue<LiveServerMessage> received = new LinkedBlockingQueue<>();
    AsyncSession session = javaClient().async.live
        .connect("gemini-3.8-live-extended-thinking", config).get(10, TimeUnit.SECONDS);
    session.receive(received::add);
    session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
        .text("get_weather please").build()).get(5, TimeUnit.SECONDS);
    List<LiveServerMessage> first = until(received, Gemini38SdkTest::turnComplete);
    FunctionCall fc = first.stream().flatMap(m -> m.toolCall().stream())
        .flatMap(t -> t.functionCalls().orElseThrow().stream()).findFirst().orElseThrow();
    assertThat(status(first.get(first.size() - 1))).isEqualTo("IN_PROGRESS");
    session.sendToolResponse(LiveSendToolResponseParameters.builder().functionResponses(
        FunctionResponse.builder().id(fc.id().orElseThrow()).name("get_weather")
            .response(Map.of("output", "sunny")))
        .build()).get(5, TimeUnit.SECONDS);
    List<LiveServerMessage> second = until(received, Gemini38SdkTest::turnComplete);
    assertThat(second).anyMatch(Gemini38SdkTest::hasAudio); // content after an IN_PROGRESS turnComplete
    assertThat(status(second.get(second.size() - 1))).isEqualTo("IDLE");
    session.close().get(5, TimeUnit.SECONDS);
  }

  private static Client javaClient() {
    return Client.builder().apiKey("FAKE_KEY_123")
        .httpOptions(HttpOptions.builder().baseUrl(tls.baseUrl()).build()).build();
  }

  private static void sendAudio(AsyncSession session, byte[] chunk) throws Exception {
    session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
        .audio(Blob.builder().data(chunk).mimeType("audio/pcm;rate=16000").build())
        .build()).get(5, TimeUnit.SECONDS);
  }

  private static String status(LiveServerMessage m) {
    return m.serverContent().flatMap(c -> c.interactionStatus()).map(Object::toString).orElse("");
  }

  private static boolean turnComplete(LiveServerMessage m) {
    return m.serverContent().flatMap(c -> c.turnComplete()).orElse(false);
  }

  private static boolean hasAudio(LiveServerMessage m) {
    return m.serverContent().flatMap(c -> c.modelTurn()).flatMap(t -> t.parts()).orElse(List.of())
        .stream().anyMatch(p -> p.inlineData().isPresent());
  }

  private static List<LiveServerMessage> until(
      BlockingQueue<LiveServerMessage> queue, Predicate<LiveServerMessage> stop) throws InterruptedException {
    List<LiveServerMessage> seen = new java.util.ArrayList<>();
    while (true) {
      LiveServerMessage m = queue.poll(10, TimeUnit.SECONDS);
      assertThat(m).as("a server message within 10 s; saw " + seen.size()).isNotNull();
      seen.add(m);
      if (stop.test(m)) {
        return seen;
      }
    }
  }

  private static List<String> kinds(JsonNode message) {
    List<String> out = new java.util.ArrayList<>();
    message.path("kinds").forEach(k -> out.add(k.asText()));
    return out;
  }

  private static <T> int indexOf(List<T> list, Predicate<T> p) {
    for (int i = 0; i < list.size(); i++) {
      if (p.test(list.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
