package dev.geminilive.mock.protocol;

/**
 * A client frame the service would refuse. Carries the WebSocket close code and a reason written
 * for the person reading the client's logs.
 */
public final class ProtocolViolation extends Exception {
  private static final long serialVersionUID = 1L;

  /** RFC 6455: invalid frame payload data; the real service uses it for invalid arguments. */
  public static final int INVALID_PAYLOAD = 1007;

  private final int closeCode;

  public ProtocolViolation(int closeCode, String reason) {
    super(reason, null, false, false);
    this.closeCode = closeCode;
  }

  public static ProtocolViolation invalid(String reason) {
    return new ProtocolViolation(INVALID_PAYLOAD, reason);
  }

  public int closeCode() {
    return closeCode;
  }

  public String reason() {
    return getMessage();
  }
}
