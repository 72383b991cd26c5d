package dev.geminilive.mock.protocol;

import java.util.List;

/**
 * {@code contextUpdate}: new instructions or tools mid-session (google-genai Java 2.0.0 {@code
 * LiveClientContextUpdate}). The tools come wrapped, {@code {"tools": {"tools": [...]}}}, as the
 * SDK's {@code LiveClientContextUpdateTools} writes them.
 */
public record ContextUpdate(Content systemInstruction, Tools tools) implements ClientMessage {

  /** The wrapper around the new tool list. */
  public record Tools(List<Setup.Tool> tools) {}

  @Override
  public String wireKey() {
    return "contextUpdate";
  }
}
