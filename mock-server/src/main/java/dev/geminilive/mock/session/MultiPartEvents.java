package dev.geminilive.mock.session;

import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.session.PacedPlayback.Timed;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapes a reply the way families with several parts per event send it (3.1: "one event may carry
 * several parts", https://ai.google.dev/gemini-api/docs/live-api/capabilities; 3.8: several
 * inlineData parts with the transcription in one modelTurn, measured by
 * rasonyang/ai-native-callcenter): consecutive model-turn events are merged two parts at a time,
 * and an output transcription sent at the same moment rides in the event before it. A client that
 * reads only {@code parts[0]} then misses half of the audio, as it would on the real service.
 */
public final class MultiPartEvents {
  /** Parts per merged event: enough to catch a parts[0] reader, few enough to keep streaming. */
  static final int PARTS_PER_EVENT = 2;

  private MultiPartEvents() {}

  /** {@code messages} merged as described; the input is left unchanged. */
  public static List<Timed> group(List<Timed> messages) {
    List<Timed> out = new ArrayList<>();
    for (Timed next : messages) {
      Timed last = out.isEmpty() ? null : out.get(out.size() - 1);
      Timed merged = last == null ? null : merge(last, next);
      if (merged != null) {
        out.set(out.size() - 1, merged);
      } else {
        out.add(next);
      }
    }
    return out;
  }

  private static Timed merge(Timed first, Timed second) {
    ServerContent a = onlyContent(first.message());
    ServerContent b = onlyContent(second.message());
    if (a == null || b == null || a.modelTurn() == null || flagged(a) || flagged(b)
        || a.inputTranscription() != null || b.inputTranscription() != null) {
      return null;
    }
    if (b.modelTurn() == null && b.outputTranscription() != null && a.outputTranscription() == null
        && second.offsetNanos() == first.offsetNanos()) {
      return new Timed(first.offsetNanos(), ServerMessage.content(new ServerContent(
          a.modelTurn(), null, null, null, null, b.outputTranscription(), null, null, null)));
    }
    if (b.modelTurn() == null || b.outputTranscription() != null
        || a.modelTurn().parts() == null || b.modelTurn().parts() == null
        || a.modelTurn().parts().size() + b.modelTurn().parts().size() > PARTS_PER_EVENT) {
      return null;
    }
    List<Content.Part> parts = new ArrayList<>(a.modelTurn().parts());
    parts.addAll(b.modelTurn().parts());
    return new Timed(first.offsetNanos(), ServerMessage.content(new ServerContent(
        new Content(a.modelTurn().role(), parts), null, null, null, null, a.outputTranscription(),
        null, null, null)));
  }

  /** The serverContent of a message that carries nothing else, else null. */
  private static ServerContent onlyContent(ServerMessage m) {
    boolean alone = m.setupComplete() == null && m.toolCall() == null
        && m.toolCallCancellation() == null && m.goAway() == null
        && m.sessionResumptionUpdate() == null && m.usageMetadata() == null;
    return alone ? m.serverContent() : null;
  }

  private static boolean flagged(ServerContent c) {
    return c.turnComplete() != null || c.interrupted() != null || c.generationComplete() != null
        || c.groundingMetadata() != null || c.turnCompleteReason() != null
        || c.waitingForInput() != null || c.interactionStatus() != null;
  }
}
