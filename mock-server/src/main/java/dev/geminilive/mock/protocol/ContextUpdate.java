package dev.geminilive.mock.protocol;

import java.util.List;

/** {@code contextUpdate}: new instructions or tools mid-session (sent by the Java SDK). */
public record ContextUpdate(Content systemInstruction, List<Setup.Tool> tools) implements ClientMessage {

  @Override
  public String wireKey() {
    return "contextUpdate";
  }
}
