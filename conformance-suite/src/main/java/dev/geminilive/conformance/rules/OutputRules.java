package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.TestSignals;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.EventText;
import dev.geminilive.conformance.recording.InterruptRecording;
import dev.geminilive.conformance.recording.ReplyRecording;
import dev.geminilive.conformance.recording.TimedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** Chapters 3 and 4: what the client hands its application from the server's stream. */
final class OutputRules {
  /** How far playback may run on after interrupted: an output device's own buffer. */
  static final int BARGE_IN_LATENCY_MS = 200;

  private OutputRules() {}

  static List<ConformanceRule<?>> rules() {
    return List.of(
        rule("AUDIO-OUT-RATE").in(Chapter.AUDIO_OUTPUT, Cases.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .title("model audio surfaced at 24 kHz")
            .matters("Played at the wrong rate, the model's voice sounds too slow and low or too fast and high.")
            .requires("Every model audio chunk reaches the application labelled with the rate the server sent "
                + "(24000 Hz).")
            .source("sources §4; https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs (output: 16-bit PCM, 24 kHz, mono)")
            .because("MUST: an application that plays audio at the labelled rate distorts every reply.")
            .after(CaseStep.REPLY_PLAYED)
            .check(OutputRules::outRate),
        rule("AUDIO-OUT-INTEGRITY").in(Chapter.AUDIO_OUTPUT, Cases.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .title("no drop, duplicate or reorder across chunks")
            .matters("The user hears clicks, skipped or repeated syllables.")
            .requires("The audio the application receives, concatenated, is byte for byte the PCM the server "
                + "sent across its chunks of uneven size.")
            .source("issue 5 (the mock plays a known signal in chunks of uneven size)")
            .because("MUST: lost or repeated audio cannot be recovered by the application.")
            .after(CaseStep.REPLY_PLAYED)
            .check(OutputRules::integrity),
        rule("AUDIO-OUT-INTERRUPTED").in(Chapter.AUDIO_OUTPUT, Cases.INTERRUPT).needs(Capability.AUDIO_OUTPUT)
            .title("interrupted surfaced")
            .matters("The application cannot tell that the user barged in: it cannot stop its playback, and the "
                + "model seems to talk over the user.")
            .requires("serverContent.interrupted reaches the application as an interrupted event, after the audio "
                + "that came before it.")
            .source("sources §3.3 (python-genai LiveServerContent: on barge-in interrupted, then turnComplete, no "
                + "generationComplete; livekit/agents realtime_api.py _recv_task: interrupted also after turnComplete "
                + "while audio is still playing)")
            .because("MUST: it is the only signal of a barge-in; without it no application can stop playback.")
            .after(CaseStep.INTERRUPTED_SENT)
            .check(OutputRules::interrupted),
        rule("AUDIO-OUT-BARGE-IN").in(Chapter.AUDIO_OUTPUT, Cases.INTERRUPT)
            .needs(Capability.AUDIO_OUTPUT, Capability.PLAYBACK)
            .title("buffered audio discarded on interrupted")
            .matters("When the user barges in, the model keeps talking over them with the rest of the old answer, "
                + "already buffered for playback.")
            .requires("On interrupted the client stops playing: the audio it had buffered but not yet played is "
                + "discarded, so playback advances by at most " + BARGE_IN_LATENCY_MS + " ms (an output device's "
                + "latency) after it surfaced interrupted.")
            .source("sources §3.3 (the service streams a turn faster than real time and sends nothing of an "
                + "interrupted turn after interrupted; the duty left is the client's playback buffer: livekit/agents "
                + "realtime_api.py clears its audio output on interrupted)")
            .because("MUST: the service has stopped the turn and listens to the user; playing the rest of it talks "
                + "over them. Judged only for drivers that report playback (PLAYBACK), since only a client that owns "
                + "the audio output can keep it.")
            .after(CaseStep.INTERRUPTED_SENT)
            .check(OutputRules::bargeIn),
        rule("TURN-COMPLETE-SURFACED").in(Chapter.TURNS, Cases.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .title("turnComplete surfaced once, after the turn's audio")
            .matters("The application cannot tell when the model finished: no 'your turn' cue, loops that wait forever.")
            .requires("turnComplete reaches the application exactly once per turn, after the last audio of it.")
            .source("sources §3.3 (modelTurn chunks, generationComplete, turnComplete)")
            .because("MUST: it is the only end-of-turn signal (the Python SDK's receive loop ends on it).")
            .after(CaseStep.REPLY_PLAYED)
            .check(OutputRules::turnComplete),
        rule("TRANSCRIPTION-SURFACED").in(Chapter.TURNS, Cases.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .level(Level.SHOULD)
            .title("transcriptions surfaced whole and in order")
            .matters("Captions and logs are missing or garbled.")
            .requires("Input and output transcriptions, when requested, reach the application; their pieces "
                + "concatenate to exactly the server's text.")
            .source("sources §3.3 (inputTranscription, outputTranscription)")
            .because("SHOULD: transcriptions are optional output; the conversation itself goes on without them.")
            .after(CaseStep.REPLY_PLAYED)
            .check(OutputRules::transcription));
  }

  private static Judgement outRate(ReplyRecording r) {
    List<DriverEvent.Audio> audio = r.surfacedAudio();
    String expected = "every audio event at " + TestSignals.OUTPUT_RATE + " Hz";
    if (audio.isEmpty()) return Judgement.broken(expected, "no audio surfaced", r.timeline());
    List<String> rates = audio.stream().map(a -> String.valueOf(a.sampleRate())).distinct().toList();
    boolean ok = rates.equals(List.of(String.valueOf(TestSignals.OUTPUT_RATE)));
    return Judgement.check(ok, expected, audio.size() + " audio events at " + String.join(", ", rates) + " Hz", List.of());
  }

  static String crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return String.format("%08x", c.getValue());
  }

  private static Judgement integrity(ReplyRecording r) {
    List<DriverEvent.Audio> audio = r.surfacedAudio();
    byte[] got = Pcm.concat(audio.stream().map(DriverEvent.Audio::pcm).toList());
    byte[] want = r.sentAudio();
    if (want == null) {
      return Judgement.broken("the reply's audio", "no reply was played: connect " + (r.connectError() == null
          ? "succeeded" : "failed: " + r.connectError()) + "; " + r.driverErrors(), r.timeline());
    }
    String expected = want.length + " bytes, crc32 " + crc(want);
    if (Arrays.equals(got, want)) {
      return Judgement.kept(expected, got.length + " bytes in " + audio.size() + " events, crc32 " + crc(got));
    }
    int at = Arrays.mismatch(got, want);
    return Judgement.broken(expected, got.length + " bytes in " + audio.size() + " events, crc32 " + crc(got)
        + "; first difference at byte " + at
        + String.format(" (%.1f ms into the reply)", at / 2.0 * 1000 / TestSignals.OUTPUT_RATE), List.of());
  }

  private static Judgement interrupted(InterruptRecording r) {
    String expected = "an interrupted event";
    List<TimedEvent> ev = r.events();
    for (int i = 0; i < ev.size(); i++) {
      if (ev.get(i).event() instanceof DriverEvent.Interrupted) {
        long audioBefore = ev.subList(0, i).stream().filter(t -> t.event() instanceof DriverEvent.Audio).count();
        return Judgement.kept(expected, String.format("interrupted surfaced at %.1f ms, after %d audio event(s)",
            ev.get(i).millis(), audioBefore));
      }
    }
    return Judgement.broken(expected, "interrupted never reached the application", r.timeline());
  }

  private static Judgement bargeIn(InterruptRecording r) {
    long grace = (long) TestSignals.OUTPUT_RATE * 2 * BARGE_IN_LATENCY_MS / 1000;
    String expected = "playback advances at most " + BARGE_IN_LATENCY_MS + " ms after interrupted";
    List<TimedEvent> played = r.playback();
    if (played.isEmpty()) {
      return Judgement.broken(expected, "the driver declares PLAYBACK but reported no played event", r.timeline());
    }
    // From when the client surfaced interrupted; if it never did, from when the server sent it.
    double from = Double.isNaN(r.interruptedSurfacedAt()) ? r.at(CaseStep.INTERRUPTED_SENT) : r.interruptedSurfacedAt();
    long atInterrupt = 0;
    long last = 0;
    for (TimedEvent t : played) {
      long b = ((DriverEvent.Played) t.event()).bytes();
      if (t.millis() <= from) atInterrupt = Math.max(atInterrupt, b);
      last = Math.max(last, b);
    }
    long after = last - atInterrupt;
    int total = r.sentAudio() == null ? 0 : r.sentAudio().length;
    double perMs = TestSignals.OUTPUT_RATE * 2 / 1000.0;
    return Judgement.check(after <= grace, expected, String.format(
        "%.0f ms of the %.0f ms reply played when interrupted surfaced, %.0f ms more after it%s",
        atInterrupt / perMs, total / perMs, after / perMs,
        after <= grace ? "" : " (the buffered rest of the interrupted turn was played)"),
        after <= grace ? List.of() : played.stream().filter(t -> t.millis() > from).limit(5)
            .map(t -> String.format("%.1f ms %s", t.millis(), EventText.describe(t.event()))).toList());
  }

  private static Judgement turnComplete(ReplyRecording r) {
    List<TimedEvent> ev = r.events();
    int count = 0;
    int firstTc = -1;
    int lastAudio = -1;
    for (int i = 0; i < ev.size(); i++) {
      if (ev.get(i).event() instanceof DriverEvent.TurnComplete) {
        count++;
        if (firstTc < 0) firstTc = i;
      }
      if (ev.get(i).event() instanceof DriverEvent.Audio) lastAudio = i;
    }
    boolean ok = count == 1 && firstTc > lastAudio;
    return Judgement.check(ok, "one turnComplete, after the last audio",
        count + " turnComplete event(s)" + (count > 0 && firstTc < lastAudio ? ", audio after it" : ""),
        ok ? List.of() : r.timeline());
  }

  private static Judgement transcription(ReplyRecording r) {
    String in = r.inputTranscript();
    String out = r.outputTranscript();
    String wantOut = String.join("", TestSignals.OUTPUT_TRANSCRIPT);
    boolean ok = in.equals(TestSignals.INPUT_TRANSCRIPT) && out.equals(wantOut);
    return Judgement.check(ok, "input \"" + TestSignals.INPUT_TRANSCRIPT + "\", output \"" + wantOut + "\"",
        "input \"" + in + "\", output \"" + out + "\"", List.of());
  }
}
