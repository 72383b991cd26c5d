package dev.geminilive.conformance.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;

/** A journal entry of one of the case's sessions. */
public record Frame(String sessionId, int sessionIndex, JournalEntry entry) {
  public boolean fromClient() {
    return entry.fromClient();
  }

  public boolean fromServer() {
    return entry.fromServer();
  }

  public String kind() {
    return entry.kind();
  }

  /** The message under its top-level key, accepting camelCase and snake_case; null if absent. */
  public JsonNode payload(String camelKey) {
    return Json.field(entry.json(), camelKey);
  }

  /** One line for reports: session, sequence, time, direction, kind and the (summarised) JSON. */
  public String describe() {
    String dir = switch (entry.direction()) {
      case CLIENT_TO_SERVER -> "client->server";
      case SERVER_TO_CLIENT -> "server->client";
      case EVENT -> "server event  ";
    };
    String body = entry.json() != null ? entry.json().toString() : (entry.note() == null ? "" : entry.note());
    if (body.length() > 300) {
      body = body.substring(0, 300) + "...";
    }
    return String.format("s%d #%d %8.1f ms %s %s %s", sessionIndex, entry.seq(), entry.nanos() / 1e6,
        dir, entry.kind(), body);
  }
}
