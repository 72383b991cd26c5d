package dev.geminilive.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geminilive.mock.journal.JournalForm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level reading of text turns gives what the general reader gives (message, tree, journal
 * entry), or defers to it.
 */
class TextTurnShortcutTest {
  private static final String SDK_FRAME =
      "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"Hello there\"}],\"role\":\"user\"}],\"turnComplete\":true}}";

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** As the transport hands frames over: a direct buffer, the frame not at index 0. */
  private static ByteBuffer direct(byte[] bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 7);
    b.position(3);
    b.put(bytes);
    b.flip();
    b.position(3);
    return b;
  }

  /** A heap buffer whose frame sits inside a larger array, bytes around it. */
  private static ByteBuffer heap(byte[] bytes) {
    byte[] array = new byte[bytes.length + 9];
    java.util.Arrays.fill(array, (byte) '}');
    System.arraycopy(bytes, 0, array, 4, bytes.length);
    return ByteBuffer.wrap(array, 4, bytes.length).slice();
  }

  private static ClientMessageDecoder.Decoded shortcut(byte[] frame) {
    return TextTurnShortcut.read(frame, 0, frame.length);
  }

  /** The shortcut's result is the general reader's in every form a consumer sees. */
  private static void assertSameAsGeneral(ClientMessageDecoder.Decoded quick, ClientMessageDecoder.Decoded general,
      String json) {
    assertThat(quick.message()).as(json).isEqualTo(general.message());
    ClientContent q = (ClientContent) quick.message();
    ClientContent g = (ClientContent) general.message();
    assertThat(q.turnComplete()).isSameAs(g.turnComplete());
    assertThat(q.turns().getClass()).isEqualTo(g.turns().getClass());
    assertThat(q.turns().get(0).parts().getClass()).isEqualTo(g.turns().get(0).parts().getClass());
    byte[] entry = JournalForm.ofClientTree(general.tree()); // before anything may touch the tree
    assertThat(quick.tree()).as(json).isEqualTo(general.tree());
    assertThat(quick.tree().toString()).as(json).isEqualTo(general.tree().toString()); // member order too
    assertThat(quick.tree()).isSameAs(quick.tree()); // built once
    assertThat(quick.json()).as(json).isNotNull();
    assertThat(new String(quick.json(), StandardCharsets.UTF_8)).isEqualTo(new String(entry, StandardCharsets.UTF_8));
    assertThat(quick.json()).isEqualTo(entry);
    assertThat(general.json()).isNull();
    assertThat(quick.audioBytes()).isNull();
  }

  static List<String> plainTurns() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != '"' && c != '\\') {
        all.append(c);
      }
    }
    return List.of(
        SDK_FRAME,
        "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}",
        "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":false}}",
        "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is up?\"}]},"
            + "{\"parts\":[{\"text\":\"Not much.\"},{\"text\":\" And you?\"}],\"role\":\"model\"},"
            + "{\"role\":\"user\",\"parts\":[{\"text\":\"a\"},{\"text\":\"\"},{\"text\":\"c\"}]}],\"turnComplete\":true}}",
        "{\"clientContent\":{\"turns\":[{\"role\":\"\",\"parts\":[{\"text\":\"\"}]}],\"turnComplete\":false}}",
        "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"x\"}],\"role\":\"system\"}],\"turnComplete\":true}}",
        "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + all
            + "\"}]}],\"turnComplete\":true}}",
        "{\"clientContent\":{\"turns\":[{\"role\":\"" + all + "\",\"parts\":[{\"text\":\"<b>&amp;</b> /x/ 'q'\"}]}],"
            + "\"turnComplete\":true}}");
  }

  @ParameterizedTest
  @MethodSource("plainTurns")
  void plainTextTurnsReadTheSameOnBothPaths(String json) throws Exception {
    ClientMessageDecoder decoder = new ClientMessageDecoder();
    ClientMessageDecoder.Decoded general = decoder.decode(utf8(json)); // the stream reader: no shortcut
    assertThat(general.json()).isNull();
    ClientMessageDecoder.Decoded quick = shortcut(utf8(json));
    assertThat(quick).as(json).isNotNull();
    assertSameAsGeneral(quick, general, json);
    for (ByteBuffer buffer : List.of(direct(utf8(json)), heap(utf8(json)))) {
      ClientMessageDecoder.Decoded viaDecoder = decoder.decode(buffer);
      assertThat(viaDecoder.json()).as("the decoder takes the shortcut").isNotNull();
      assertSameAsGeneral(viaDecoder, decoder.decode(utf8(json)), json);
    }
  }

  @Test
  void theTurnIsReadAsSent() {
    ClientContent content = (ClientContent) shortcut(utf8(plainTurns().get(3))).message();
    assertThat(content.turns()).containsExactly(
        new Content("user", List.of(Content.Part.text("What is up?"))),
        new Content("model", List.of(Content.Part.text("Not much."), Content.Part.text(" And you?"))),
        new Content("user", List.of(Content.Part.text("a"), Content.Part.text(""), Content.Part.text("c"))));
    assertThat(content.isTurnComplete()).isTrue();
    assertThat(content.lastUserText()).isEqualTo("ac");
  }

  @ParameterizedTest
  @MethodSource("dev.geminilive.mock.protocol.AudioFrameShortcutTest#surfaces")
  void everySurfaceTakesTheShortcut(ApiSurface surface) throws Exception {
    ClientMessageDecoder decoder = new ClientMessageDecoder(surface);
    ClientMessageDecoder.Decoded quick = decoder.decode(direct(utf8(SDK_FRAME)));
    assertThat(quick.json()).isNotNull();
    assertSameAsGeneral(quick, decoder.decode(utf8(SDK_FRAME)), SDK_FRAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // whitespace
      "{ \"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\", \"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\": true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}\n",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true} }",
      // escapes, non-ASCII, control characters
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\\\"b\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\\\\b\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"\\u0041\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\\/b\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"us\\ner\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"caf\u00e9\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"\uD83D\uDE00\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\tb\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\u007fb\"}]}],\"turnComplete\":true}}",
      // unknown, missing, duplicate, reordered or snake_case members
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true,\"x\":1}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}],\"x\":\"y\"}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}",
      "{\"clientContent\":{\"turnComplete\":true,\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turn_complete\":true}}",
      "{\"client_content\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true,"
          + "\"turnComplete\":false}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}],\"role\":\"model\"}],"
          + "\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
          + "\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\",\"text\":\"ho\"}]}],"
          + "\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\"}],\"turnComplete\":true}}",
      // empty lists, single values for lists, nulls, wrong types
      "{\"clientContent\":{\"turns\":[],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":{\"text\":\"hi\"}}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":null}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":\"true\"}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":1}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":tru}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":5}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":1,\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":null,\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[null]}],\"turnComplete\":true}}",
      // other parts
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\",\"thought\":true}]}],"
          + "\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\",\"x\":{\"y\":1}}]}],"
          + "\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"data\":\"AAAA\","
          + "\"mimeType\":\"audio/pcm\"}}]}],\"turnComplete\":true}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"},{\"inlineData\":{\"data\":"
          + "\"AAAA\",\"mimeType\":\"audio/pcm\"}}]}],\"turnComplete\":true}}",
      // trailing garbage, a second message, another message
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}x",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}}",
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true},"
          + "\"setup\":{}}",
      "{\"clientContent\":{\"turnComplete\":true}}",
      "{\"clientContent\":{}}",
      "{\"realtimeInput\":{\"text\":\"hi\"}}"})
  void anythingElseIsLeftToTheGeneralReader(String json) {
    assertThat(shortcut(utf8(json))).isNull();
    assertDecoderAgreesWithGeneral(utf8(json));
  }

  @Test
  void everyTruncationIsLeftToTheGeneralReader() {
    for (String json : plainTurns()) {
      byte[] whole = utf8(json);
      for (int length = 0; length < whole.length; length++) {
        byte[] cut = java.util.Arrays.copyOf(whole, length);
        assertThat(shortcut(cut)).as("%s cut to %d", json, length).isNull();
        // And the bytes after the cut, present in the array, are not read.
        assertThat(TextTurnShortcut.read(whole, 0, length)).as("%s cut to %d", json, length).isNull();
      }
    }
  }

  /** Through the decoder (shortcut or not), a frame reads as the general reader reads it. */
  private static void assertDecoderAgreesWithGeneral(byte[] frame) {
    ClientMessageDecoder decoder = new ClientMessageDecoder();
    ClientMessageDecoder.Decoded general;
    try {
      general = decoder.decode(frame);
    } catch (ProtocolViolation refused) {
      assertThatThrownBy(() -> decoder.decode(direct(frame))).isInstanceOf(ProtocolViolation.class)
          .hasMessage(refused.getMessage());
      return;
    }
    try {
      ClientMessageDecoder.Decoded quick = decoder.decode(direct(frame));
      assertThat(quick.message()).isEqualTo(general.message());
      assertThat(quick.tree()).isEqualTo(general.tree());
    } catch (ProtocolViolation unexpected) {
      throw new AssertionError("the decoder refused what the general reader takes", unexpected);
    }
  }

  // ---- random frames from a small grammar, with mutations ----

  /** Strings any reader takes as they are. */
  private static final String[] PLAIN = {
      "", "user", "model", "hello", "Hello there", "a b c", "{}[],:", "~!@#$%^&*()_+`-=|;'<>?,./"};
  /** Strings the shortcut leaves to the general reader: escapes, non-ASCII, raw control characters. */
  private static final String[] OTHER = {
      "x\\\"y", "\\\\", "\\n", "\\u00e9", "caf\u00e9", "\uD83D\uDE00", "tab\there", "new\nline", "\\/", "a\u007f"};

  /**
   * Half the frames are drawn with no odd choice at all (the shortcut's shape, mutations aside),
   * the others with odd choices at every step.
   */
  private static final class Grammar {
    private final Random r;
    private final double oddness;

    Grammar(Random r) {
      this.r = r;
      this.oddness = r.nextBoolean() ? 0 : 0.15;
    }

    private boolean odd() {
      return r.nextDouble() < oddness;
    }

    String str() {
      return "\"" + (odd() ? OTHER[r.nextInt(OTHER.length)] : PLAIN[r.nextInt(PLAIN.length)]) + "\"";
    }

    String part() {
      if (!odd()) {
        return "{\"text\":" + str() + "}";
      }
      return switch (r.nextInt(4)) {
        case 0 -> "{\"inlineData\":{\"data\":\"AAAA\",\"mimeType\":\"audio/pcm\"}}";
        case 1 -> "{\"text\":" + str() + ",\"thought\":true}";
        case 2 -> "{\"text\":" + (r.nextBoolean() ? "7" : "null") + "}";
        default -> "{}";
      };
    }

    String list(java.util.function.Supplier<String> element) {
      int n = odd() ? r.nextInt(2) * 4 : 1 + r.nextInt(3); // odd: empty or long
      List<String> items = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(element.get());
      }
      return "[" + String.join(",", items) + "]";
    }

    String turn() {
      String role = "\"role\":" + (odd() ? "3" : str());
      String parts = "\"parts\":" + (odd() ? part() : list(this::part));
      List<String> members = new ArrayList<>();
      if (!odd()) members.add(role);
      if (!odd()) members.add(parts);
      if (odd()) members.add(r.nextBoolean() ? role : "\"x\":1");
      java.util.Collections.shuffle(members, r);
      return "{" + String.join(",", members) + "}";
    }

    String frame() {
      List<String> members = new ArrayList<>();
      if (!odd()) members.add("\"turns\":" + list(this::turn));
      if (!odd()) {
        members.add("\"turnComplete\":" + (odd() ? (r.nextBoolean() ? "null" : "\"true\"") : r.nextBoolean()));
      }
      if (odd()) java.util.Collections.shuffle(members, r);
      if (odd()) members.add("\"turnComplete\":true");
      return "{\"clientContent\":{" + String.join(",", members) + "}}";
    }
  }

  private static byte[] mutate(byte[] frame, Random r) {
    byte[] out = frame;
    int n = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
    for (int k = 0; k < n && out.length > 0; k++) {
      int at = r.nextInt(out.length);
      byte[] next;
      switch (r.nextInt(5)) {
        case 0 -> { // delete a byte
          next = new byte[out.length - 1];
          System.arraycopy(out, 0, next, 0, at);
          System.arraycopy(out, at + 1, next, at, out.length - at - 1);
        }
        case 1 -> { // insert a byte
          next = new byte[out.length + 1];
          System.arraycopy(out, 0, next, 0, at);
          next[at] = (byte) " \n\",:{}[]\\ae0\u00e9".charAt(r.nextInt(14));
          System.arraycopy(out, at, next, at + 1, out.length - at);
        }
        case 2 -> { // replace a byte
          next = out.clone();
          next[at] = (byte) r.nextInt(256);
        }
        case 3 -> next = java.util.Arrays.copyOf(out, at); // truncate
        default -> { // repeat a stretch
          int to = at + r.nextInt(out.length - at + 1);
          next = new byte[out.length + to - at];
          System.arraycopy(out, 0, next, 0, to);
          System.arraycopy(out, at, next, to, out.length - at);
        }
      }
      out = next;
    }
    return out;
  }

  @Test
  void randomFramesReadTheSameOrTakeTheGeneralPath() {
    long seed = System.nanoTime();
    System.out.println("TextTurnShortcutTest seed " + seed);
    Random r = new Random(seed);
    ClientMessageDecoder decoder = new ClientMessageDecoder();
    int taken = 0;
    int refused = 0;
    int frames = 4_000;
    for (int i = 0; i < frames; i++) {
      byte[] frame = mutate(utf8(new Grammar(r).frame()), r);
      String shown = "seed " + seed + ", frame " + new String(frame, StandardCharsets.UTF_8);
      ClientMessageDecoder.Decoded quick = shortcut(frame);
      ClientMessageDecoder.Decoded general;
      try {
        general = decoder.decode(frame);
      } catch (ProtocolViolation v) {
        assertThat(quick).as(shown).isNull();
        refused++;
        continue;
      }
      if (quick != null) {
        taken++;
        assertSameAsGeneral(quick, general, shown);
      }
      assertDecoderAgreesWithGeneral(frame);
    }
    // The grammar must exercise both outcomes, or the test proves nothing.
    assertThat(taken).as("frames the shortcut read").isGreaterThan(frames / 20);
    assertThat(refused).as("frames the general reader refused").isGreaterThan(frames / 20);
    System.out.println("TextTurnShortcutTest: " + taken + " of " + frames + " read by the shortcut, " + refused + " refused");
  }
}
