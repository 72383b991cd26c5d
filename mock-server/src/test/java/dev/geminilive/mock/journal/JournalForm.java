package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;

/** For tests elsewhere: the journal's JSON of a client frame's tree, as the session journals it. */
public final class JournalForm {
  private JournalForm() {}

  /** {@code LiveSession}'s tree path: payloads summarised, then written as the journal keeps it. */
  public static byte[] ofClientTree(JsonNode tree) {
    return JournalEntry.bytes(BlobSummarizer.summarize(tree.deepCopy(), (base64, bytes) -> { }));
  }
}
