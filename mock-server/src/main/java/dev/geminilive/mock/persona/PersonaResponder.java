package dev.geminilive.mock.persona;

import dev.geminilive.mock.audio.SpeechTurnDetector;
import dev.geminilive.mock.protocol.ClientContent;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.session.AudioInput;
import dev.geminilive.mock.session.PacedPlayback;
import dev.geminilive.mock.session.Responder;
import dev.geminilive.mock.session.SessionControl;

/**
 * The default persona: answers every user turn with a short spoken (or, where the model allows,
 * written) reply, so that {@code serve} is useful with no scenario at all.
 *
 * <p>A user turn ends on {@code activityEnd}, {@code audioStreamEnd}, {@code realtimeInput.text},
 * {@code clientContent} with {@code turnComplete}, or, under automatic activity detection, when
 * speech in the audio is followed by the configured silence. User speech (or
 * {@code activityStart}) while the persona talks interrupts it unless setup said
 * {@code NO_INTERRUPTION}.
 */
public final class PersonaResponder implements Responder {
  private SpeechTurnDetector detector;
  private PacedPlayback speaking;
  private double heardMillis;
  private boolean firstTurn = true;
  private boolean queuedTurn;
  private String queuedText;

  @Override
  public void start(SessionControl control) {
    detector = new SpeechTurnDetector(
        control.setup().silenceDurationMs(control.settings().defaultSilenceMs()));
  }

  @Override
  public void onMessage(ClientMessage message, AudioInput audio, SessionControl control) {
    if (message instanceof ClientContent content) {
      if (content.isTurnComplete()) {
        endUserTurn(content.lastUserText(), control);
      }
    } else if (message instanceof RealtimeInput input) {
      onRealtimeInput(input, audio, control);
    }
    // toolResponse and contextUpdate need no answer from a persona without tools.
  }

  private void onRealtimeInput(RealtimeInput input, AudioInput audio, SessionControl control) {
    Setup setup = control.setup();
    switch (input.field()) {
      case "audio" -> {
        heardMillis += audio.durationMillis();
        if (setup.automaticActivityDetection()) {
          switch (detector.feed(audio.pcm(), audio.sampleRate())) {
            case SPEECH_STARTED -> bargeIn(control);
            case TURN_ENDED -> endUserTurn(null, control);
            case NONE -> { }
          }
        }
      }
      case "mediaChunks" -> { }
      case "activityStart" -> bargeIn(control);
      case "activityEnd" -> endUserTurn(null, control);
      case "audioStreamEnd" -> {
        // The stream paused: flush a turn whose speech has not yet been followed by silence.
        // Silence alone since the last turn is not a turn.
        if (detector.inSpeech() || (!setup.automaticActivityDetection() && heardMillis > 0)) {
          detector.reset();
          endUserTurn(null, control);
        }
      }
      case "text" -> endUserTurn(input.text(), control);
      default -> { }
    }
  }

  private boolean speaking() {
    return speaking != null && !speaking.finished();
  }

  private void bargeIn(SessionControl control) {
    if (!speaking() || !control.setup().interruptsOnActivity()) {
      return;
    }
    speaking.cancel();
    speaking = null;
    control.note("barge-in", "user activity interrupted the reply");
    control.send(ServerMessage.content(ServerContent.interruption()));
    control.send(ServerMessage.content(ServerContent.endOfTurn()));
  }

  private void endUserTurn(String userText, SessionControl control) {
    if (speaking()) {
      if (!control.setup().interruptsOnActivity()) {
        // NO_INTERRUPTION: the new turn waits for the reply in progress to finish.
        queuedText = userText;
        queuedTurn = true;
        return;
      }
      bargeIn(control); // a new turn interrupts the unfinished reply, visibly
    }
    Setup setup = control.setup();
    PersonaReply.Turn turn = new PersonaReply.Turn(
        userText,
        heardMillis,
        setup.responseModalities().contains("AUDIO"),
        setup.inputAudioTranscription() != null,
        setup.outputAudioTranscription() != null,
        control.profile().multiPartMessages(),
        firstTurn && control.profile().usageBeforeFirstModelTurn(),
        control.connection().flavour());
    firstTurn = false;
    heardMillis = 0;
    speaking = new PacedPlayback(PersonaReply.build(turn), control, () -> afterReply(control));
    speaking.start();
  }

  private void afterReply(SessionControl control) {
    if (queuedTurn) {
      queuedTurn = false;
      String text = queuedText;
      queuedText = null;
      endUserTurn(text, control);
    }
  }

  @Override
  public void stop() {
    if (speaking != null) {
      speaking.cancel();
    }
  }
}
