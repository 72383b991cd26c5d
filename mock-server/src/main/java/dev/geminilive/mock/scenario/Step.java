package dev.geminilive.mock.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.network.NetworkConditions;
import java.util.List;
import java.util.Map;

/**
 * One step of a scenario script. Every step knows where it was written ({@link #where()}) and its
 * text as written ({@link #source()}), so a mismatch report can show it next to what arrived.
 * Steps are immutable and shared by every run of their scenario.
 */
public sealed interface Step {
  SourceRef where();

  /** The step as written, e.g. {@code {"expect": {...}}}. */
  JsonNode source();

  /** The step's key as written, e.g. {@code expect}. */
  String name();

  /** Steps that end the script: nothing after them can run. */
  default boolean terminal() {
    return false;
  }

  /** Wait for a client message of {@code type} that passes every matcher. */
  record Expect(
      String type,
      List<FieldMatcher> matchers,
      Map<String, JsonPath> captures,
      AudioExpectation audio,
      Integer timeoutMs,
      Boolean ambientAudio,
      JsonNode example,
      SourceRef where,
      JsonNode source)
      implements Step {
    public String name() {
      return "expect";
    }
  }

  /**
   * Audio in audio terms. Consumes consecutive {@code realtimeInput.audio} messages (and
   * {@code activityStart}) until: {@code until} arrives, or {@code silenceMs} of silence follows
   * speech, or speech started ({@code speech: started}), or {@code minMs} of audio arrived when
   * nothing else is given. Speech is judged by level on the audio's own sample clock.
   *
   * @param minMs least audio, in milliseconds on the audio's own sample clock
   * @param until {@code realtimeInput.activityEnd} or {@code realtimeInput.audioStreamEnd}
   * @param silenceMs silence that must follow speech
   * @param speech {@code started} or {@code ended}, or null
   * @param minSpeechMs least speech (silence not counted) before the step is done
   */
  record AudioExpectation(Integer minMs, String until, Integer silenceMs, String speech, Integer minSpeechMs) {
    public static final String STARTED = "started";
    public static final String ENDED = "ended";
    /** Silence that ends speech when {@code speech: ended} gives no {@code silenceMs}. */
    public static final int DEFAULT_SILENCE_MS = 500;

    public AudioExpectation(Integer minMs, String until, Integer silenceMs) {
      this(minMs, until, silenceMs, null, null);
    }

    /** Silence that ends the turn, or null when the step does not wait for the end of speech. */
    public Integer endSilenceMs() {
      if (silenceMs != null) {
        return silenceMs;
      }
      return ENDED.equals(speech) ? DEFAULT_SILENCE_MS : null;
    }
  }

  /** Fail if any scripted client message arrives within {@code ms}. */
  record ExpectNothing(int ms, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "expectNothing";
    }
  }

  /** Send a server message as written (after {@code ${capture}} substitution). */
  record Send(JsonNode message, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "send";
    }
  }

  /**
   * A model turn: optional input transcription, text and/or audio parts, output transcription,
   * then generationComplete and turnComplete.
   */
  /**
   * A model turn. Timing: {@code firstAudioMs} (a scripted delay before the first part, honoured in
   * every timing mode) and {@code cadenceMs} (time between audio chunks) override the family's
   * timing profile; {@code paceGiven} says {@code pace} was written, which also keeps the profile's
   * delivery speed out.
   */
  record Say(
      String text,
      AudioClip audio,
      int chunkMs,
      boolean realtime,
      String transcript,
      String inputTranscript,
      boolean generationComplete,
      boolean turnComplete,
      boolean background,
      Integer firstAudioMs,
      Integer cadenceMs,
      boolean paceGiven,
      SourceRef where,
      JsonNode source)
      implements Step {
    /** Without timing overrides (pace as given). */
    public Say(String text, AudioClip audio, int chunkMs, boolean realtime, String transcript,
        String inputTranscript, boolean generationComplete, boolean turnComplete, boolean background,
        SourceRef where, JsonNode source) {
      this(text, audio, chunkMs, realtime, transcript, inputTranscript, generationComplete,
          turnComplete, background, null, null, true, where, source);
    }

    public String name() {
      return "say";
    }
  }

  /** A tool call; ids are generated unless given, and captured under {@code capture}. */
  record ToolCall(List<Call> calls, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "toolCall";
    }
  }

  /** One function call of a {@link ToolCall}. */
  record Call(String name, JsonNode args, String id, String capture) {}

  /** Stops any reply in progress: {@code interrupted}, optional cancellations, turnComplete. */
  record Interrupt(List<String> cancelToolCalls, boolean turnComplete, SourceRef where, JsonNode source)
      implements Step {
    public String name() {
      return "interrupt";
    }
  }

  /**
   * {@code goAway}; unless {@code endConnection} is false the connection then ends when
   * {@code timeLeft} runs out, as on the real service.
   */
  record GoAway(String timeLeft, boolean endConnection, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "goAway";
    }
  }

  /** {@code sessionResumptionUpdate}; the handle is generated unless given. */
  record ResumptionUpdate(String handle, boolean resumable, String capture, SourceRef where, JsonNode source)
      implements Step {
    public String name() {
      return "resumptionUpdate";
    }
  }

  /** A {@code usageMetadata} message with these token counts. */
  record Usage(Integer promptTokens, Integer responseTokens, Integer totalTokens, SourceRef where, JsonNode source)
      implements Step {
    public String name() {
      return "usage";
    }
  }

  /** Pause the script (scaled by the server's time scale). */
  record Wait(int ms, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "wait";
    }
  }

  record Close(int code, String reason, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "close";
    }

    public boolean terminal() {
      return true;
    }
  }

  /** End the TCP connection without a close frame. */
  record Drop(SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "drop";
    }

    public boolean terminal() {
      return true;
    }
  }

  /** Stop answering: the connection stays open and nothing more is sent. */
  record Stall(SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "stall";
    }

    public boolean terminal() {
      return true;
    }
  }

  /** From here on, server frames cross a network with these conditions (a perfect one for {@code {}}). */
  record Network(NetworkConditions conditions, SourceRef where, JsonNode source) implements Step {
    public String name() {
      return "network";
    }
  }
}
