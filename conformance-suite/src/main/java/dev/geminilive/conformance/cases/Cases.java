package dev.geminilive.conformance.cases;

import java.util.List;
import java.util.Optional;

/**
 * Every case the suite plays, in the order a run plays them (and the docs list them). A rule
 * names the case whose recording it judges by one of these.
 */
public final class Cases {
  public static final ConformanceCase CONVERSATION = new Conversation();
  public static final ConformanceCase TEXT_TURN = new TextTurn();
  public static final ConformanceCase INTERRUPT = new Interrupt();
  public static final ConformanceCase AUDIO_AUTO = new AudioAuto();
  public static final ConformanceCase AUDIO_MANUAL = new AudioManual();
  public static final ConformanceCase TOOLS = new Tools();
  public static final ConformanceCase MID_SESSION = new MidSession();
  public static final ConformanceCase WRONG_CONFIG = new WrongConfig();
  public static final ConformanceCase VIDEO = new Video();
  public static final ConformanceCase GO_AWAY = new GoAway();
  public static final ConformanceCase BAD_SERVER_FRAMES = new BadServerFrames();
  public static final ConformanceCase SERVER_CLOSE = new ServerClose();
  public static final ConformanceCase EARLY_CLOSE = new EarlyClose();

  private static final List<ConformanceCase> ALL = List.of(CONVERSATION, TEXT_TURN, INTERRUPT, AUDIO_AUTO, AUDIO_MANUAL, TOOLS, MID_SESSION, WRONG_CONFIG, VIDEO, GO_AWAY, BAD_SERVER_FRAMES, SERVER_CLOSE, EARLY_CLOSE);

  private Cases() {}

  public static List<ConformanceCase> all() {
    return ALL;
  }

  public static Optional<ConformanceCase> byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
