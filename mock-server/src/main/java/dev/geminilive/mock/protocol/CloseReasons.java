package dev.geminilive.mock.protocol;

import java.nio.charset.StandardCharsets;

/** WebSocket close reasons and the exact strings the real service sends. */
public final class CloseReasons {
  /** RFC 6455 caps a close frame's reason at 123 bytes; the real service's reasons are cut there. */
  public static final int MAX_REASON_BYTES = 123;

  public static final String INVALID_ARGUMENT = "Request contains an invalid argument.";
  public static final String INTERNAL_ERROR = "Internal error occurred.";

  private CloseReasons() {}

  /** Cuts a reason to 123 UTF-8 bytes without splitting a character. */
  public static String truncate(String reason) {
    if (reason == null) {
      return "";
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--; // step back off a continuation byte
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  /** The real service's reason for a model it does not serve (cut as the real one is). */
  public static String modelNotFound(String model, String apiVersion) {
    return truncate(
        model
            + " is not found for API version "
            + apiVersion
            + ", or is not supported for bidiGenerateContent. Call ListModels to see the list of"
            + " available models and their supported methods.");
  }
}
