package dev.geminilive.mock;

/** The mock could not start listening: the port is taken, the address is not local, ... */
public final class MockStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MockStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
