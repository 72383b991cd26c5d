package dev.geminilive.mock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.protocol.CloseReasons;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.testing.RawFrameClient;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of client input: random and mutated messages go to the decoder (many
 * tries, no socket) and to whole sessions over a real socket (fewer tries). Nothing may escape
 * as an unexpected exception, and every connection ends with a well-formed close.
 */
class ClientMessageFuzzTest {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final ObjectMapper JSON = new ObjectMapper();
  static final long MUST_HAPPEN_MS = 10_000;
  /** Codes a session may end with on bad input; 1011 (internal error) would be a bug. */
  static final Set<Integer> EXPECTED_CODES = Set.of(1000, 1002, 1007, 1008, 1009);

  static final List<String> VALID = List.of(
      "{\"setup\":{\"model\":\"" + MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],"
          + "\"temperature\":0.7,\"speechConfig\":{\"voiceConfig\":{\"prebuiltVoiceConfig\":{\"voiceName\":\"Puck\"}}}},"
          + "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":false,\"silenceDurationMs\":300}},"
          + "\"inputAudioTranscription\":{},\"outputAudioTranscription\":{},\"tools\":[{\"functionDeclarations\":"
          + "[{\"name\":\"f\",\"description\":\"d\",\"parameters\":{\"type\":\"OBJECT\"}}]}]}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}",
      Signals.audioMessage(Signals.tone(440, 16_000, 50, 8_000), 16_000),
      "{\"realtimeInput\":{\"text\":\"hi\"}}",
      "{\"realtimeInput\":{\"activityStart\":{}}}",
      "{\"realtimeInput\":{\"activityEnd\":{}}}",
      "{\"realtimeInput\":{\"audioStreamEnd\":true}}",
      "{\"realtimeInput\":{\"mediaChunks\":[{\"data\":\"AAAA\",\"mimeType\":\"audio/pcm\"}]}}",
      "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"c1\",\"name\":\"f\",\"response\":{\"ok\":true}}]}}",
      "{\"contextUpdate\":{\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]}}}");

  static LiveServer server;
  static final AtomicInteger TRY = new AtomicInteger();

  @BeforeContainer
  static void start() throws InterruptedException {
    server = LiveServer.start(ServerConfig.defaults()
        .withMaxFrameBytes(256 * 1024)
        .withSession(new SessionSettings(0, 300))
        .withCloseTimeoutMillis(1_000));
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  // ---- the decoder alone ----

  @Property(tries = 2_000)
  void decoderEitherDecodesOrNamesTheViolation(@ForAll("clientFrames") byte[] frame) {
    try {
      ClientMessageDecoder.Decoded decoded = new ClientMessageDecoder().decode(frame);
      assertThat(decoded.message()).isNotNull();
      assertThat(decoded.message().kind()).isNotBlank();
    } catch (ProtocolViolation v) {
      assertThat(v.closeCode()).isEqualTo(1007);
      assertThat(v.reason()).isNotBlank();
      LeakScan.assertNoLeak("the decoder's reason", v.reason());
    }
  }

  // ---- whole sessions over a real socket ----

  @Property(tries = 150)
  void sessionsSurviveOrCloseCleanly(
      @ForAll boolean setupFirst,
      @ForAll("frameLists") List<byte[]> frames,
      @ForAll boolean binary) throws Exception {
    String tag = "fuzz=" + TRY.incrementAndGet();
    try (RawFrameClient client = RawFrameClient.connect(server.port(), RawLiveClient.DEV_PATH + "?key=k&" + tag)) {
      if (setupFirst) {
        client.text("{\"setup\":{\"model\":\"" + MODEL + "\"}}");
      }
      for (byte[] f : frames) {
        client.frame(true, binary ? RawFrameClient.BINARY : RawFrameClient.TEXT, f);
      }
      // A ping after the frames: its pong means every frame before it was handled.
      client.frame(true, RawFrameClient.PING, "marker".getBytes(StandardCharsets.UTF_8));
      waitForPongOrClose(client);
      if (!client.isClosed()) {
        client.frame(true, 0, RawFrameClient.CLOSE, new byte[] {0x03, (byte) 0xE8}, true);
      }
      RawFrameClient.Close close = client.awaitClose(MUST_HAPPEN_MS);
      assertThat(close).as("connection ended with a close frame").isNotNull();
      assertThat(close.wellFormed()).as("well-formed close: " + close).isTrue();
      assertThat(close.code()).as("close " + close).isIn(EXPECTED_CODES);
      assertThat(close.reason().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(CloseReasons.MAX_REASON_BYTES);
      if (close.code() != 1000) {
        assertThat(close.reason()).as("a refusal says why").isNotBlank();
      }
      LeakScan.assertNoLeak("a close reason", close.reason());
    }
    SessionJournal journal = server.journal().sessions().stream()
        .filter(s -> s.path().endsWith(tag)).findFirst().orElseThrow();
    for (JournalEntry e : journal.entries()) {
      assertThat(e.kind()).as("uncaught exception: " + e.note()).isNotEqualTo("transport-error");
      if (!e.fromClient()) {
        LeakScan.assertNoLeak("a journal note", e.note());
      }
    }
  }

  private static void waitForPongOrClose(RawFrameClient client) throws InterruptedException {
    long deadline = System.currentTimeMillis() + MUST_HAPPEN_MS;
    while (!client.isClosed() && System.currentTimeMillis() < deadline) {
      RawFrameClient.Frame f = client.next(50);
      if (f != null && f.opcode() == RawFrameClient.PONG && "marker".equals(f.text())) {
        return;
      }
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<List<byte[]>> frameLists() {
    return clientFrames().list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<byte[]> clientFrames() {
    Arbitrary<byte[]> mutatedTree = Combinators.combine(
            Arbitraries.integers().between(0, VALID.size() - 1),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 4))
        .as((base, seed, n) -> mutateTree(VALID.get(base), new Random(seed), n));
    Arbitrary<byte[]> mutatedBytes = Combinators.combine(
            Arbitraries.integers().between(0, VALID.size() - 1),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 6))
        .as((base, seed, n) -> mutateBytes(VALID.get(base).getBytes(StandardCharsets.UTF_8), new Random(seed), n));
    Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> junk = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, mutatedTree),
        net.jqwik.api.Tuple.of(3, mutatedBytes),
        net.jqwik.api.Tuple.of(1, valid),
        net.jqwik.api.Tuple.of(1, junk),
        net.jqwik.api.Tuple.of(1, text));
  }

  /** Replaces, removes, adds or renames {@code n} random nodes of a valid message. */
  static byte[] mutateTree(String validJson, Random random, int n) {
    try {
      JsonNode root = JSON.readTree(validJson);
      for (int i = 0; i < n; i++) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
          List<String> names = new ArrayList<>();
          object.fieldNames().forEachRemaining(names::add);
          String name = names.get(random.nextInt(names.size()));
          switch (random.nextInt(4)) {
            case 0 -> object.set(name, randomValue(random));
            case 1 -> object.remove(name);
            case 2 -> object.set(randomName(random, name), randomValue(random));
            default -> object.set(snake(name), object.remove(name));
          }
        } else if (target instanceof ArrayNode array) {
          if (!array.isEmpty() && random.nextBoolean()) {
            array.set(random.nextInt(array.size()), randomValue(random));
          } else {
            array.add(randomValue(random));
          }
        } else if (target instanceof ObjectNode object) {
          object.set(randomName(random, "x"), randomValue(random));
        }
      }
      return JSON.writeValueAsBytes(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  private static JsonNode randomValue(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(10)) {
      case 0 -> f.nullNode();
      case 1 -> f.numberNode(random.nextInt());
      case 2 -> f.numberNode(random.nextDouble() * 1e6 - 5e5);
      case 3 -> f.booleanNode(random.nextBoolean());
      case 4 -> f.textNode("");
      case 5 -> f.textNode("\u0000\ud83d\ude00" + random.nextLong());
      case 6 -> f.arrayNode().add(f.numberNode(1)).add(f.nullNode());
      case 7 -> f.objectNode();
      case 8 -> f.textNode("AAAA");
      default -> f.numberNode(Long.MAX_VALUE);
    };
  }

  private static String randomName(Random random, String near) {
    return switch (random.nextInt(4)) {
      case 0 -> near + "X";
      case 1 -> "";
      case 2 -> "setup";
      default -> "realtimeInput";
    };
  }

  private static String snake(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  private static final String NOISE = "{}[]\":,\\0\u00ff";

  /** Flips, drops, duplicates or inserts {@code n} random bytes. */
  static byte[] mutateBytes(byte[] valid, Random random, int n) {
    List<Byte> bytes = new ArrayList<>(valid.length + n);
    for (byte b : valid) {
      bytes.add(b);
    }
    for (int i = 0; i < n && !bytes.isEmpty(); i++) {
      int at = random.nextInt(bytes.size());
      switch (random.nextInt(4)) {
        case 0 -> bytes.set(at, (byte) (bytes.get(at) ^ (1 << random.nextInt(8))));
        case 1 -> bytes.remove(at);
        case 2 -> bytes.add(at, bytes.get(at));
        default -> bytes.add(at, (byte) NOISE.charAt(random.nextInt(NOISE.length())));
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }
}
