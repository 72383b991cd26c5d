package dev.geminilive.mock.transport;

/**
 * Decides whether a credential opens a session. By default any non-empty credential does; with
 * {@code --require-key} only that exact value does. A refusal is a close right after the upgrade:
 * the service authenticates the upgrade but reports the failure on the socket. The reasons carry
 * the REST API's wording; the exact Live close text is not published (inferred).
 */
public final class CredentialPolicy {
  /** A refusal: close code and reason. */
  public record Refusal(int code, String reason) {}

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
              + " Please use API Key or other form of API consumer identity to call this API.");
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
