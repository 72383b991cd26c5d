package dev.geminilive.mock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Java class names and libraries' messages (Jackson, Netty, the JDK) in what the mock says
 * to people: close reasons, the journal's server-side notes, and log lines. A client's developer
 * reads these; they must say what was wrong in the service's terms, not the mock's internals.
 */
final class LeakScan {
  private static final List<Pattern> LEAKS = List.of(
      // a qualified class or package name
      Pattern.compile("\\b(?:java|javax|jdk|sun|com\\.fasterxml|io\\.netty|org\\.slf4j|com\\.networknt"
          + "|dev\\.geminilive)\\.[a-z]"),
      // an exception or error class, or a nested class name
      Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b"),
      Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\$[A-Z]"),
      // Jackson's wording
      Pattern.compile("(?i)cannot (?:deserialize|construct instance|coerce)|unrecognized (?:token|field)"
          + "|unexpected character|was expecting|mismatchedinput|START_OBJECT|END_OBJECT|START_ARRAY|VALUE_STRING"
          + "|reference chain|Source: \\(|REJECTED_SOURCE|JsonToken|not marked as ignorable"),
      // Netty's and the JDK's wording
      Pattern.compile("(?i)received continuation data frame|non-continuation data frame|RSV != 0"
          + "|unmasked client to server|reserved opcode \\d|bytes are not UTF-8|illegal base64 character"
          + "|Input byte array"));

  private LeakScan() {}

  /** The leaks found in {@code text}, empty when none. */
  static List<String> leaks(String text) {
    List<String> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    for (Pattern p : LEAKS) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        found.add(m.group());
      }
    }
    return found;
  }

  static void assertNoLeak(String what, String text) {
    assertThat(leaks(text)).as("%s shows internals: %s", what, text).isEmpty();
  }

  /**
   * Every close reason and every note the mock wrote into the journal. Notes on client frames
   * hold what the client sent (a refused frame's start), which is the client's text, not ours.
   */
  static List<String> texts(Journal journal) {
    List<String> out = new ArrayList<>();
    for (SessionJournal s : journal.sessions()) {
      if (s.closeReason() != null) {
        out.add("close reason of " + s.path() + ": " + s.closeReason());
      }
      for (JournalEntry e : s.entries()) {
        if (e.note() != null && !e.fromClient()) {
          out.add("journal note (" + e.kind() + ") of " + s.path() + ": " + e.note());
        }
      }
      s.attributes().forEach((k, v) -> out.add("journal attribute " + k + " of " + s.path() + ": " + v));
    }
    return out;
  }

  /** Copies everything written to {@code System.err} (where the server logs) while it runs. */
  static final class ErrTap implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    ErrTap() {
      System.setErr(new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
          original.write(b);
          synchronized (copy) {
            copy.write(b);
          }
        }

        @Override
        public void write(byte[] b, int off, int len) {
          original.write(b, off, len);
          synchronized (copy) {
            copy.write(b, off, len);
          }
        }
      }, true, StandardCharsets.UTF_8));
    }

    List<String> lines() {
      synchronized (copy) {
        return copy.toString(StandardCharsets.UTF_8).lines().toList();
      }
    }

    @Override
    public void close() {
      System.setErr(original);
    }
  }
}
