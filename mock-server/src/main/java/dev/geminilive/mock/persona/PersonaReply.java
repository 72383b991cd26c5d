package dev.geminilive.mock.persona;

import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ModalityTokenCount;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ServerMessage.Transcription;
import dev.geminilive.mock.protocol.ServerMessage.UsageMetadata;
import dev.geminilive.mock.session.MultiPartEvents;
import dev.geminilive.mock.session.PacedPlayback.Timed;
import dev.geminilive.mock.timing.ReplyPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds the message sequence of one persona reply, in the order the real service uses. */
final class PersonaReply {
  /** Audio is billed at 25 tokens a second (sources §3.7). */
  private static final int AUDIO_TOKENS_PER_SECOND = 25;

  /** The persona's thought summary, sent only where the family emits thoughts and setup asks. */
  static final String THOUGHT = "**Answering** The user spoke; a short greeting fits.";

  private PersonaReply() {}

  /** The messages of one reply in fast timing: no added delay, audio paced at real time. */
  static List<Timed> build(Turn turn) {
    return build(turn, ReplyPlan.fast(PersonaVoice.CHUNK_MILLIS));
  }

  /**
   * The messages of one reply and when each goes out, from the end of the user's turn, laid out
   * by {@code plan} (fast or drawn from the family's timing profile).
   */
  static List<Timed> build(Turn turn, ReplyPlan plan) {
    List<Timed> out = new ArrayList<>();
    if (turn.usageFirst()) {
      out.add(new Timed(0, usageMessage(turn, null, 0)));
    }
    if (turn.inputTranscription() && turn.userText() == null && turn.heardMillis() > 0) {
      String heard = String.format("(%.1f s of audio)", turn.heardMillis() / 1000.0);
      out.add(new Timed(plan.inputTranscriptionLagNanos(),
          ServerMessage.content(ServerContent.inputTranscription(heard, true))));
    }
    if (turn.thoughts()) {
      // The thought summary comes while the model reasons, before it speaks.
      out.add(new Timed(plan.firstAudioNanos() / 2, ServerMessage.content(ServerContent.modelTurn(
          new Content("model", List.of(Content.Part.thought(THOUGHT)))))));
    }
    long end;
    long turnEnd;
    if (turn.audio()) {
      List<ServerMessage> chunks = audioChunks(plan.chunkMillis());
      long transcriptAt = plan.outputTranscriptionOffset(chunks.size());
      boolean transcriptSent = !turn.outputTranscription();
      for (int i = 0; i < chunks.size(); i++) {
        out.add(new Timed(plan.chunkOffset(i), chunks.get(i)));
        if (transcriptAt == plan.chunkOffset(i) && !transcriptSent) {
          // Right after the chunk its lag reaches, so it rides in the same event.
          out.add(new Timed(transcriptAt, ServerMessage.content(
              ServerContent.outputTranscription(PersonaVoice.TRANSCRIPT))));
          transcriptSent = true;
        }
      }
      if (!transcriptSent) {
        out.add(new Timed(transcriptAt, ServerMessage.content(
            ServerContent.outputTranscription(PersonaVoice.TRANSCRIPT))));
      }
      end = plan.generationEnd(chunks.size());
      turnEnd = plan.turnCompleteOffset(chunks.size(), PersonaVoice.DURATION_MILLIS);
    } else {
      String reply = turn.userText() == null ? PersonaVoice.TRANSCRIPT
          : PersonaVoice.TRANSCRIPT + " You said: " + turn.userText();
      int half = reply.length() / 2;
      long first = plan.firstAudioNanos();
      out.add(new Timed(first, ServerMessage.content(ServerContent.modelTurn(
          new Content("model", List.of(Content.Part.text(reply.substring(0, half))))))));
      out.add(new Timed(first + TimeUnit.MILLISECONDS.toNanos(50), ServerMessage.content(
          ServerContent.modelTurn(new Content("model", List.of(Content.Part.text(reply.substring(half))))))));
      end = first + TimeUnit.MILLISECONDS.toNanos(100);
      turnEnd = end;
    }
    out.add(new Timed(end, GENERATION_COMPLETE));
    out.add(new Timed(Math.max(end, turnEnd), usageMessage(turn, ServerContent.endOfTurn(),
        turn.audio() ? PersonaVoice.DURATION_MILLIS * AUDIO_TOKENS_PER_SECOND / 1000 : 12)));
    // Played in order of time; equal times keep the service's order (stable sort).
    out.sort(Comparator.comparingLong(Timed::offsetNanos));
    // 3.1 and 3.8 put several parts (and the transcript) in one event.
    return turn.multiPart() ? MultiPartEvents.group(out) : out;
  }

  /**
   * The audio messages of a reply, made once per chunk size and shared by every reply (messages
   * are immutable). Built afresh, a thousand sessions' replies kept some 3 MB of messages alive
   * for the 1.2 s each is paced over: they outlived the young generation and were copied by every
   * collection, then promoted to die in the old one (seen in GC logs at 1,000 sessions).
   */
  private static List<ServerMessage> audioChunks(int chunkMillis) {
    return AUDIO_MESSAGES.computeIfAbsent(chunkMillis, ms -> PersonaVoice.base64Chunks(ms).stream()
        .map(b64 -> ServerMessage.content(ServerContent.modelTurn(new Content("model",
            List.of(Content.Part.inlineData(new Blob(b64, PcmFormat.outputMimeType())))))))
        .toList());
  }

  /** The same in every reply: one message, so its encoding is kept (transport's frame cache). */
  private static final ServerMessage GENERATION_COMPLETE = ServerMessage.content(ServerContent.endOfGeneration());

  private static final java.util.Map<Integer, List<ServerMessage>> AUDIO_MESSAGES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Turn ends and usage-first messages made so far, by what they depend on; bounded. */
  private static final int MAX_USAGE_MESSAGES = 512;
  private static final java.util.Map<UsageKey, ServerMessage> USAGE_MESSAGES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Everything a usage-carrying message depends on. */
  private record UsageKey(boolean turnEnd, String interactionStatus, int prompt, int responseTokens,
      boolean audio, boolean typed, ApiFlavour flavour) {}

  /**
   * The usage-first message ({@code turnEnd} null) or the turn's end with its usage: one instance
   * per value, because most replies end alike and a message sent again by identity goes out from
   * its kept encoding (transport's frame cache) instead of being serialised for every turn.
   */
  private static ServerMessage usageMessage(Turn turn, ServerContent turnEnd, int responseTokens) {
    UsageKey key = new UsageKey(turnEnd != null, turn.interactionStatus(), promptTokens(turn),
        responseTokens, turn.audio(), turn.userText() != null, turn.flavour());
    ServerMessage known = USAGE_MESSAGES.get(key);
    if (known != null) {
      return known;
    }
    ServerMessage made = ServerMessage.content(
        turnEnd == null ? ServerContent.empty() : turnEnd.withInteractionStatus(turn.interactionStatus()),
        usage(key));
    if (USAGE_MESSAGES.size() >= MAX_USAGE_MESSAGES) {
      return made;
    }
    known = USAGE_MESSAGES.putIfAbsent(key, made);
    return known == null ? made : known;
  }

  private static int promptTokens(Turn turn) {
    return Math.max(1, (int) (turn.heardMillis() * AUDIO_TOKENS_PER_SECOND / 1000))
        + (turn.userText() == null ? 0 : Math.max(1, turn.userText().length() / 4));
  }

  private static UsageMetadata usage(UsageKey key) {
    int prompt = key.prompt();
    int responseTokens = key.responseTokens();
    String modality = key.audio() ? "AUDIO" : "TEXT";
    List<ModalityTokenCount> promptDetails =
        List.of(new ModalityTokenCount(key.typed() ? "TEXT" : "AUDIO", prompt));
    List<ModalityTokenCount> responseDetails =
        responseTokens == 0 ? null : List.of(new ModalityTokenCount(modality, responseTokens));
    boolean vertex = key.flavour() == ApiFlavour.VERTEX;
    return new UsageMetadata(
        prompt, null,
        vertex || responseTokens == 0 ? null : responseTokens,
        vertex && responseTokens != 0 ? responseTokens : null,
        null, null, prompt + responseTokens, promptDetails,
        vertex ? null : responseDetails,
        vertex ? responseDetails : null,
        null);
  }

  /**
   * What the reply depends on.
   *
   * @param userText what the user typed, or null for a spoken turn
   * @param heardMillis how much user audio the turn had
   */
  record Turn(
      String userText,
      double heardMillis,
      boolean audio,
      boolean inputTranscription,
      boolean outputTranscription,
      boolean multiPart,
      boolean usageFirst,
      ApiFlavour flavour,
      String interactionStatus,
      boolean thoughts) {}
}
