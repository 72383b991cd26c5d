package dev.geminilive.mock.journal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One frame or event of a session.
 *
 * @param seq position in the session, from 1; gaps never occur, dropped entries are counted
 * @param nanos monotonic time since the session opened
 * @param direction which way it went
 * @param kind a short type such as {@code realtimeInput.audio}, {@code serverContent.turnComplete}
 * @param json the message as JSON, audio payloads replaced by a summary; null for plain events
 * @param note a human-readable remark (violations, close reasons), or null
 */
public record JournalEntry(
    long seq, long nanos, Direction direction, String kind, JsonNode json, String note) {

  public boolean fromClient() {
    return direction == Direction.CLIENT_TO_SERVER;
  }

  public boolean fromServer() {
    return direction == Direction.SERVER_TO_CLIENT;
  }
}
