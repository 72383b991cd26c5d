package dev.geminilive.mock.timeline;

/**
 * Something that happened at a point (or over a span) of a session's time axis: a message, an
 * event, a finding.
 *
 * @param seq journal sequence number, to open the message; 0 when the mark has no entry
 * @param atMs when, from the session's start
 * @param endMs when it ended (equal to {@code atMs} for a point; later for merged transcripts)
 * @param lane where it is drawn: {@code client}, {@code model} or {@code server}
 * @param type what it is, one of the constants below
 * @param label short text for the picture
 * @param link joins related marks, e.g. a tool call's id on the call and its response; or null
 */
public record Mark(long seq, double atMs, double endMs, String lane, String type, String label, String link) {
  public static final String SETUP = "setup";
  public static final String TEXT = "text";
  public static final String TRANSCRIPT = "transcript";
  public static final String TOOL_CALL = "tool-call";
  public static final String TOOL_RESPONSE = "tool-response";
  public static final String TOOL_CANCEL = "tool-cancel";
  public static final String TURN = "turn-complete";
  public static final String INTERRUPTED = "interrupted";
  public static final String GO_AWAY = "go-away";
  public static final String RESUMPTION = "resumption";
  public static final String ACTIVITY = "activity";
  public static final String CLOSE = "close";
  public static final String STEP = "scenario-step";
  public static final String MISMATCH = "mismatch";
  public static final String FINDING = "finding";
  public static final String ERROR = "error";
  public static final String INFO = "info";

  /** Marks a reader must not miss: drawn highlighted. */
  public boolean alarming() {
    return type.equals(MISMATCH) || type.equals(FINDING) || type.equals(ERROR);
  }

  Mark extendedTo(double end, String moreText) {
    return new Mark(seq, atMs, end, lane, type, label + moreText, link);
  }
}
