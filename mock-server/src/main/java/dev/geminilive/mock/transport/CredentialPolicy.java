package dev.geminilive.mock.transport;

/**
 * Decides whether a credential opens a session. By default any non-empty credential does; with
 * {@code --require-key} only that exact value does. A refusal refuses the WebSocket upgrade itself
 * with an HTTP error in the REST API's shape and wording, as the service does (a browser sees only
 * a failed connection, code 1006, no reason; the REST equivalent of a bad key is 400
 * INVALID_ARGUMENT, as the kazunori279/interpretab README records). The statuses for a missing key
 * and for ephemeral tokens follow the REST API's usual ones (inferred).
 */
public final class CredentialPolicy {
  /**
   * A refusal: the HTTP status and Google error status of the refused upgrade, the message, and
   * {@code code}, the WebSocket close code a refusal after the upgrade would carry.
   */
  public record Refusal(int code, String reason, int httpStatus, String status) {
    /** The HTTP status that goes with a close code: 1007 a bad argument, otherwise unauthenticated. */
    public Refusal(int code, String reason) {
      this(code, reason, code == 1007 ? 400 : 401, code == 1007 ? "INVALID_ARGUMENT" : "UNAUTHENTICATED");
    }
  }

  private final String requiredKey;
  private final TokenGate tokens;

  public CredentialPolicy(String requiredKey) {
    this(requiredKey, null);
  }

  /** With a token gate, ephemeral tokens are checked by it (minted, unspent, unexpired). */
  public CredentialPolicy(String requiredKey, TokenGate tokens) {
    this.requiredKey = requiredKey == null || requiredKey.isEmpty() ? null : requiredKey;
    this.tokens = tokens;
  }

  /** Returns null when the credential is accepted. */
  public Refusal check(Credential credential) {
    if (!credential.present()) {
      return new Refusal(
          1008,
          "Method doesn't allow unregistered callers (callers without established identity)."
              + " Please use API Key or other form of API consumer identity to call this API.",
          403, "PERMISSION_DENIED");
    }
    if (tokens != null && "ephemeral-token".equals(credential.kind())) {
      return tokens.admit(credential.value());
    }
    if (requiredKey != null && !requiredKey.equals(credential.value())) {
      if ("ephemeral-token".equals(credential.kind())) {
        return new Refusal(1008, "Invalid or expired auth token.");
      }
      return new Refusal(1007, "API key not valid. Please pass a valid API key.");
    }
    return null;
  }
}
