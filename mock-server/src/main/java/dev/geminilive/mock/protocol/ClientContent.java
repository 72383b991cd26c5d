package dev.geminilive.mock.protocol;

import java.util.List;

/** {@code clientContent}: turns appended to the conversation, optionally ending the user turn. */
public record ClientContent(List<Content> turns, Boolean turnComplete) implements ClientMessage {

  @Override
  public String wireKey() {
    return "clientContent";
  }

  public boolean isTurnComplete() {
    return Boolean.TRUE.equals(turnComplete);
  }

  /** Text of the last user turn, for transcripts and persona replies. */
  public String lastUserText() {
    if (turns == null) {
      return "";
    }
    for (int i = turns.size() - 1; i >= 0; i--) {
      Content c = turns.get(i);
      if (c != null && (c.role() == null || "user".equals(c.role()))) {
        return c.text();
      }
    }
    return "";
  }
}
