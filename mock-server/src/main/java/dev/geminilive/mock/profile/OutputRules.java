package dev.geminilive.mock.profile;

/**
 * Fields of the server's output that only some families send.
 *
 * @param interactionStatus every {@code turnComplete} carries {@code interactionStatus}
 *     ({@code IN_PROGRESS} while the model still works in the background, e.g. on a non-blocking
 *     call, then {@code IDLE}); content may follow a {@code turnComplete} marked
 *     {@code IN_PROGRESS} (3.8 extended thinking)
 * @param outputTranscriptionAlways {@code outputTranscription} is sent even when setup did not ask
 *     for it
 */
public record OutputRules(Boolean interactionStatus, Boolean outputTranscriptionAlways) {
  public OutputRules {
    interactionStatus = interactionStatus != null && interactionStatus;
    outputTranscriptionAlways = outputTranscriptionAlways != null && outputTranscriptionAlways;
  }

  public static OutputRules none() {
    return new OutputRules(null, null);
  }
}
