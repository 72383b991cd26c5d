package dev.geminilive.mock.transport;

/**
 * Fired through a Live connection's pipeline once the 101 response is written: from here on the
 * client may send frames, so the limits that count from the handshake start now.
 */
enum LiveHandshakeComplete {
  INSTANCE
}
