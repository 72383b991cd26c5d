package dev.geminilive.mock.admin;

import java.util.function.Predicate;

/**
 * A long-lived admin answer (server-sent events): the transport keeps the connection open and
 * writes each chunk the source produces. Sources run on their own thread, never an event loop.
 */
@FunctionalInterface
public interface AdminStream {
  /** The media type the transport announces. */
  String EVENT_STREAM = "text/event-stream; charset=UTF-8";

  /**
   * Starts sending to {@code sink}, which returns false when a chunk could not be delivered (the
   * connection is gone or is not keeping up); the source then sends a full state next time.
   *
   * @return stops the stream; the transport calls it when the connection closes
   */
  Runnable subscribe(Predicate<String> sink);
}
