package dev.geminilive.mock.transport;

/**
 * Decides whether an ephemeral token ({@code auth_tokens/...}) may open a session on the
 * {@code BidiGenerateContentConstrained} endpoint. Asked once per upgrade; an implementation
 * counts the use when it admits.
 */
public interface TokenGate {
  /** Returns null when the token opens this session, else why not. */
  CredentialPolicy.Refusal admit(String token);
}
