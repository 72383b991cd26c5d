package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** Chapters 3 and 4: what the client hands its application from the server's stream. */
final class OutputRules {
  private OutputRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("AUDIO-OUT-RATE").in(Chapter.AUDIO_OUTPUT, Scenario.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .title("model audio surfaced at 24 kHz")
            .matters("Played at the wrong rate, the model's voice sounds too slow and low or too fast and high.")
            .requires("Every model audio chunk reaches the application labelled with the rate the server sent "
                + "(24000 Hz).")
            .source("fact sheet 4; https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs (output: 16-bit PCM, 24 kHz, mono)")
            .check(OutputRules::outRate),
        rule("AUDIO-OUT-INTEGRITY").in(Chapter.AUDIO_OUTPUT, Scenario.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .title("no drop, duplicate or reorder across chunks")
            .matters("The user hears clicks, skipped or repeated syllables.")
            .requires("The audio the application receives, concatenated, is byte for byte the PCM the server "
                + "sent across its chunks of uneven size.")
            .source("issue 5 (the mock plays a known signal in chunks of uneven size)")
            .check(OutputRules::integrity),
        rule("AUDIO-OUT-INTERRUPTED").in(Chapter.AUDIO_OUTPUT, Scenario.INTERRUPT).needs(Capability.AUDIO_OUTPUT)
            .title("interrupted surfaced, the rest of the turn dropped")
            .matters("When the user barges in, the model keeps talking over them with the rest of the old answer.")
            .requires("serverContent.interrupted reaches the application, and no audio of the interrupted turn is "
                + "handed on after it (until turnComplete).")
            .source("fact sheet 3.3 (barge-in: interrupted, then turnComplete, no generationComplete)")
            .check(OutputRules::interrupted),
        rule("TURN-COMPLETE-SURFACED").in(Chapter.TURNS, Scenario.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .title("turnComplete surfaced once, after the turn's audio")
            .matters("The application cannot tell when the model finished: no 'your turn' cue, loops that wait forever.")
            .requires("turnComplete reaches the application exactly once per turn, after the last audio of it.")
            .source("fact sheet 3.3 (modelTurn chunks, generationComplete, turnComplete)")
            .check(OutputRules::turnComplete),
        rule("TRANSCRIPTION-SURFACED").in(Chapter.TURNS, Scenario.TEXT_TURN).needs(Capability.AUDIO_OUTPUT)
            .level(Level.SHOULD)
            .title("transcriptions surfaced whole and in order")
            .matters("Captions and logs are missing or garbled.")
            .requires("Input and output transcriptions, when requested, reach the application; their pieces "
                + "concatenate to exactly the server's text.")
            .source("fact sheet 3.3 (inputTranscription, outputTranscription)")
            .check(OutputRules::transcription));
  }

  private static Finding outRate(Recording r) {
    List<DriverEvent.Audio> audio = r.events(DriverEvent.Audio.class);
    String expected = "every audio event at " + TestSignals.OUTPUT_RATE + " Hz";
    if (audio.isEmpty()) return Finding.broken(expected, "no audio surfaced", r.timeline());
    List<String> rates = audio.stream().map(a -> String.valueOf(a.sampleRate())).distinct().toList();
    boolean ok = rates.equals(List.of(String.valueOf(TestSignals.OUTPUT_RATE)));
    return Finding.check(ok, expected, audio.size() + " audio events at " + String.join(", ", rates) + " Hz", List.of());
  }

  static String crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return String.format("%08x", c.getValue());
  }

  private static Finding integrity(Recording r) {
    List<DriverEvent.Audio> audio = r.events(DriverEvent.Audio.class);
    byte[] got = Pcm.concat(audio.stream().map(DriverEvent.Audio::pcm).toList());
    byte[] want = r.playedPcm();
    if (want == null) {
      return Finding.broken("the reply's audio", "no reply was played: connect " + (r.connectError() == null
          ? "succeeded" : "failed: " + r.connectError()) + "; " + r.driverErrors(), r.timeline());
    }
    String expected = want.length + " bytes, crc32 " + crc(want);
    if (Arrays.equals(got, want)) {
      return Finding.kept(expected, got.length + " bytes in " + audio.size() + " events, crc32 " + crc(got));
    }
    int at = Arrays.mismatch(got, want);
    return Finding.broken(expected, got.length + " bytes in " + audio.size() + " events, crc32 " + crc(got)
        + "; first difference at byte " + at
        + String.format(" (%.1f ms into the reply)", at / 2.0 * 1000 / TestSignals.OUTPUT_RATE), List.of());
  }

  private static Finding interrupted(Recording r) {
    String expected = "an interrupted event, then no audio until turnComplete";
    if (!r.did("reply-played")) return Finding.notJudged(expected, "the reply was not played");
    int interruptedAt = -1;
    int staleAudio = 0;
    List<String> evidence = new ArrayList<>();
    List<TimedEvent> ev = r.events();
    for (int i = 0; i < ev.size(); i++) {
      DriverEvent e = ev.get(i).event();
      if (e instanceof DriverEvent.Interrupted && interruptedAt < 0) interruptedAt = i;
      if (e instanceof DriverEvent.TurnComplete && interruptedAt >= 0) break;
      if (e instanceof DriverEvent.Audio a && interruptedAt >= 0) {
        staleAudio += a.pcm().length;
        evidence.add(String.format("%.1f ms %s", ev.get(i).millis(), EventText.describe(a)));
      }
    }
    if (interruptedAt < 0) {
      return Finding.broken(expected, "interrupted never reached the application", r.timeline());
    }
    return Finding.check(staleAudio == 0, expected,
        staleAudio == 0 ? "interrupted surfaced; nothing of the stale audio handed on"
            : staleAudio + " bytes of the interrupted turn handed on after interrupted", evidence);
  }

  private static Finding turnComplete(Recording r) {
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
    return Finding.check(ok, "one turnComplete, after the last audio",
        count + " turnComplete event(s)" + (count > 0 && firstTc < lastAudio ? ", audio after it" : ""),
        ok ? List.of() : r.timeline());
  }

  private static Finding transcription(Recording r) {
    String in = String.join("", r.events(DriverEvent.InputTranscript.class).stream().map(DriverEvent.InputTranscript::text).toList());
    String out = String.join("", r.events(DriverEvent.OutputTranscript.class).stream().map(DriverEvent.OutputTranscript::text).toList());
    String wantOut = String.join("", TestSignals.OUTPUT_TRANSCRIPT);
    boolean ok = in.equals(TestSignals.INPUT_TRANSCRIPT) && out.equals(wantOut);
    return Finding.check(ok, "input \"" + TestSignals.INPUT_TRANSCRIPT + "\", output \"" + wantOut + "\"",
        "input \"" + in + "\", output \"" + out + "\"", List.of());
  }
}
