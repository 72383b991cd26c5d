package dev.geminilive.mock.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one proxied session carried, in arrival order, with when it arrived. Filled on the
 * session's event loop only; read by the {@link ScenarioWriter} once the session is over (or when
 * the recorder shuts down, which is why reads copy).
 */
final class SessionTape {
  /** Something that happened, {@code nanos} after the client's upgrade request arrived. */
  sealed interface Event {
    long nanos();
  }

  /**
   * A client message. {@code tree} is null for audio chunks, which are kept only as a duration
   * (the client's microphone is not needed to replay the server's side).
   *
   * @param kind scenario message type, e.g. {@code realtimeInput.audio}; {@code invalid} when the
   *     frame did not decode
   */
  record FromClient(long nanos, String kind, JsonNode tree, double audioMillis) implements Event {}

  /** A server message; {@code tree} is null when the frame was not JSON ({@code text} then). */
  record FromServer(long nanos, JsonNode tree, String text, boolean binary) implements Event {}

  /** How the session ended. */
  record Ended(long nanos, Ending how, int code, String reason) implements Event {}

  /** Who ended the session and how. */
  enum Ending {
    /** The upstream sent a close frame: replayed as a {@code close} step. */
    UPSTREAM_CLOSED,
    /** The upstream's connection ended without a close frame: replayed as a {@code drop}. */
    UPSTREAM_DROPPED,
    /** The client closed (or dropped): nothing to replay. */
    CLIENT_CLOSED,
    /** The proxy gave up on the upstream and closed the client with the code given. */
    PROXY_CLOSED
  }

  private final List<Event> events = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private boolean incomplete;

  synchronized void add(Event e) {
    events.add(e);
  }

  /** A remark for the recording's description, e.g. why it is incomplete. */
  synchronized void note(String text) {
    notes.add(text);
  }

  synchronized void markIncomplete(String why) {
    incomplete = true;
    notes.add("INCOMPLETE: " + why);
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  synchronized boolean incomplete() {
    return incomplete;
  }

  synchronized boolean ended() {
    return !events.isEmpty() && events.get(events.size() - 1) instanceof Ended;
  }
}
