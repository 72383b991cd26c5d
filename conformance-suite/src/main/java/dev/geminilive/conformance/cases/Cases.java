package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.recording.BadFramesRecording;
import dev.geminilive.conformance.recording.ConversationRecording;
import dev.geminilive.conformance.recording.InterruptRecording;
import dev.geminilive.conformance.recording.MicrophoneRecording;
import dev.geminilive.conformance.recording.MidSessionRecording;
import dev.geminilive.conformance.recording.RefusedConnectRecording;
import dev.geminilive.conformance.recording.ReplyRecording;
import dev.geminilive.conformance.recording.ResumptionRecording;
import dev.geminilive.conformance.recording.ServerCloseRecording;
import dev.geminilive.conformance.recording.SetupRecording;
import dev.geminilive.conformance.recording.ToolsRecording;
import dev.geminilive.conformance.recording.VideoRecording;
import java.util.List;
import java.util.Optional;

/**
 * Every case the suite plays, in the order a run plays them (and the docs list them), each typed
 * by the recording it produces. A rule names the case whose recording it judges by one of these,
 * and so judges that recording type.
 */
public final class Cases {
  public static final ConformanceCase<ConversationRecording> CONVERSATION = new Conversation();
  public static final ConformanceCase<ReplyRecording> TEXT_TURN = new TextTurn();
  public static final ConformanceCase<InterruptRecording> INTERRUPT = new Interrupt();
  public static final ConformanceCase<MicrophoneRecording> AUDIO_AUTO = new AudioAuto();
  public static final ConformanceCase<MicrophoneRecording> AUDIO_MANUAL = new AudioManual();
  public static final ConformanceCase<ToolsRecording> TOOLS = new Tools();
  public static final ConformanceCase<MidSessionRecording> MID_SESSION = new MidSession();
  public static final ConformanceCase<SetupRecording> WRONG_CONFIG = new WrongConfig();
  public static final ConformanceCase<VideoRecording> VIDEO = new Video();
  public static final ConformanceCase<ResumptionRecording> GO_AWAY = new GoAway();
  public static final ConformanceCase<BadFramesRecording> BAD_SERVER_FRAMES = new BadServerFrames();
  public static final ConformanceCase<ServerCloseRecording> SERVER_CLOSE = new ServerClose();
  public static final ConformanceCase<RefusedConnectRecording> EARLY_CLOSE = new EarlyClose();

  private static final List<ConformanceCase<?>> ALL = List.of(CONVERSATION, TEXT_TURN, INTERRUPT, AUDIO_AUTO, AUDIO_MANUAL, TOOLS, MID_SESSION, WRONG_CONFIG, VIDEO, GO_AWAY, BAD_SERVER_FRAMES, SERVER_CLOSE, EARLY_CLOSE);

  private Cases() {}

  public static List<ConformanceCase<?>> all() {
    return ALL;
  }

  public static Optional<ConformanceCase<?>> byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
