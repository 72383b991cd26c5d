package dev.geminilive.conformance.driver;

/**
 * The driver's client cannot do what a command asks (no API for it). Not a failure: the rules
 * that need the command become UNSUPPORTED and the case goes on where it can. Stdio drivers
 * answer {@code {"reply": id, "ok": false, "unsupported": true}}.
 */
public class UnsupportedCommandException extends DriverException {
  public UnsupportedCommandException(String message) {
    super(message, null, null);
  }
}
