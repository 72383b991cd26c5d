package dev.geminilive.mock.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire writer's fast blob path writes exactly what the protocol's mapper writes. */
class BlobWriterTest {
  static ServerMessage audio(String data, String mime) {
    return ServerMessage.content(ServerContent.modelTurn(
        new Content("model", List.of(Content.Part.inlineData(new Blob(data, mime))))));
  }

  @Test
  void sameJsonAsTheProtocolMapperForEveryKindOfPayload() throws Exception {
    String chunk = PersonaVoice.base64Chunks().get(3);
    String notBase64 = "x\"y\\z\u00e9".repeat(200); // long, and needs escaping
    for (ServerMessage m : List.of(
        audio(chunk, "audio/pcm;rate=24000"),
        audio(chunk, "audio/pcm;rate=24000"), // second time: from the cache
        audio("AAAA", "audio/pcm"),
        audio(notBase64, "text/plain"),
        audio(chunk, null),
        audio(null, "audio/pcm"))) {
      String expected = LiveJson.mapper().writeValueAsString(m);
      String fast = new String(BlobWriter.WRITER.writeValueAsBytes(m), StandardCharsets.UTF_8);
      assertThat(fast).isEqualTo(expected);
      assertThat(BlobWriter.WRITER.writeValueAsString(m)).isEqualTo(expected);
    }
  }
}
