package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.TestSignals;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.Frame;
import dev.geminilive.conformance.recording.Json;
import dev.geminilive.conformance.recording.MicrophoneRecording;
import dev.geminilive.mock.session.AudioInput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chapter 2: the envelope of every audio chunk (from the journal) and the content of the whole
 * stream (from the PCM the server decoded): the suite feeds a known tone and chirp at the
 * driver's native rate and measures what arrived.
 */
final class AudioInputRules {
  private static final Pattern PCM_MIME = Pattern.compile("audio/pcm(?:;\\s*rate=(\\d+))?");
  static final int MIN_CHUNK_MS = 20;
  static final int MAX_CHUNK_MS = 200;
  /** The end of the fed chirp that tells a truncated tail from a gap in the middle. */
  static final int TAIL_WINDOW_MS = 30;
  static final double TAIL_TOLERANCE_HZ = 60;

  private AudioInputRules() {}

  static List<ConformanceRule<?>> rules() {
    return List.of(
        rule("AUDIO-IN-MIME").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .title("audio/pcm with a rate the service accepts")
            .matters("The service closes the session (1007) on a non-PCM or malformed MIME type.")
            .requires("Every audio chunk declares audio/pcm, optionally ;rate=N with 8000 <= N <= 48000.")
            .source("sources §4; https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs (raw 16-bit little-endian PCM, rate in the MIME type; bare audio/pcm means 16 kHz)").judgedOnFrames()
            .because("MUST: the service closes the session (1007) on a MIME type it cannot read.")
            .after(CaseStep.AUDIO_SENT)
            .check(AudioInputRules::mime),
        rule("AUDIO-IN-BASE64").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .title("standard base64")
            .matters("The service cannot decode the chunk and closes the session (1007).")
            .requires("Audio data is standard base64 (RFC 4648 section 4 alphabet), decodable as sent.")
            .source("sources §4 (standard base64 with padding, as protobuf JSON maps bytes)")
            .because("MUST: the service cannot decode the chunk and closes the session (1007).")
            .after(CaseStep.AUDIO_SENT)
            .judgedOnFrames()
            .check(r -> envelope(r, "standard base64 in every chunk",
                s -> !s.path("invalidBase64").asBoolean(false), "not decodable as standard base64")),
        rule("AUDIO-IN-EVEN-BYTES").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .title("whole 16-bit samples in every chunk")
            .matters("The service rejects a chunk with a split sample (1007), or every later sample is shifted by a byte and the user is heard as noise.")
            .requires("Every chunk carries an even number of bytes: no sample is split across chunks.")
            .source("sources §4; https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs").judgedOnFrames()
            .because("MUST: a split sample is rejected (1007) or shifts every later sample into noise.")
            .after(CaseStep.AUDIO_SENT)
            .check(r -> envelope(r, "an even byte count in every chunk",
                s -> !s.has("bytes") || s.get("bytes").asInt() % 2 == 0, "odd byte count")),
        rule("AUDIO-IN-BYTE-ORDER").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .title("16-bit little-endian")
            .matters("The model hears loud noise instead of the user's voice.")
            .requires("The samples are 16-bit little-endian: the fed tone and chirp read as a smooth signal in "
                + "little-endian order.")
            .source("sources §4; https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs")
            .because("MUST: the format is fixed (16-bit little-endian); anything else is noise to the model.")
            .after(CaseStep.AUDIO_SENT)
            .check(AudioInputRules::byteOrder),
        rule("AUDIO-IN-RATE").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .title("the declared rate is the real rate")
            .matters("The model hears the user too slow or too fast (pitched down or up): poor recognition, wrong turn timing.")
            .requires("Read at the rate the MIME type declares, the fed 1 kHz tone measures 1 kHz (+-3 %): "
                + "audio from a native rate other than the declared one was resampled, not relabelled.")
            .source("sources §4; https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs")
            .because("MUST: the service believes the declared rate; a wrong one distorts everything the model hears.")
            .after(CaseStep.AUDIO_SENT)
            .check(AudioInputRules::rate),
        rule("AUDIO-IN-CONTINUITY").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .title("no gaps or duplicates")
            .matters("Words are cut out or repeated in what the model hears.")
            .requires("The stream the server receives holds the fed signal's cycles exactly once (+-1.5 %): "
                + "no chunk dropped or repeated in the middle, and the last partial chunk flushed at the end of the "
                + "stream. The verdict says which it saw: a truncated tail or a gap or repeat in the middle.")
            .source("sources §4; issue 5 (check the content, not only the envelope)")
            .because("MUST: what is lost or repeated cannot be recovered by the service; the model mishears the user.")
            .after(CaseStep.AUDIO_ENDED)
            .check(AudioInputRules::continuity),
        rule("AUDIO-IN-CHUNK-DURATION").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .level(Level.SHOULD)
            .title("chunks of a sane duration")
            .matters("Large chunks delay the server's activity detection and barge-in; tiny chunks waste bandwidth and CPU.")
            .requires("Each chunk but the last is " + MIN_CHUNK_MS + "-" + MAX_CHUNK_MS
                + " ms long (LiveKit sends 50 ms), so the server's activity detection sees audio promptly. The "
                + "application hands the client " + TestSignals.APP_BUFFER_MS + " ms buffers, so a client that "
                + "forwards them as they come keeps this rule.")
            .source("sources §4 (LiveKit Python and agents-js re-chunk input to 50 ms)")
            .because("SHOULD: the service accepts chunks of any size; only latency and overhead suffer.")
            .after(CaseStep.AUDIO_SENT)
            .check(AudioInputRules::chunkDuration),
        rule("AUDIO-IN-31-AUDIO-FIELD").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .only(Models.GEMINI_3_1)
            .title("realtimeInput.audio, not mediaChunks, on 3.1")
            .matters("3.1 ignores or rejects the deprecated field: the model hears nothing.")
            .requires("On 3.1 audio travels in realtimeInput.audio; the deprecated mediaChunks is never sent.")
            .source("sources §2.4, 5 and 10 (https://github.com/livekit/agents-js/pull/1186: 3.1 requires audio instead of mediaChunks; 1007 quoted in https://github.com/google/adk-python/issues/5075)")
            .because("MUST: 3.1 closes the session (1007 \"realtime_input.media_chunks is deprecated\", observed).")
            .after(CaseStep.AUDIO_SENT)
            .judgedOnFrames()
            .check(r -> {
              List<Frame> chunks = r.clientFrames("realtimeInput.mediaChunks");
              return Judgement.check(chunks.isEmpty(), "no realtimeInput.mediaChunks",
                  chunks.size() + " mediaChunks message(s)", chunks.stream().limit(3).map(Frame::describe).toList());
            }),
        rule("AUDIO-IN-STREAM-END").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .level(Level.SHOULD)
            .title("audioStreamEnd with automatic activity detection")
            .matters("Without audioStreamEnd the server keeps waiting for audio after the microphone stops (a turn can hang on the last words); activity markers with automatic detection on are invalid.")
            .requires("With automatic activity detection on, the end of the microphone stream is sent as "
                + "realtimeInput.audioStreamEnd after the last audio, and activityStart/activityEnd are never sent.")
            .source("sources §2.4 (BidiGenerateContentRealtimeInput: activityStart/End only with detection disabled, audioStreamEnd only with it on)")
            .because("SHOULD: the API reference says audioStreamEnd indicates the stream ended \"e.g. because the "
                + "microphone was turned off\" and should only be sent with automatic detection "
                + "(https://ai.google.dev/api/live#bidigeneratecontentrealtimeinput); nothing is refused without it, "
                + "and a client that streams continuously never needs it. Judged only when the application ends "
                + "its stream (endAudio); a client with no API for that answers endAudio unsupported.")
            .after(CaseStep.AUDIO_ENDED)
            .needsCommand("endAudio")
            .check(AudioInputRules::streamEnd),
        rule("AUDIO-IN-MANUAL-ACTIVITY").in(Chapter.AUDIO_INPUT, Cases.AUDIO_MANUAL)
            .needs(Capability.AUDIO_INPUT, Capability.MANUAL_ACTIVITY)
            .title("activityStart/End, not audioStreamEnd, with detection off")
            .matters("With detection off the server only knows a turn through activityStart/activityEnd; audioStreamEnd there is invalid.")
            .requires("With automatic activity detection disabled, activityStart precedes the audio, activityEnd "
                + "follows it, and audioStreamEnd is never sent.")
            .source("sources §2.4")
            .because("MUST: with detection off, activityStart/activityEnd are the only way the server learns of a turn.")
            .after(CaseStep.AUDIO_ENDED)
            .check(AudioInputRules::manualActivity),
        rule("AUDIO-IN-PACING").in(Chapter.AUDIO_INPUT, Cases.AUDIO_AUTO).needs(Capability.AUDIO_INPUT)
            .level(Level.INFO)
            .title("how fast audio is sent")
            .matters("Audio sent much faster than real time is fine for files; a live microphone is real time by nature.")
            .requires("Reports how long sending the fed signal took against its duration (real-time pacing is "
                + "the application's or the client's choice; 1.0 is real time).")
            .source("issue 5 (real-time pacing)")
            .because("INFO: both real-time and faster sending are legitimate.")
            .after(CaseStep.AUDIO_SENT)
            .check(r -> {
              double audioMs = TestSignals.TONE_MS + TestSignals.CHIRP_MS;
              return Judgement.measured("send time / audio duration",
                  String.format("%.2f (%.0f ms for %.0f ms of audio)", r.sendAudioMillis() / audioMs,
                      r.sendAudioMillis(), audioMs));
            }));
  }

  /** Every audio blob in the client's frames: realtimeInput.audio and mediaChunks entries. */
  static List<JsonNode> blobs(MicrophoneRecording r, List<String> where) {
    List<JsonNode> out = new ArrayList<>();
    for (Frame f : r.clientFrames("realtimeInput")) {
      JsonNode ri = f.payload("realtimeInput");
      JsonNode audio = Json.field(ri, "audio");
      if (audio != null) {
        out.add(audio);
        where.add(f.describe());
      }
      JsonNode chunks = Json.field(ri, "mediaChunks");
      if (chunks != null) {
        for (JsonNode c : chunks) {
          out.add(c);
          where.add(f.describe());
        }
      }
    }
    return out;
  }

  private static Judgement noAudio(MicrophoneRecording r, String expected) {
    if (r.unexpectedEnd().isPresent()) {
      return Judgement.notReached(expected, r.unexpectedEnd().get());
    }
    if (!r.did(CaseStep.AUDIO_SENT)) {
      return Judgement.notReached(expected, r.whyNotReached(CaseStep.AUDIO_SENT));
    }
    return Judgement.broken(expected, "no audio reached the server", r.timeline());
  }

  private static Judgement mime(MicrophoneRecording r) {
    List<String> where = new ArrayList<>();
    List<JsonNode> blobs = blobs(r, where);
    String expected = "mimeType audio/pcm[;rate=8000..48000] on every chunk";
    if (blobs.isEmpty()) return noAudio(r, expected);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < blobs.size(); i++) {
      JsonNode m = Json.field(blobs.get(i), "mimeType");
      String mime = m == null ? null : m.asText();
      Matcher x = mime == null ? null : PCM_MIME.matcher(mime.trim());
      boolean ok = x != null && x.matches()
          && (x.group(1) == null || (Integer.parseInt(x.group(1)) >= 8000 && Integer.parseInt(x.group(1)) <= 48000));
      if (!ok) bad.add("mimeType \"" + mime + "\" in " + where.get(i));
    }
    return Judgement.check(bad.isEmpty(), expected,
        bad.isEmpty() ? blobs.size() + " chunks, all audio/pcm" : bad.size() + " of " + blobs.size() + " chunks wrong",
        bad.stream().limit(5).toList());
  }

  private static Judgement envelope(MicrophoneRecording r, String expected, java.util.function.Predicate<JsonNode> ok,
      String problem) {
    List<String> where = new ArrayList<>();
    List<JsonNode> blobs = blobs(r, where);
    if (blobs.isEmpty()) return noAudio(r, expected);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < blobs.size(); i++) {
      JsonNode summary = Json.field(blobs.get(i), "data");
      if (summary != null && !ok.test(summary)) bad.add(problem + ": " + where.get(i));
    }
    return Judgement.check(bad.isEmpty(), expected,
        bad.isEmpty() ? blobs.size() + " chunks, all fine" : bad.size() + " of " + blobs.size() + " chunks: " + problem,
        bad.stream().limit(5).toList());
  }

  /** The received stream, in the byte order that reads as a smooth signal. */
  private record Received(short[] samples, int rate, boolean littleEndian, double roughLe, double roughBe) {}

  private static Received received(MicrophoneRecording r) {
    List<byte[]> parts = new ArrayList<>();
    int rate = 0;
    for (AudioInput a : r.receivedChunks()) {
      parts.add(a.pcm());
      if (rate == 0) rate = a.sampleRate();
    }
    byte[] all = Pcm.concat(parts);
    short[] le = Pcm.littleEndian(all);
    short[] be = Pcm.bigEndian(all);
    double rl = Pcm.roughness(le);
    double rb = Pcm.roughness(be);
    boolean little = !(rb < rl);
    return new Received(little ? le : be, rate, little, rl, rb);
  }

  private static Judgement byteOrder(MicrophoneRecording r) {
    String expected = "little-endian samples (smooth when read little-endian)";
    if (r.receivedChunks().isEmpty()) return noAudio(r, expected);
    Received x = received(r);
    boolean ok = x.littleEndian() && x.roughLe() < 0.8;
    return Judgement.check(ok, expected, String.format(
        "roughness read little-endian %.2f, read big-endian %.2f (a smooth signal is below 0.8, noise near 1.1)",
        x.roughLe(), x.roughBe()), List.of());
  }

  private static Judgement rate(MicrophoneRecording r) {
    String expected = String.format("a %.0f Hz tone at the declared rate (+-3 %%)", TestSignals.TONE_HZ);
    if (r.receivedChunks().isEmpty()) return noAudio(r, expected);
    Received x = received(r);
    double hz = Pcm.frequency(x.samples(), x.rate(), 50, TestSignals.TONE_MS - 150);
    boolean ok = Math.abs(hz - TestSignals.TONE_HZ) <= TestSignals.TONE_HZ * 0.03;
    return Judgement.check(ok, expected, String.format("%.0f Hz read at the declared %d Hz (fed at %d Hz)",
        hz, x.rate(), r.fedRate()), List.of());
  }

  private static Judgement continuity(MicrophoneRecording r) {
    if (r.fedSignal() == null || r.receivedChunks().isEmpty()) return noAudio(r, "the fed signal exactly once");
    short[] fed = Pcm.littleEndian(r.fedSignal());
    int want = Pcm.cycles(fed);
    String expected = want + " cycles (+-1.5 %), the fed signal exactly once";
    Received x = received(r);
    int got = Pcm.cycles(x.samples());
    int tolerance = Math.max(3, (int) Math.round(want * 0.015));
    double fedMs = fed.length * 1000.0 / r.fedRate();
    double gotMs = x.samples().length * 1000.0 / Math.max(1, x.rate());
    // The chirp rises to its end: a stream whose last milliseconds sound like the fed signal's
    // last milliseconds kept its tail, so what is missing or extra lies in the middle.
    double fedEnd = Pcm.endFrequency(fed, r.fedRate(), TAIL_WINDOW_MS);
    double gotEnd = Pcm.endFrequency(x.samples(), Math.max(1, x.rate()), TAIL_WINDOW_MS);
    boolean tailKept = Math.abs(fedEnd - gotEnd) <= TAIL_TOLERANCE_HZ;
    String where;
    if (Math.abs(got - want) <= tolerance) {
      where = "";
    } else if (got < want && !tailKept) {
      where = String.format("; the tail is missing: the stream ends at %.0f Hz instead of %.0f Hz, about %.0f ms "
          + "short (the last partial chunk was not flushed at the end of the stream)", gotEnd, fedEnd, fedMs - gotMs);
    } else if (got < want) {
      where = String.format("; about %.0f ms missing in the middle (a chunk dropped; the tail arrived)", fedMs - gotMs);
    } else {
      where = String.format("; about %.0f ms extra in the middle (a chunk repeated)", gotMs - fedMs);
    }
    return Judgement.check(Math.abs(got - want) <= tolerance, expected,
        String.format("%d cycles in %d chunks (%.1f ms at the declared %d Hz, %.1f ms fed)%s", got,
            r.receivedChunks().size(), gotMs, x.rate(), fedMs, where),
        List.of());
  }

  private static Judgement chunkDuration(MicrophoneRecording r) {
    String expected = "every chunk but the last " + MIN_CHUNK_MS + "-" + MAX_CHUNK_MS + " ms";
    List<AudioInput> chunks = r.receivedChunks();
    if (chunks.isEmpty()) return noAudio(r, expected);
    List<String> bad = new ArrayList<>();
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < chunks.size(); i++) {
      double ms = chunks.get(i).durationMillis();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
      boolean last = i == chunks.size() - 1;
      if (ms > MAX_CHUNK_MS || (!last && ms < MIN_CHUNK_MS)) {
        bad.add(String.format("chunk %d: %.1f ms", i + 1, ms));
      }
    }
    return Judgement.check(bad.isEmpty(), expected,
        String.format("%d chunks, %.1f-%.1f ms", chunks.size(), min, max), bad.stream().limit(5).toList());
  }

  private static Judgement streamEnd(MicrophoneRecording r) {
    String expected = "audioStreamEnd after the last audio chunk; no activityStart/activityEnd";
    List<Frame> frames = r.clientFrames("realtimeInput");
    int lastAudio = -1;
    int end = -1;
    List<String> evidence = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      String k = frames.get(i).kind();
      if (k.equals("realtimeInput.audio") || k.equals("realtimeInput.mediaChunks")) lastAudio = i;
      if (k.equals("realtimeInput.audioStreamEnd") && end < 0) end = i;
      if (k.equals("realtimeInput.activityStart") || k.equals("realtimeInput.activityEnd")) {
        evidence.add(frames.get(i).describe());
      }
    }
    boolean ok = end > lastAudio && evidence.isEmpty();
    String actual = end < 0 ? "no audioStreamEnd" : end < lastAudio ? "audioStreamEnd before the last audio" : "audioStreamEnd after the audio";
    if (!evidence.isEmpty()) actual += "; activity markers sent with automatic detection on";
    return Judgement.check(ok, expected, actual, evidence);
  }

  private static Judgement manualActivity(MicrophoneRecording r) {
    String expected = "activityStart, audio, activityEnd; no audioStreamEnd";
    List<Frame> frames = r.clientFrames("realtimeInput");
    int start = -1;
    int end = -1;
    int firstAudio = -1;
    int lastAudio = -1;
    List<String> evidence = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      String k = frames.get(i).kind();
      if (k.equals("realtimeInput.activityStart") && start < 0) start = i;
      if (k.equals("realtimeInput.activityEnd")) end = i;
      if (k.equals("realtimeInput.audio") || k.equals("realtimeInput.mediaChunks")) {
        if (firstAudio < 0) firstAudio = i;
        lastAudio = i;
      }
      if (k.equals("realtimeInput.audioStreamEnd")) evidence.add(frames.get(i).describe());
    }
    boolean order = start >= 0 && firstAudio > start && end > lastAudio;
    String actual = (start < 0 ? "no activityStart" : "activityStart") + ", " + (firstAudio < 0 ? "no audio" : "audio")
        + ", " + (end < 0 ? "no activityEnd" : "activityEnd") + (order ? " in order" : " out of order")
        + (evidence.isEmpty() ? "" : "; audioStreamEnd sent with detection off");
    return Judgement.check(order && evidence.isEmpty(), expected, actual, evidence);
  }
}
