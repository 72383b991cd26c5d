package dev.geminilive.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.protocol.RealtimeInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client's common audio frame, journalled from its decoded bytes without a tree, gives the
 * entry the tree path gives byte for byte (member order as sent, {@code durationMs} and {@code rms}
 * spelt as the JSON writer spells them), for every frame shape the frame reader's shortcut takes.
 */
class InboundAudioJournalTest {
  private static final String[] MIME_TYPES = {
      "audio/pcm;rate=16000", "audio/pcm;rate=24000", "audio/pcm;rate=8000", "audio/pcm;rate=44100",
      "audio/pcm", "audio/pcm;rate=1", "audio/pcm;rate=7", "audio/pcm;rate=999999999", "audio/pcm;rate=",
      "audio/pcm; rate=16000", "audio/PCM;rate=16000", "audio/wav", "image/jpeg", "", "a b/c;d=e"};
  private static final int[] LENGTHS = {1, 2, 3, 4, 5, 7, 160, 161, 799, 1600, 1601, 3200, 4799, 48_000, 65_537};

  /** The PCM of a frame: silence, full scale, a tone, or noise. */
  private static byte[] pcm(int length, int kind, Random random) {
    byte[] pcm = new byte[length];
    switch (kind) {
      case 0 -> { } // silence
      case 1 -> {
        for (int i = 0; i + 1 < length; i += 2) { // full scale, alternating sign
          pcm[i] = (byte) (i % 4 == 0 ? 0xFF : 0x00);
          pcm[i + 1] = (byte) (i % 4 == 0 ? 0x7F : 0x80);
        }
      }
      case 2 -> {
        for (int i = 0; i + 1 < length; i += 2) {
          int s = (int) Math.round(Math.sin(2 * Math.PI * 440 * (i / 2) / 16_000.0) * 6_000);
          pcm[i] = (byte) s;
          pcm[i + 1] = (byte) (s >> 8);
        }
      }
      default -> random.nextBytes(pcm);
    }
    return pcm;
  }

  /** @param snake the top-level key as the google-genai Java SDK writes it, {@code realtime_input} */
  private static String frame(String base64, String mime, boolean dataFirst, boolean snake) {
    String data = "\"data\":\"" + base64 + "\"";
    String type = "\"mimeType\":\"" + mime + "\"";
    return "{\"" + (snake ? "realtime_input" : "realtimeInput") + "\":{\"audio\":{"
        + (dataFirst ? data + "," + type : type + "," + data) + "}}}";
  }

  /** As the transport hands frames over: a direct buffer, not at index 0. */
  private static ByteBuffer direct(byte[] bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 5);
    b.position(5);
    b.put(bytes);
    b.position(5);
    return b;
  }

  /** A heap buffer whose frame sits inside a larger array (the shortcut decodes that array in place). */
  private static ByteBuffer heap(byte[] bytes) {
    byte[] array = new byte[bytes.length + 9];
    System.arraycopy(bytes, 0, array, 4, bytes.length);
    return ByteBuffer.wrap(array, 4, bytes.length).slice();
  }

  @Test
  void theEntryFromDecodedBytesIsTheTreePathsEntry() throws Exception {
    ClientMessageDecoder decoder = new ClientMessageDecoder();
    Random random = new Random(20_000);
    List<String> checked = new ArrayList<>();
    for (String mime : MIME_TYPES) {
      for (int length : LENGTHS) {
        for (int kind = 0; kind < 4; kind++) {
          byte[] pcm = pcm(length, kind, random);
          boolean dataFirst = (length + kind) % 2 == 0;
          String json = frame(Base64.getEncoder().encodeToString(pcm), mime, dataFirst, kind >= 2);
          byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
          ClientMessageDecoder.Decoded general = decoder.decode(utf8); // the stream reader: no shortcut
          assertThat(general.audioBytes()).isNull();
          byte[] expected = JournalEntry.bytes(BlobSummarizer.summarize(general.tree()));
          for (ByteBuffer buffer : List.of(direct(utf8), heap(utf8))) {
            ClientMessageDecoder.Decoded quick = decoder.decode(buffer);
            assertThat(quick.audioBytes()).as(json).isEqualTo(pcm);
            RealtimeInput input = (RealtimeInput) quick.message();
            byte[] entry = quick.withAudioData(BlobSummarizer.summaryJson(quick.audioBytes(), input.audio().mimeType()));
            assertThat(new String(entry, StandardCharsets.UTF_8))
                .as("mime %s, %d bytes, kind %d", mime, length, kind)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(entry).isEqualTo(expected);
          }
          checked.add(mime);
        }
      }
    }
    assertThat(checked).hasSize(MIME_TYPES.length * LENGTHS.length * 4);
  }

  @Test
  void theTreeOfAShortcutFrameIsTheGeneralReadersTree() throws Exception {
    ClientMessageDecoder decoder = new ClientMessageDecoder();
    Random random = new Random(7);
    for (int shape = 0; shape < 4; shape++) {
      byte[] pcm = pcm(1601, 3, random);
      byte[] utf8 = frame(Base64.getEncoder().encodeToString(pcm), "audio/pcm;rate=24000", shape % 2 == 0, shape >= 2)
          .getBytes(StandardCharsets.UTF_8);
      ClientMessageDecoder.Decoded quick = decoder.decode(direct(utf8));
      ClientMessageDecoder.Decoded general = decoder.decode(utf8);
      assertThat(quick.audioBytes()).isNotNull();
      assertThat(quick.message()).isEqualTo(general.message());
      assertThat(quick.tree().toString()).isEqualTo(general.tree().toString());
      assertThat(quick.tree()).isSameAs(quick.tree()); // built once
    }
  }

  @Test
  void theTreePathHandsOverWhatItDecoded() {
    byte[] pcm = pcm(1600, 3, new Random(3));
    String base64 = Base64.getEncoder().encodeToString(pcm);
    com.fasterxml.jackson.databind.node.ObjectNode tree = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode();
    tree.putObject("realtimeInput").putObject("audio").put("data", base64).put("mimeType", "audio/pcm");
    List<byte[]> handed = new ArrayList<>();
    List<String> from = new ArrayList<>();
    BlobSummarizer.summarize(tree, (s, b) -> {
      from.add(s);
      handed.add(b);
    });
    assertThat(from).containsExactly(base64);
    assertThat(handed.get(0)).isEqualTo(pcm);

    com.fasterxml.jackson.databind.node.ObjectNode bad = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode().put("data", "A!==").put("mimeType", "audio/pcm");
    BlobSummarizer.summarize(bad, (s, b) -> handed.add(b));
    assertThat(handed).hasSize(1); // undecodable: nothing handed over, the summary says so
    assertThat(bad.get("data").get("invalidBase64").asBoolean()).isTrue();
  }
}
