package dev.geminilive.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kept entries are stored packed (shared phrases as two-byte tokens): whatever goes in, the
 * journal must hand back exactly the same bytes, and the common entries must take less room.
 */
class JournalDictionaryTest {
  static final String AUDIO_IN = "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":1600,\"crc32\":\"1a2b3c4d\","
      + "\"durationMs\":50.0,\"rms\":1234},\"mimeType\":\"audio/pcm;rate=16000\"}}}";
  static final String AUDIO_OUT = "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
      + "{\"data\":{\"bytes\":4800,\"crc32\":\"204c74c2\",\"durationMs\":100.0,\"rms\":2679},"
      + "\"mimeType\":\"audio/pcm;rate=24000\"}}]}}}";

  /** Entries of every kind the server writes, and edge cases around the phrases. */
  static List<String> realistic() {
    List<String> out = new ArrayList<>(List.of(
        AUDIO_IN,
        AUDIO_OUT,
        "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":3201,\"crc32\":\"00000000\",\"durationMs\":100.0,\"rms\":0},"
            + "\"mimeType\":\"audio/pcm;rate=16000\"}}}",
        "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\":7,\"crc32\":\"ffffffff\"},\"mimeType\":\"audio/opus\"}}}",
        "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":{\"bytes\":1600,\"crc32\":\"1a2b3c4d\"}}}}",
        "{\"realtimeInput\":{\"audio\":{\"data\":{\"base64Chars\":5,\"invalidBase64\":true},\"mimeType\":\"audio/pcm\"}}}",
        "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}",
        "{\"setup\":{\"model\":\"models/m\",\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],"
            + "\"speechConfig\":{\"voiceConfig\":{\"prebuiltVoiceConfig\":{\"voiceName\":\"Kore\"}}}},"
            + "\"systemInstruction\":{\"parts\":[{\"text\":\"Réponds en français, s'il te plaît ☕\"}]}}}",
        "{\"setupComplete\":{}}",
        "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}",
        "{\"serverContent\":{\"generationComplete\":true}}",
        "{\"serverContent\":{\"turnComplete\":true},\"usageMetadata\":{\"promptTokenCount\":12,\"responseTokenCount\":250,"
            + "\"totalTokenCount\":262,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":12}],"
            + "\"responseTokensDetails\":[{\"modality\":\"AUDIO\",\"tokenCount\":250}]}}",
        "{\"serverContent\":{\"outputTranscription\":{\"text\":\"Grüße aus 東京 🎧\"}}}",
        "{\"serverContent\":{\"inputTranscription\":{\"text\":\"\\\"quoted\\\" \\u0000 and \\\\ back\"}}}",
        "{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi there\"}]}}}",
        "{\"serverContent\":{\"interrupted\":true}}",
        "{\"toolCall\":{\"functionCalls\":[{\"id\":\"call-1\",\"name\":\"get_weather\",\"args\":{\"city\":\"Zürich\"}}]}}",
        "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"call-1\",\"name\":\"get_weather\",\"response\":{\"t\":21}}]}}",
        "{\"goAway\":{\"timeLeft\":\"10s\"}}",
        "{\"sessionResumptionUpdate\":{\"newHandle\":\"h-1\",\"resumable\":true}}",
        "{\"realtimeInput\":{\"activityStart\":{}}}{\"realtimeInput\":{\"activityEnd\":{}}}",
        "{\"realtimeInput\":{\"audioStreamEnd\":true}}",
        "{}",
        "",
        "{",
        "\"",
        "\"}}}",
        // partial phrases: a phrase less its last byte, at the end and followed by other text
        "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\"",
        "{\"realtimeInput\":{\"audio\":{\"data\":{\"bytes\"x",
        "},\"mimeType\":\"audio/pcm;rate=1600",
        ",\"crc32\":\",\"crc32\":\",\"crc32\"",
        "xx{\"serverContent\":{\"generationComplete\":true}}",
        "{\"serverContent\":{\"generationComplete\":true}}yy"));
    for (String phrase : phrases()) {
      out.add(phrase);
      out.add(phrase + phrase);
      out.add(phrase.substring(0, phrase.length() - 1));
      out.add(phrase.substring(1));
      out.add("é" + phrase + "☕");
    }
    out.add("{\"n\":\"" + "x".repeat(SessionJournal.LARGE - 8) + "\"}"); // just under the arena's limit
    out.add(AUDIO_IN.repeat(SessionJournal.LARGE / AUDIO_IN.length() + 2)); // oversize: its own array
    out.add(AUDIO_OUT.repeat(SessionJournal.LARGE / AUDIO_OUT.length() - 1)); // many tokens, under the limit
    return out;
  }

  private static List<String> phrases() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < JournalDictionary.phrases(); i++) {
      byte[] packed = {JournalDictionary.MARK, (byte) i};
      out.add(new String(JournalDictionary.unpack(packed, 0, 2), StandardCharsets.US_ASCII));
    }
    return out;
  }

  private static void assertRoundTrip(List<byte[]> inputs) {
    SessionJournal s = new SessionJournal("s", "/ws/x", inputs.size());
    for (byte[] json : inputs) {
      s.recordJson(Direction.CLIENT_TO_SERVER, "k", json, null);
    }
    List<JournalEntry> entries = s.entries();
    assertThat(entries).hasSize(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(entries.get(i).jsonBytes()).as("entry %d: %s", i, new String(inputs.get(i), StandardCharsets.UTF_8))
          .isEqualTo(inputs.get(i));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyKindOfEntryComesBackByteForByte() {
    assertRoundTrip(realistic().stream().map(JournalDictionaryTest::utf8).toList());
  }

  @Test
  void theDictionaryHasDistinctPhrasesLongerThanATokenAndPacksThem() {
    List<String> phrases = phrases();
    assertThat(phrases).hasSizeBetween(16, 60).doesNotHaveDuplicates().allMatch(p -> p.length() > 2);
    for (String phrase : phrases) {
      byte[] packed = new byte[phrase.length()];
      assertThat(JournalDictionary.pack(utf8(phrase), packed, 0)).as(phrase).isEqualTo(2);
    }
  }

  @Test
  void theCommonAudioEntriesTakeAFractionOfTheirSize() {
    SessionJournal s = new SessionJournal("s", "/ws/x", 100);
    s.recordJson(Direction.CLIENT_TO_SERVER, "realtimeInput.audio", utf8(AUDIO_IN), null);
    assertThat(s.arenaBytes()).isLessThan(AUDIO_IN.length() / 3);
    s.recordJson(Direction.SERVER_TO_CLIENT, "serverContent.modelTurn", utf8(AUDIO_OUT), null);
    assertThat(s.arenaBytes()).isLessThan((AUDIO_IN.length() + AUDIO_OUT.length()) / 3);
    assertThat(s.entries()).extracting(JournalEntry::jsonBytes).containsExactly(utf8(AUDIO_IN), utf8(AUDIO_OUT));
  }

  @Test
  void bytesThatAreNotUtf8AreKeptAsTheyCame() {
    byte[] withMark = utf8("{\"serverContent\":{\"generationComplete\":true}}" + "\u0000");
    withMark[withMark.length - 1] = (byte) 0xFF;
    byte[] fakeToken = {(byte) 0xFF, 0, (byte) 0xF8, 1, '{', '}'};
    byte[] markAfterPhrase = utf8(AUDIO_IN + "  ");
    markAfterPhrase[AUDIO_IN.length()] = (byte) 0xFE;
    markAfterPhrase[AUDIO_IN.length() + 1] = 3;
    SessionJournal s = new SessionJournal("s", "/ws/x", 10);
    for (byte[] json : List.of(withMark, fakeToken, markAfterPhrase)) {
      s.recordJson(Direction.CLIENT_TO_SERVER, "k", json, null);
    }
    assertThat(s.arenaBytes()).isEqualTo(withMark.length + fakeToken.length + markAfterPhrase.length);
    assertThat(s.entries()).extracting(JournalEntry::jsonBytes).containsExactly(withMark, fakeToken, markAfterPhrase);
  }

  @Test
  void randomTextAndRandomBytesComeBackByteForByte() {
    for (long seed : new long[] {7L, 1126L, System.nanoTime()}) {
      Random random = new Random(seed);
      List<String> pieces = new ArrayList<>(realistic().subList(0, 30));
      pieces.addAll(phrases());
      List<byte[]> inputs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        inputs.add(i % 2 == 0 ? utf8(randomText(random, pieces)) : randomBytes(random, pieces));
      }
      try {
        assertRoundTrip(inputs);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + "L: " + e.getMessage(), e);
      }
    }
  }

  /** Valid UTF-8: pieces of phrases and entries cut anywhere, among random code points. */
  static String randomText(Random random, List<String> pieces) {
    StringBuilder b = new StringBuilder();
    int parts = random.nextInt(12);
    for (int p = 0; p < parts; p++) {
      if (random.nextBoolean()) {
        String piece = pieces.get(random.nextInt(pieces.size()));
        int from = random.nextInt(4) == 0 ? random.nextInt(piece.length() + 1) : 0;
        int to = random.nextInt(4) == 0 ? from + random.nextInt(piece.length() - from + 1) : piece.length();
        b.append(piece, from, to);
      } else {
        for (int c = random.nextInt(6); c > 0; c--) {
          int cp = switch (random.nextInt(4)) {
            case 0 -> 0x20 + random.nextInt(0x5F);
            case 1 -> 0x80 + random.nextInt(0x780);
            case 2 -> 0x800 + random.nextInt(0xD000);
            default -> 0x10000 + random.nextInt(0x10000);
          };
          b.appendCodePoint(cp);
        }
      }
    }
    return b.toString();
  }

  /** Anything: random bytes (0xF8-0xFF included) mixed with phrase bytes. */
  private static byte[] randomBytes(Random random, List<String> pieces) {
    byte[] out = new byte[random.nextInt(300)];
    int i = 0;
    while (i < out.length) {
      if (random.nextInt(3) == 0) {
        byte[] piece = utf8(pieces.get(random.nextInt(pieces.size())));
        int n = Math.min(piece.length, out.length - i);
        System.arraycopy(piece, 0, out, i, n);
        i += n;
      } else {
        out[i++] = random.nextInt(4) == 0 ? (byte) (0xF8 + random.nextInt(8)) : (byte) random.nextInt(256);
      }
    }
    return out;
  }
}
