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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.Base64;
/**
 * Randomised fuzzing of client input: random and mutated messages go to the decoder (many tries,
 * no socket) and to whole sessions over a real socket (fewer tries). Nothing may escape as an
 * unexpected exception, and every connection ends with a well-formed close.
 *
 * <p>Each run draws a new seed, so CI keeps exploring; a failure names the seed and the try, and
 * {@code -Dfuzz.seed=N} replays exactly that run. Plain JUnit and {@link Random}: the generators
 * are ours, so no property-testing library is needed.
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

  static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());

  @BeforeAll
  static void start() throws InterruptedException {
    server = LiveServer.start(ServerConfig.defaults()
        .withMaxFrameBytes(256 * 1024)
        .withSession(new SessionSettings(0, 300))
        .withCloseTimeoutMillis(1_000));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- the decoder alone ----

  @Test
  void decoderEitherDecodesOrNamesTheViolation() {
    Random random = new Random(SEED);
    for (int i = 0; i < 2_000; i++) {
      byte[] frame = clientFrame(random);
      try {
        decodeOne(frame);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(replay("decoder", i, frame) + ": " + e.getMessage(), e);
      }
    }
  }

  private static String replay(String what, int tryIndex, byte[] frame) {
    return what + " try " + tryIndex + " failed (replay with -Dfuzz.seed=" + SEED + "); frame, base64: "
        + Base64.getEncoder().encodeToString(frame);
  }

  private static void decodeOne(byte[] frame) {
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

  @Test
  void sessionsSurviveOrCloseCleanly() throws Exception {
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    for (int i = 0; i < 150; i++) {
      boolean setupFirst = random.nextBoolean();
      List<byte[]> frames = new ArrayList<>();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        frames.add(clientFrame(random));
      }
      boolean binary = random.nextBoolean();
      try {
        oneSession(setupFirst, frames, binary);
      } catch (AssertionError | RuntimeException e) {
        StringBuilder all = new StringBuilder();
        for (byte[] f : frames) {
          all.append(' ').append(Base64.getEncoder().encodeToString(f));
        }
        throw new AssertionError("session try " + i + " failed (replay with -Dfuzz.seed=" + SEED
            + "); setupFirst=" + setupFirst + " binary=" + binary + " frames, base64:" + all
            + ": " + e.getMessage(), e);
      }
    }
  }

  private static void oneSession(boolean setupFirst, List<byte[]> frames, boolean binary)
      throws Exception {
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

  /** One client frame: mostly mutations of valid messages, some valid ones, some noise. */
  static byte[] clientFrame(Random random) {
    int pick = random.nextInt(11);
    String base = VALID.get(random.nextInt(VALID.size()));
    if (pick < 5) {
      return mutateTree(base, new Random(random.nextLong()), 1 + random.nextInt(4));
    } else if (pick < 8) {
      return mutateBytes(base.getBytes(StandardCharsets.UTF_8), new Random(random.nextLong()),
          1 + random.nextInt(6));
    } else if (pick == 8) {
      return base.getBytes(StandardCharsets.UTF_8);
    } else if (pick == 9) {
      byte[] junk = new byte[random.nextInt(301)];
      random.nextBytes(junk);
      return junk;
    }
    return randomText(random).getBytes(StandardCharsets.UTF_8);
  }

  /** Any code points, surrogates excepted (a Java string cannot encode a lone one as UTF-8). */
  private static String randomText(Random random) {
    StringBuilder out = new StringBuilder();
    for (int n = random.nextInt(201); n > 0; n--) {
      int cp = switch (random.nextInt(3)) {
        case 0 -> random.nextInt(0x80);
        case 1 -> random.nextInt(0xD800);
        default -> 0xE000 + random.nextInt(0x10FFFF - 0xE000);
      };
      out.appendCodePoint(cp);
    }
    return out.toString();
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
