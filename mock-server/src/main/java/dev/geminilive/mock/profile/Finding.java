package dev.geminilive.mock.profile;

/**
 * Something the client did that a real service tolerates (or might not), recorded in the session
 * journal so a conformance report can show it even when the server accepted the message.
 *
 * @param rule short name, e.g. {@code audio.missingRate}
 * @param detail what was seen
 */
public record Finding(String rule, String detail) {
  /** The journal entry kind for findings. */
  public static final String JOURNAL_KIND = "finding";
}
