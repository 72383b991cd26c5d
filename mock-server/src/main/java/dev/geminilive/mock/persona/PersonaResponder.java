package dev.geminilive.mock.persona;

import dev.geminilive.mock.audio.PersonaVoice;
import dev.geminilive.mock.audio.SpeechTurnDetector;
import dev.geminilive.mock.protocol.ClientContent;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.protocol.ToolResponse;
import dev.geminilive.mock.protocol.ToolResponse.FunctionResponse;
import dev.geminilive.mock.session.AudioInput;
import dev.geminilive.mock.session.PacedPlayback;
import dev.geminilive.mock.session.Responder;
import dev.geminilive.mock.session.SessionControl;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.timing.EndOfSpeech;
import dev.geminilive.mock.timing.ReplyPlan;
import dev.geminilive.mock.timing.ReplyPlan.Trigger;
import dev.geminilive.mock.timing.TimingSampler;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * The default persona: answers every user turn with a short spoken (or, where the model allows,
 * written) reply, so that {@code serve} is useful with no scenario at all.
 *
 * <p>A user turn ends on {@code activityEnd}, {@code audioStreamEnd}, {@code realtimeInput.text},
 * {@code clientContent} with {@code turnComplete}, or, under automatic activity detection, when
 * speech in the audio is followed by the configured silence. User speech (or
 * {@code activityStart}) while the persona talks interrupts it unless setup said
 * {@code NO_INTERRUPTION}.
 *
 * <p>Tools: when a text turn contains the name of a declared function, the persona calls it
 * first. A blocking call holds the reply until the {@code toolResponse}; a {@code NON_BLOCKING}
 * call (where the profile honours it) lets the persona answer at once, and the result is then
 * spoken per its {@code scheduling}: {@code INTERRUPT} cuts the current reply, {@code WHEN_IDLE}
 * (the default) waits for it to finish, {@code SILENT} says nothing. A barge-in while calls are
 * outstanding cancels them with {@code toolCallCancellation}.
 *
 * <p>The profile adapts this to the family: a declaration without {@code behavior} gets the
 * family's default; where {@code scheduling} is ignored a result waits for the model to be idle;
 * where the family drops calls on a barge-in (3.8) no cancellation is sent and the call is issued
 * again under a new id; where {@code interactionStatus} is sent every {@code turnComplete} says
 * whether background work remains. Initial history ({@code historyConfig}) is filed without a
 * reply, and a {@code clientContent} with no turns and {@code turnComplete} lets the model speak
 * first.
 */
public final class PersonaResponder implements Responder {
  private SpeechTurnDetector detector;
  private PacedPlayback speaking;
  private double heardMillis;
  private boolean firstTurn = true;
  private boolean queuedTurn;
  private String queuedText;
  private Trigger queuedTrigger = Trigger.USER_TURN;
  private final PersonaTools tools = new PersonaTools();
  private final Queue<String> whenIdle = new ArrayDeque<>();
  /** Initial history may still arrive: setup asked for it and nothing was said yet. */
  private boolean historyOpen;
  /** The last turnComplete said IN_PROGRESS and no IDLE has followed yet. */
  private boolean inProgressAnnounced;
  /** This session's timing draws (realistic mode); seeded, so a seed replays the same schedule. */
  private TimingSampler sampler;

  @Override
  public void start(SessionControl control) {
    SessionSettings settings = control.settings();
    sampler = settings.sampler(control.connection() == null ? "" : control.connection().sessionId());
    int silenceMs = EndOfSpeech.silenceMs(control.setup(), settings.timing(),
        control.profile().timing(), sampler, settings.defaultSilenceMs());
    detector = new SpeechTurnDetector(silenceMs);
    if (settings.realistic()) {
      control.note("timing", "realistic timing, --timing-seed " + settings.timingSeed()
          + " (this session's draws: " + sampler.seed() + "), end of speech after " + silenceMs
          + " ms of silence");
    }
    // A resumed session's first model turn was long ago: no usage-first message again.
    firstTurn = control.setup().sessionResumption() == null
        || control.setup().sessionResumption().handle() == null
        || !control.setup().sessionResumption().handle().isTextual();
    historyOpen = firstTurn && control.profile().clientContent().historyConfigHonoured()
        && control.setup().historyConfig() != null
        && Boolean.TRUE.equals(control.setup().historyConfig().initialHistoryInClientContent());
  }

  @Override
  public void onMessage(ClientMessage message, AudioInput audio, SessionControl control) {
    if (message instanceof ClientContent content) {
      if (historyOpen) {
        // Initial history is filed, not answered; the user's first real turn is (historyConfig).
        if (content.isTurnComplete()) {
          historyOpen = false;
          control.note("persona-history", "initial history complete; no reply");
        }
        return;
      }
      if (content.isTurnComplete()) {
        String text = content.lastUserText();
        // No turns at all: the model speaks first (3.8 measured; a greeting).
        clientTurn(text == null || text.isEmpty() ? null : text, control);
      }
    } else if (message instanceof RealtimeInput input) {
      historyOpen = false;
      onRealtimeInput(input, audio, control);
    } else if (message instanceof ToolResponse response) {
      onToolResponse(response, control);
    }
    // contextUpdate needs no answer from the persona.
  }

  private void onRealtimeInput(RealtimeInput input, AudioInput audio, SessionControl control) {
    Setup setup = control.setup();
    switch (input.field()) {
      case "audio", "mediaChunks" -> {
        if (audio == null) {
          return; // mediaChunks carrying only video
        }
        heardMillis += audio.durationMillis();
        if (setup.automaticActivityDetection()) {
          switch (detector.feed(audio.pcm(), audio.sampleRate())) {
            case SPEECH_STARTED -> {
              control.note("vad", "speech started");
              bargeIn(control);
            }
            case TURN_ENDED -> {
              control.note("vad", "speech ended: end of turn");
              endUserTurn(null, control);
            }
            case NONE -> { }
          }
        }
      }
      case "activityStart" -> bargeIn(control);
      case "activityEnd" -> endUserTurn(null, control);
      case "audioStreamEnd" -> {
        // The stream paused: flush a turn whose speech has not yet been followed by silence.
        // Silence alone since the last turn is not a turn.
        if (detector.inSpeech() || (!setup.automaticActivityDetection() && heardMillis > 0)) {
          if (detector.inSpeech()) {
            control.note("vad", "speech ended: audioStreamEnd");
          }
          detector.reset();
          endUserTurn(null, control);
        }
      }
      case "text" -> userText(input.text(), Trigger.USER_TURN, control);
      default -> { }
    }
  }

  /** A {@code clientContent} turn; where the family says so it cuts any output in progress. */
  private void clientTurn(String text, SessionControl control) {
    if (control.profile().clientContent().turnCompleteInterrupts() && isSpeaking()) {
      whenIdle.clear();
      interruptReply(control);
    }
    userText(text, Trigger.CLIENT_CONTENT, control);
  }

  private void userText(String text, Trigger trigger, SessionControl control) {
    Optional<Setup.FunctionDeclaration> f = PersonaTools.named(control.setup(), text);
    if (f.isPresent()) {
      PersonaTools.Pending call = tools.call(f.get(), control);
      if (!call.nonBlocking()) {
        heardMillis = 0;
        return; // the model waits for the tool response before it continues
      }
    }
    endUserTurn(text, trigger, control);
  }

  private void onToolResponse(ToolResponse response, SessionControl control) {
    if (response.functionResponses() == null) {
      return;
    }
    for (FunctionResponse r : response.functionResponses()) {
      Optional<PersonaTools.Pending> answered = tools.answer(r);
      if (answered.isEmpty()) {
        continue;
      }
      PersonaTools.Pending call = answered.get();
      String result = "Result of " + call.name() + ": " + r.response();
      if (!call.nonBlocking()) {
        if (r.scheduling() != null || r.willContinue() != null) {
          control.note("persona-tool", "scheduling/willContinue ignored: " + call.name() + " is blocking");
        }
        if (!tools.anyBlocking()) {
          endUserTurn(result, Trigger.TOOL_RESPONSE, control);
        }
        continue;
      }
      String scheduling = r.scheduling() == null ? "WHEN_IDLE" : r.scheduling();
      if (!control.profile().functions().schedulingHonoured() && r.scheduling() != null) {
        control.note("persona-tool", "scheduling " + r.scheduling() + " ignored on "
            + control.profile().family() + "; the result is spoken when the model is idle");
        scheduling = "WHEN_IDLE";
      }
      control.note("persona-tool", "result of " + call.id() + " scheduled " + scheduling);
      switch (scheduling) {
        case "SILENT" -> idleIfDone(control);
        case "INTERRUPT" -> endUserTurn(result, Trigger.TOOL_RESPONSE, control);
        default -> {
          if (isSpeaking()) {
            whenIdle.add(result);
          } else {
            endUserTurn(result, Trigger.TOOL_RESPONSE, control);
          }
        }
      }
    }
  }

  private boolean isSpeaking() {
    return speaking != null && !speaking.finished();
  }

  private void bargeIn(SessionControl control) {
    if (!control.setup().interruptsOnActivity()) {
      return;
    }
    if (control.profile().functions().reissuesOnBargeIn()) {
      dropAndReissue(control);
    } else {
      List<String> cancelled = tools.cancelAll();
      if (!cancelled.isEmpty()) {
        control.send(ServerMessage.toolCallCancellation(cancelled));
      }
    }
    whenIdle.clear();
    interruptReply(control);
  }

  /**
   * 3.8 after a barge-in (measured on the Developer API): no {@code toolCallCancellation}; the
   * blocking call is dropped, a late response to it goes nowhere, and a few seconds later the model
   * calls the same function again under a new id.
   */
  private void dropAndReissue(SessionControl control) {
    List<PersonaTools.Pending> dropped = tools.dropBlocking();
    if (dropped.isEmpty()) {
      return;
    }
    control.dropCalls(dropped.stream().map(PersonaTools.Pending::id).toList());
    long after = control.settings().scaledNanos(
        control.profile().functions().reissueAfterDuration().toNanos());
    for (PersonaTools.Pending p : dropped) {
      control.schedule(() -> tools.call(p.declaration(), control), after);
    }
  }

  /** A non-blocking result that says nothing may end the background work: say IDLE alone. */
  private void idleIfDone(SessionControl control) {
    if (inProgressAnnounced && !tools.anyNonBlocking() && !isSpeaking() && whenIdle.isEmpty()) {
      inProgressAnnounced = false;
      control.send(ServerMessage.content(ServerContent.empty().withInteractionStatus("IDLE")));
    }
  }

  /** Thought parts: where the family emits them and setup said {@code includeThoughts: true}. */
  private static boolean thoughts(SessionControl control) {
    var rule = control.profile().setup().thinking();
    var generation = control.setup().generationConfig();
    return rule != null && rule.thoughtParts() && generation != null
        && generation.thinkingConfig() != null
        && Boolean.TRUE.equals(generation.thinkingConfig().includeThoughts());
  }

  /** The {@code interactionStatus} a turnComplete sent now carries, or null for families without it. */
  private String interactionStatus(SessionControl control) {
    if (!control.profile().output().interactionStatus()) {
      return null;
    }
    boolean more = tools.anyNonBlocking() || !whenIdle.isEmpty();
    inProgressAnnounced = more;
    return more ? "IN_PROGRESS" : "IDLE";
  }

  /** Cuts the reply in progress the way the service does: interrupted, then turnComplete. */
  private void interruptReply(SessionControl control) {
    if (!isSpeaking()) {
      return;
    }
    speaking.cancel();
    speaking = null;
    control.note("barge-in", "user activity interrupted the reply");
    control.send(ServerMessage.content(ServerContent.interruption()));
    control.send(ServerMessage.content(
        ServerContent.endOfTurn().withInteractionStatus(interactionStatus(control))));
  }

  private void endUserTurn(String userText, SessionControl control) {
    endUserTurn(userText, Trigger.USER_TURN, control);
  }

  private void endUserTurn(String userText, Trigger trigger, SessionControl control) {
    historyOpen = false;
    if (isSpeaking()) {
      if (!control.setup().interruptsOnActivity()) {
        // NO_INTERRUPTION: the new turn waits for the reply in progress to finish.
        queuedText = userText;
        queuedTrigger = trigger;
        queuedTurn = true;
        return;
      }
      interruptReply(control); // a new turn interrupts the unfinished reply, visibly
    }
    Setup setup = control.setup();
    PersonaReply.Turn turn = new PersonaReply.Turn(
        userText,
        heardMillis,
        // AUDIO-only families answer a VIDEO (avatar) request with plain audio too.
        setup.responseModalities().contains("AUDIO") || !setup.responseModalities().contains("TEXT"),
        setup.inputAudioTranscription() != null,
        setup.outputAudioTranscription() != null
            || control.profile().output().outputTranscriptionAlways(),
        control.profile().multiPartMessages(),
        firstTurn && control.profile().usageBeforeFirstModelTurn(),
        control.connection().flavour(),
        interactionStatus(control),
        thoughts(control));
    firstTurn = false;
    heardMillis = 0;
    SessionSettings settings = control.settings();
    ReplyPlan plan = ReplyPlan.of(settings.timing(), control.profile().timing(), sampler, trigger,
        PersonaVoice.CHUNK_MILLIS);
    if (settings.realistic()) {
      control.note("timing", plan.describe(trigger));
    }
    speaking = new PacedPlayback(PersonaReply.build(turn, plan), control, () -> onReplyDone(control));
    speaking.start();
  }

  private void onReplyDone(SessionControl control) {
    if (queuedTurn) {
      queuedTurn = false;
      String text = queuedText;
      Trigger trigger = queuedTrigger;
      queuedText = null;
      control.schedule(() -> endUserTurn(text, trigger, control), 0);
      return;
    }
    String next = whenIdle.poll();
    if (next != null) {
      // Scheduled after the reply's last message went out, not inside its loop.
      control.schedule(() -> endUserTurn(next, Trigger.TOOL_RESPONSE, control), 0);
    }
  }

  @Override
  public void stop() {
    if (speaking != null) {
      speaking.cancel();
    }
  }
}
