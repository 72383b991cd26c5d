package dev.geminilive.conformance.recording;

import java.util.List;

/**
 * MID_SESSION: initial history, a turn, then the application's mid-session calls (instructions,
 * context, a reply request) and how the client took each.
 */
public final class MidSessionRecording extends CaseRecording {
  private static final List<String> UPDATE_CALLS = List.of("updateInstructions", "addContext", "requestReply");

  public MidSessionRecording(RawRecording raw) {
    super(raw);
  }

  /** The mid-session calls the client failed (an error the application saw), as {@code call: message}. */
  public List<String> failedUpdates() {
    return driverErrors().stream().filter(e -> UPDATE_CALLS.stream().anyMatch(e::startsWith)).toList();
  }
}
