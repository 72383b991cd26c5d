package dev.geminilive.mock.rest;

import dev.geminilive.mock.transport.CredentialPolicy;
import dev.geminilive.mock.transport.TokenGate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The ephemeral tokens this mock minted ({@code POST .../auth_tokens}) and what is left of each.
 * A token opens a Live session on the Constrained endpoint while it is unexpired, inside its
 * new-session window and has uses left; each admitted session spends one use.
 *
 * <p>Defaults follow the published ones (js-genai {@code CreateAuthTokenConfig} docs, sources
 * §1.3 and §6.1): one use, expiry in 30 minutes, new sessions for 60 seconds, at most 20 hours;
 * {@code uses: 0} means no limit. Not modelled: resuming a session does not spend a use (the
 * check happens at the upgrade, before the setup message says it resumes); the setup constraints
 * ({@code bidiGenerateContentSetup}) are stored but not enforced. The refusal texts are ours: the
 * real service's close reasons for spent or expired tokens are not published.
 */
public final class EphemeralTokens implements TokenGate {
  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(30);
  public static final Duration DEFAULT_NEW_SESSION_WINDOW = Duration.ofSeconds(60);
  public static final Duration MAX_EXPIRY = Duration.ofHours(20);
  static final int POLICY_VIOLATION = 1008;

  /** A minted token and its remaining uses (0 uses at creation = unlimited). */
  public static final class Token {
    private final String name;
    private final Instant expireTime;
    private final Instant newSessionExpireTime;
    private final int uses;
    private int used;

    Token(String name, Instant expireTime, Instant newSessionExpireTime, int uses) {
      this.name = name;
      this.expireTime = expireTime;
      this.newSessionExpireTime = newSessionExpireTime;
      this.uses = uses;
    }

    public String name() {
      return name;
    }

    public Instant expireTime() {
      return expireTime;
    }

    public Instant newSessionExpireTime() {
      return newSessionExpireTime;
    }

    public int uses() {
      return uses;
    }

    public synchronized int used() {
      return used;
    }
  }

  private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public EphemeralTokens(Clock clock) {
    this.clock = clock;
  }

  public EphemeralTokens() {
    this(Clock.systemUTC());
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Mints a token. Null arguments take the defaults.
   *
   * @throws IllegalArgumentException when the times or uses make no sense, with the reason
   */
  public Token create(Integer uses, Instant expireTime, Instant newSessionExpireTime) {
    Instant now = clock.instant();
    Instant expires = expireTime == null ? now.plus(DEFAULT_EXPIRY) : expireTime;
    Instant newSessions = newSessionExpireTime == null
        ? min(now.plus(DEFAULT_NEW_SESSION_WINDOW), expires) : newSessionExpireTime;
    int n = uses == null ? 1 : uses;
    if (n < 0) {
      throw new IllegalArgumentException("uses must be 0 (no limit) or more, not " + n + ".");
    }
    if (expires.isAfter(now.plus(MAX_EXPIRY))) {
      throw new IllegalArgumentException("expireTime may be at most 20 hours from now.");
    }
    if (newSessions.isAfter(expires)) {
      throw new IllegalArgumentException("newSessionExpireTime must not be after expireTime.");
    }
    forgetExpired(now);
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    String name = "auth_tokens/" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Token token = new Token(name, expires, newSessions, n);
    tokens.put(name, token);
    return token;
  }

  public Optional<Token> find(String name) {
    return Optional.ofNullable(tokens.get(name));
  }

  @Override
  public CredentialPolicy.Refusal admit(String name) {
    Token token = tokens.get(name);
    if (token == null) {
      return new CredentialPolicy.Refusal(POLICY_VIOLATION, "Invalid or expired auth token.");
    }
    Instant now = clock.instant();
    synchronized (token) {
      if (!now.isBefore(token.expireTime)) {
        return new CredentialPolicy.Refusal(POLICY_VIOLATION, "Auth token expired.");
      }
      if (!now.isBefore(token.newSessionExpireTime)) {
        return new CredentialPolicy.Refusal(POLICY_VIOLATION,
            "Auth token can no longer start new sessions (newSessionExpireTime has passed).");
      }
      if (token.uses > 0 && token.used >= token.uses) {
        return new CredentialPolicy.Refusal(POLICY_VIOLATION,
            "Auth token has been used up (uses: " + token.uses + ").");
      }
      token.used++;
      return null;
    }
  }

  private void forgetExpired(Instant now) {
    tokens.values().removeIf(t -> !now.isBefore(t.expireTime));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
