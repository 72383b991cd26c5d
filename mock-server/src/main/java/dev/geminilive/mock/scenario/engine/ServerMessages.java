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
import java.util.ArrayList;
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
    List<Timed> out = new ArrayList<>();
    String transcript = outputTranscription ? say.transcript() : null;
    if (say.inputTranscript() != null && inputTranscription) {
      out.add(new Timed(0, ServerMessage.content(
          ServerContent.inputTranscription(captures.resolve(say.inputTranscript()), true))));
    }
    if (say.text() != null) {
      out.add(new Timed(0, ServerMessage.content(ServerContent.modelTurn(
          new Content("model", List.of(Content.Part.text(captures.resolve(say.text()))))))));
    }
    long end = 0;
    boolean transcriptSent = false;
    AudioClip clip = say.audio();
    if (clip != null) {
      int bytesPerChunk = Math.max(2, clip.sampleRate() * say.chunkMs() / 1000 * 2);
      String mime = "audio/pcm;rate=" + clip.sampleRate();
      long step = TimeUnit.MILLISECONDS.toNanos(say.chunkMs());
      int index = 0;
      for (int from = 0; from < clip.pcm().length; from += bytesPerChunk, index++) {
        int to = Math.min(clip.pcm().length, from + bytesPerChunk);
        byte[] chunk = java.util.Arrays.copyOfRange(clip.pcm(), from, to);
        long at = say.realtime() ? index * step : 0;
        Content audio = new Content("model", List.of(Content.Part.inlineData(
            new Blob(Base64.getEncoder().encodeToString(chunk), mime))));
        out.add(new Timed(at, ServerMessage.content(ServerContent.modelTurn(audio))));
        if (!transcriptSent && transcript != null) {
          out.add(new Timed(at, ServerMessage.content(
              ServerContent.outputTranscription(captures.resolve(transcript)))));
          transcriptSent = true;
        }
      }
      end = say.realtime() ? index * step : 0;
    }
    if (!transcriptSent && transcript != null) {
      out.add(new Timed(0, ServerMessage.content(
          ServerContent.outputTranscription(captures.resolve(transcript)))));
    }
    if (say.generationComplete()) {
      out.add(new Timed(end, ServerMessage.content(ServerContent.endOfGeneration())));
    }
    if (say.turnComplete()) {
      out.add(new Timed(end, ServerMessage.content(ServerContent.endOfTurn())));
    }
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
