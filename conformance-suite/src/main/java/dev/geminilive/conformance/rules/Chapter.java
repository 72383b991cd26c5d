package dev.geminilive.conformance.rules;

/** The chapters of the catalogue, in document order. */
public enum Chapter {
  CONNECTION("1. Connection and setup"),
  AUDIO_INPUT("2. Audio input framing"),
  AUDIO_OUTPUT("3. Audio output handling"),
  TURNS("4. Turn lifecycle and transcription"),
  TOOLS("5. Tool calling"),
  GATING("6. Capability gating per model"),
  ERRORS("7. Errors");

  private final String title;

  Chapter(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
