package dev.geminilive.mock.scenario.engine;

import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ServerMessage.UsageMetadata;
import dev.geminilive.mock.scenario.AudioClip;
import dev.geminilive.mock.scenario.Captures;
import dev.geminilive.mock.scenario.Step;
import dev.geminilive.mock.session.PacedPlayback.Timed;
import dev.geminilive.mock.timing.ReplyPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Expands the shorthand steps into the server messages the real service would send. Public so
 * that a recorder can check that a step it writes expands to exactly what it recorded.
 */
public final class ServerMessages {
  private ServerMessages() {}

  /**
   * A {@code say}: input transcription, text, audio chunks (each {@code chunkMs} apart when paced),
   * output transcription with the first chunk, then generationComplete and turnComplete.
   * Transcriptions go out only when the setup asked for them, as on the real service.
   */
  public static List<Timed> say(
      Step.Say say, Captures captures, boolean inputTranscription, boolean outputTranscription) {
    long gap = say.realtime() ? TimeUnit.MILLISECONDS.toNanos(say.chunkMs()) : 0;
    return say(say, captures, inputTranscription, outputTranscription,
        new ReplyPlan(0, say.chunkMs(), gap, 0, 0, null));
  }

  /**
   * A {@code say} laid out by {@code plan}: the input transcription first (at most its lag, never
   * after the first part), the text and audio from the plan's first audio on, chunks
   * {@code plan.chunkGapNanos()} apart, the output transcription with the chunk its lag reaches,
   * {@code generationComplete} after the last chunk and {@code turnComplete} at the plan's playback
   * end.
   */
  public static List<Timed> say(Step.Say say, Captures captures, boolean inputTranscription,
      boolean outputTranscription, ReplyPlan plan) {
    List<Timed> out = new ArrayList<>();
    String transcript = outputTranscription ? say.transcript() : null;
    long first = plan.firstAudioNanos();
    if (say.inputTranscript() != null && inputTranscription) {
      out.add(new Timed(Math.min(first, plan.inputTranscriptionLagNanos()), ServerMessage.content(
          ServerContent.inputTranscription(captures.resolve(say.inputTranscript()), true))));
    }
    if (say.text() != null) {
      out.add(new Timed(first, ServerMessage.content(ServerContent.modelTurn(
          new Content("model", List.of(Content.Part.text(captures.resolve(say.text()))))))));
    }
    long end = first;
    long turnEnd = first;
    AudioClip clip = say.audio();
    if (clip != null) {
      int bytesPerChunk = Math.max(2, clip.sampleRate() * say.chunkMs() / 1000 * 2);
      String mime = "audio/pcm;rate=" + clip.sampleRate();
      int index = 0;
      boolean transcriptSent = transcript == null;
      long transcriptDue = first + plan.outputTranscriptionLagNanos();
      for (int from = 0; from < clip.pcm().length; from += bytesPerChunk, index++) {
        int to = Math.min(clip.pcm().length, from + bytesPerChunk);
        byte[] chunk = java.util.Arrays.copyOfRange(clip.pcm(), from, to);
        Content audio = new Content("model", List.of(Content.Part.inlineData(
            new Blob(Base64.getEncoder().encodeToString(chunk), mime))));
        long at = plan.chunkOffset(index);
        out.add(new Timed(at, ServerMessage.content(ServerContent.modelTurn(audio))));
        if (!transcriptSent && at >= transcriptDue) {
          // Right after the chunk its lag reaches, so it rides in the same event.
          out.add(new Timed(at, ServerMessage.content(
              ServerContent.outputTranscription(captures.resolve(transcript)))));
          transcriptSent = true;
        }
      }
      if (!transcriptSent) {
        out.add(new Timed(plan.outputTranscriptionOffset(index), ServerMessage.content(
            ServerContent.outputTranscription(captures.resolve(transcript)))));
      }
      end = plan.generationEnd(index);
      double audioMillis = clip.pcm().length / 2 * 1000.0 / clip.sampleRate();
      turnEnd = plan.turnCompleteOffset(index, audioMillis);
    } else if (transcript != null) {
      out.add(new Timed(first + plan.outputTranscriptionLagNanos(), ServerMessage.content(
          ServerContent.outputTranscription(captures.resolve(transcript)))));
    }
    if (say.generationComplete()) {
      out.add(new Timed(end, ServerMessage.content(ServerContent.endOfGeneration())));
    }
    if (say.turnComplete()) {
      out.add(new Timed(Math.max(end, turnEnd), ServerMessage.content(ServerContent.endOfTurn())));
    }
    // In order of time; equal times keep the order above (stable sort).
    out.sort(Comparator.comparingLong(Timed::offsetNanos));
    return out;
  }

  public static ServerMessage usage(Step.Usage u, ApiFlavour flavour) {
    Integer prompt = u.promptTokens();
    Integer response = u.responseTokens();
    Integer total = u.totalTokens();
    if (total == null && (prompt != null || response != null)) {
      total = (prompt == null ? 0 : prompt) + (response == null ? 0 : response);
    }
    boolean vertex = flavour == ApiFlavour.VERTEX;
    // The Developer API names the reply's tokens responseTokenCount; Vertex candidatesTokenCount.
    UsageMetadata usage = new UsageMetadata(prompt, null, vertex ? null : response,
        vertex ? response : null, null, null, total, null, null, null, null);
    return new ServerMessage(null, null, null, null, null, null, usage);
  }

  public static ServerMessage interrupted() {
    return ServerMessage.content(ServerContent.interruption());
  }

  public static ServerMessage turnComplete() {
    return ServerMessage.content(ServerContent.endOfTurn());
  }
}
