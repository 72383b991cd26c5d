package dev.geminilive.conformance.recording;

import java.util.List;

/** CONVERSATION: one session carrying turn after turn; its evidence is the user's turns on the wire. */
public final class ConversationRecording extends CaseRecording {
  public ConversationRecording(RawRecording raw) {
    super(raw);
  }

  /** The client frames that carried a user's text turn, either way it can travel. */
  public List<Frame> userTextTurns() {
    return clientFrames().stream().filter(f -> f.kind().equals("realtimeInput.text") || f.kind().equals("clientContent"))
        .toList();
  }
}
