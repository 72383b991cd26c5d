package dev.geminilive.mock.junit5;

import dev.geminilive.mock.journal.SessionJournal;

/** Entry point for journal assertions: {@code JournalAssertions.assertThat(mock.latestSession())}. */
public final class JournalAssertions {
  private JournalAssertions() {}

  public static SessionJournalAssert assertThat(SessionJournal session) {
    return new SessionJournalAssert(session);
  }
}
