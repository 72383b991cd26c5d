package dev.geminilive.mock.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on what a client did in one Live session, read from the mock's journal.
 * Failure messages name the session and the offending frames.
 */
public final class SessionJournalAssert extends AbstractAssert<SessionJournalAssert, SessionJournal> {
  private static final Pattern RATE = Pattern.compile("rate=(\\d+)");

  SessionJournalAssert(SessionJournal actual) {
    super(actual, SessionJournalAssert.class);
  }

  /** The kinds of the client's messages in order, e.g. {@code setup}, {@code realtimeInput.audio}. */
  public ListAssert<String> clientMessageKinds() {
    isNotNull();
    return Assertions.assertThat(clientEntries().stream().map(JournalEntry::kind).toList())
        .as("client messages of session %s", actual.sessionId());
  }

  /** The kinds of the server's messages in order. */
  public ListAssert<String> serverMessageKinds() {
    isNotNull();
    return Assertions.assertThat(actual.entries().stream().filter(JournalEntry::fromServer)
            .map(JournalEntry::kind).toList())
        .as("server messages of session %s", actual.sessionId());
  }

  /** The client sent at least one message whose kind starts with {@code kind}. */
  public SessionJournalAssert hasClientMessage(String kind) {
    isNotNull();
    if (clientEntries().stream().noneMatch(e -> e.kind().startsWith(kind))) {
      failWithMessage("Expected session %s to have a client message <%s> but the client sent %s",
          actual.sessionId(), kind, kinds(clientEntries()));
    }
    return this;
  }

  /**
   * After the first turn ended (the server's first {@code turnComplete}), the client sent no
   * {@code clientContent}: it used {@code clientContent} only to seed history and then spoke
   * through {@code realtimeInput}, as the 3.1 models require.
   */
  public SessionJournalAssert hasNoClientContentAfterFirstTurn() {
    isNotNull();
    List<JournalEntry> entries = actual.entries();
    int firstTurnEnd = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).fromServer() && entries.get(i).kind().contains(".turnComplete")) {
        firstTurnEnd = i;
        break;
      }
    }
    if (firstTurnEnd < 0) {
      failWithMessage("Expected session %s to have completed a turn, but the server sent no turnComplete;"
          + " server messages: %s", actual.sessionId(), kinds(entries.stream().filter(JournalEntry::fromServer).toList()));
    }
    List<Long> late = new ArrayList<>();
    for (JournalEntry e : entries.subList(firstTurnEnd + 1, entries.size())) {
      if (e.fromClient() && e.kind().startsWith("clientContent")) {
        late.add(e.seq());
      }
    }
    if (!late.isEmpty()) {
      failWithMessage("Expected no clientContent after the first turn of session %s (ended at entry %s),"
          + " but found it at entries %s", actual.sessionId(), entries.get(firstTurnEnd).seq(), late);
    }
    return this;
  }

  /**
   * The client sent audio, and every audio frame declared {@code rate=<hz>} in its MIME type
   * ({@code audio/pcm;rate=16000}); a frame with no rate fails, as the API then assumes 16 kHz
   * silently.
   */
  public SessionJournalAssert allAudioFramesHaveRate(int hz) {
    isNotNull();
    // realtimeInput.audio, and audio blobs in the deprecated realtimeInput.mediaChunks.
    List<JournalEntry> audio = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (JournalEntry e : clientEntries()) {
      boolean audioField = e.kind().equals("realtimeInput.audio");
      if (!audioField && !e.kind().equals("realtimeInput.mediaChunks")) {
        continue;
      }
      List<JsonNode> mimes = new ArrayList<>(e.json().findValues("mimeType"));
      mimes.addAll(e.json().findValues("mime_type"));
      mimes.removeIf(m -> !audioField && !m.asText().startsWith("audio/"));
      if (mimes.isEmpty()) {
        if (audioField) {
          audio.add(e);
          wrong.add("#" + e.seq() + " (no mimeType)");
        }
        continue;
      }
      audio.add(e);
      for (JsonNode mime : mimes) {
        Matcher m = RATE.matcher(mime.asText());
        if (!m.find() || Integer.parseInt(m.group(1)) != hz) {
          wrong.add("#" + e.seq() + " " + mime.asText());
        }
      }
    }
    if (audio.isEmpty()) {
      failWithMessage("Expected session %s to have client audio frames, but the client sent %s",
          actual.sessionId(), kinds(clientEntries()));
    }
    if (!wrong.isEmpty()) {
      failWithMessage("Expected every audio frame of session %s to have rate=%s, but these did not: %s",
          actual.sessionId(), hz, wrong);
    }
    return this;
  }

  /** The session ended with this close code (sent by either side). */
  public SessionJournalAssert closedWith(int code) {
    isNotNull();
    if (actual.closeCode() == null || actual.closeCode() != code) {
      failWithMessage("Expected session %s to close with %s but it %s", actual.sessionId(), code,
          actual.closeCode() == null ? "is still open" : "closed with " + actual.closeCode() + " " + actual.closeReason());
    }
    return this;
  }

  /** The client authenticated this way: {@code api-key@header}, {@code bearer@header}, {@code ephemeral-token@header}, ... */
  public SessionJournalAssert usedCredential(String kindAtPlacement) {
    isNotNull();
    Assertions.assertThat(actual.attribute("credential")).as("credential of session %s", actual.sessionId())
        .isEqualTo(kindAtPlacement);
    return this;
  }

  /** The session's URL path prefix before {@code /ws/} (the scenario selector). */
  public SessionJournalAssert hasPrefix(String prefix) {
    isNotNull();
    Assertions.assertThat(actual.attribute("prefix")).as("path prefix of session %s", actual.sessionId())
        .isEqualTo(prefix);
    return this;
  }

  private List<JournalEntry> clientEntries() {
    return actual.entries().stream().filter(JournalEntry::fromClient).toList();
  }

  private static List<String> kinds(List<JournalEntry> entries) {
    return entries.stream().map(e -> "#" + e.seq() + " " + e.kind()).toList();
  }
}
