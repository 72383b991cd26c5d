package dev.geminilive.conformance.cases;

import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Model audio as the scripted server sends it. */
public final class ServerReplies {
  private ServerReplies() {}

  /** {@code pcm} cut into chunks of {@code sizes} bytes, the sizes repeating. */
  public static List<byte[]> chunks(byte[] pcm, int[] sizes) {
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    int i = 0;
    while (at < pcm.length) {
      int n = Math.min(sizes[i++ % sizes.length], pcm.length - at);
      out.add(Arrays.copyOfRange(pcm, at, at + n));
      at += n;
    }
    return out;
  }

  /** One modelTurn message carrying {@code pcm} as 24 kHz inline audio. */
  public static ServerMessage audio(byte[] pcm) {
    return ServerMessage.content(ServerContent.modelTurn(new Content("model", List.of(Content.Part.inlineData(
        new Blob(Base64.getEncoder().encodeToString(pcm), "audio/pcm;rate=" + TestSignals.OUTPUT_RATE))))));
  }
}
