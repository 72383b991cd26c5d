package dev.geminilive.mock.drift;

import dev.geminilive.mock.drift.Probe.AwaitTurn;
import dev.geminilive.mock.drift.Probe.Listen;
import dev.geminilive.mock.drift.Probe.Send;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The bounded set of probes: one per behaviour the profiles assert, each a session of a few
 * seconds. goAway timing is not probed: the first goAway comes minutes into a session, which is
 * not cheap.
 */
final class Probes {
  private static final String TEXT_TURN = "{\"realtimeInput\":{\"text\":\"Say hello in three words.\"}}";

  private Probes() {}

  static List<Probe> all() {
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe("audio-reply", "a typed turn gets a spoken reply (baseline)",
        audio(), List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("text-modality", "responseModalities [TEXT] is accepted or refused",
        "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}", List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("thinking-budget", "thinkingConfig.thinkingBudget is accepted or refused",
        "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],\"thinkingConfig\":{\"thinkingBudget\":512}}",
        List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("thinking-level", "thinkingConfig.thinkingLevel is accepted or refused",
        "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],\"thinkingConfig\":{\"thinkingLevel\":\"LOW\"}}",
        List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("affective-dialog", "enableAffectiveDialog is accepted, refused or left unanswered",
        "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],\"enableAffectiveDialog\":true}",
        List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("proactivity", "proactivity.proactiveAudio is accepted, refused or left unanswered",
        audio() + ",\"proactivity\":{\"proactiveAudio\":true}", List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("client-content-mid-session", "clientContent after the first turn",
        audio(), List.of(new Send(TEXT_TURN), new AwaitTurn(),
            new Send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"And in French?\"}]}],"
                + "\"turnComplete\":true}}"), new AwaitTurn()), 0));
    probes.add(new Probe("initial-history", "clientContent as initial history (historyConfig)",
        audio() + ",\"historyConfig\":{\"initialHistoryInClientContent\":true}",
        List.of(new Send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"My name is Ada.\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello Ada.\"}]}],\"turnComplete\":false}}"),
            new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("non-blocking-function", "a NON_BLOCKING function declaration, and whether it is called",
        audio() + ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_time\",\"description\":\"Current time.\","
            + "\"behavior\":\"NON_BLOCKING\"}]}]",
        List.of(new Send("{\"realtimeInput\":{\"text\":\"Call get_time now, then tell me the time.\"}}"),
            new AwaitTurn()), 0));
    probes.add(new Probe("media-chunks", "audio in the deprecated realtimeInput.mediaChunks",
        audio(), List.of(new Send(mediaChunks(1000, true)), new Send(mediaChunks(600, false)), new AwaitTurn()), 1600));
    probes.add(new Probe("unknown-field", "an unknown field in setup",
        audio() + ",\"noSuchField\":1", List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("unknown-enum", "an unknown enum value (responseModalities)",
        "\"generationConfig\":{\"responseModalities\":[\"SMELL\"]}", List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    probes.add(new Probe("resumption-handle", "sessionResumption {} brings sessionResumptionUpdate with a handle",
        audio() + ",\"sessionResumption\":{}", List.of(new Send(TEXT_TURN), new AwaitTurn(), new Listen(1500)), 0));
    probes.add(new Probe("resumption-null-handle", "sessionResumption {handle: null}",
        audio() + ",\"sessionResumption\":{\"handle\":null}", List.of(new Send(TEXT_TURN), new AwaitTurn()), 0));
    return probes;
  }

  private static String audio() {
    return "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]}";
  }

  /** One mediaChunks message: a 440 Hz tone (speech) or silence, 16 kHz. */
  private static String mediaChunks(int millis, boolean tone) {
    int samples = 16 * millis;
    byte[] pcm = new byte[samples * 2];
    if (tone) {
      for (int i = 0; i < samples; i++) {
        short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        pcm[2 * i] = (byte) s;
        pcm[2 * i + 1] = (byte) (s >> 8);
      }
    }
    return "{\"realtimeInput\":{\"mediaChunks\":[{\"data\":\"" + Base64.getEncoder().encodeToString(pcm)
        + "\",\"mimeType\":\"audio/pcm;rate=16000\"}]}}";
  }
}
