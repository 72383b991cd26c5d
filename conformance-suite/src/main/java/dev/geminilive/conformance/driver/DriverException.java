package dev.geminilive.conformance.driver;

/** A driver command failed; for a failed connect, the close code and reason the client reported. */
public class DriverException extends Exception {
  private final Integer code;
  private final String reason;

  public DriverException(String message, Integer code, String reason) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
    this.code = null;
    this.reason = null;
  }

  public Integer code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
