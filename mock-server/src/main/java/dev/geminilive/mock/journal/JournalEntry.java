package dev.geminilive.mock.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One frame or event of a session.
 *
 * <p>The message is kept as compact UTF-8 JSON, not as a tree: a summarised audio frame takes
 * about 150 bytes this way against more than a kilobyte of tree nodes, which is what lets a
 * thousand audio sessions journal every frame in bounded memory. {@link #json()} parses on read.
 */
public final class JournalEntry {
  // A plain mapper: the tree is already in wire form, and journal must not depend on protocol.
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long seq;
  private final long nanos;
  private final Direction direction;
  private final String kind;
  private final byte[] json;
  private final String note;

  /**
   * @param seq position in the session, from 1; gaps never occur, dropped entries are counted
   * @param nanos monotonic time since the session opened
   * @param direction which way it went
   * @param kind a short type such as {@code realtimeInput.audio}, {@code serverContent.turnComplete}
   * @param json the message as JSON, audio payloads replaced by a summary; null for plain events
   * @param note a human-readable remark (violations, close reasons), or null
   */
  public JournalEntry(long seq, long nanos, Direction direction, String kind, JsonNode json, String note) {
    this(seq, nanos, direction, kind, json == null ? null : bytes(json), note);
  }

  /** As above, with the message already as compact UTF-8 JSON (kept, not copied). */
  JournalEntry(long seq, long nanos, Direction direction, String kind, byte[] json, String note) {
    this.seq = seq;
    this.nanos = nanos;
    this.direction = direction;
    this.kind = kind;
    this.json = json;
    this.note = note;
  }

  static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot journal " + json.getNodeType(), e);
    }
  }

  public long seq() {
    return seq;
  }

  public long nanos() {
    return nanos;
  }

  public Direction direction() {
    return direction;
  }

  public String kind() {
    return kind;
  }

  /** The message as JSON (a fresh tree on every call), or null for plain events. */
  public JsonNode json() {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON bytes as kept (for tests of their exact form). */
  byte[] jsonBytes() {
    return json;
  }

  public String note() {
    return note;
  }

  public boolean fromClient() {
    return direction == Direction.CLIENT_TO_SERVER;
  }

  public boolean fromServer() {
    return direction == Direction.SERVER_TO_CLIENT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JournalEntry e && seq == e.seq && nanos == e.nanos
        && direction == e.direction && kind.equals(e.kind) && Objects.equals(note, e.note)
        && java.util.Arrays.equals(json, e.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, nanos, direction, kind);
  }

  @Override
  public String toString() {
    return "JournalEntry[seq=" + seq + ", nanos=" + nanos + ", direction=" + direction + ", kind="
        + kind + ", json=" + (json == null ? null : new String(json, java.nio.charset.StandardCharsets.UTF_8))
        + ", note=" + note + "]";
  }
}
