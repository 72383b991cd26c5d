package dev.geminilive.mock.transport;

import java.io.IOException;
import java.util.Locale;

/**
 * Close reasons and journal notes for frames Netty's decoder refused, in the mock's own words: a
 * client's developer reads them, so they cite RFC 6455 rather than quote a library's message.
 */
final class FrameErrors {
  private static final String PREFIX = "WebSocket protocol error: ";

  private FrameErrors() {}

  /** The close reason for a frame the decoder refused with {@code decoderMessage}. */
  static String reason(String decoderMessage) {
    String m = decoderMessage == null ? "" : decoderMessage.toLowerCase(Locale.ROOT);
    String what;
    if (m.contains("utf-8") || m.contains("utf8")) {
      what = "the text is not valid UTF-8 (RFC 6455 section 8.1).";
    } else if (m.contains("rsv")) {
      what = "reserved bits set without a negotiated extension (RFC 6455 section 5.2).";
    } else if (m.contains("mask")) {
      what = "a client's frames must be masked (RFC 6455 section 5.3).";
    } else if (m.contains("reserved opcode")) {
      what = "reserved opcode (RFC 6455 section 5.2).";
    } else if (m.contains("fragmented control")) {
      what = "a control frame must not be fragmented (RFC 6455 section 5.5).";
    } else if (m.contains("125")) {
      what = "a control frame carries at most 125 bytes (RFC 6455 section 5.5).";
    } else if (m.contains("non-continuation")) {
      what = "a new data frame inside a fragmented message (RFC 6455 section 5.4).";
    } else if (m.contains("continuation")) {
      what = "a continuation frame without a message to continue (RFC 6455 section 5.4).";
    } else if (m.contains("close") && m.contains("len")) {
      what = "a close frame body of one byte (RFC 6455 section 5.5.1).";
    } else if (m.contains("close")) {
      what = "a close code no endpoint may send (RFC 6455 section 7.4).";
    } else if (m.contains("minimal")) {
      what = "a frame length not in its shortest encoding (RFC 6455 section 5.2).";
    } else {
      what = "the frame breaks RFC 6455.";
    }
    return PREFIX + what;
  }

  /** A journal note and log line for an error on the connection, without class names. */
  static String transportError(Throwable cause) {
    return cause instanceof IOException
        ? "the connection failed (I/O error)"
        : "unexpected error while handling the connection";
  }
}
