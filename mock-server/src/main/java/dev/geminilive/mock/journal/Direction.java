package dev.geminilive.mock.journal;

/** Which way a journal entry went. {@code EVENT} is something the server noticed or decided. */
public enum Direction {
  CLIENT_TO_SERVER,
  SERVER_TO_CLIENT,
  EVENT
}
