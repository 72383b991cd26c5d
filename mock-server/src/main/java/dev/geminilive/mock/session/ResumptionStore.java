package dev.geminilive.mock.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resumption handles the server issued, server-wide: a handle names a {@link ConversationState}.
 * Thread-safe; sessions on any event loop issue and look up handles.
 */
public final class ResumptionStore {
  /** Beyond this many handles the oldest states' handles are dropped first on cleanup. */
  private static final int MAX_HANDLES = 100_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, ConversationState> handles = new ConcurrentHashMap<>();

  /** A fresh opaque handle for {@code state}. */
  public String issue(ConversationState state) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String handle = "Cg" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    if (handles.size() >= MAX_HANDLES) {
      handles.values().removeIf(s -> !s.attached());
    }
    handles.put(handle, state);
    return handle;
  }

  /** Binds a handle chosen elsewhere (a scenario's) to {@code state}. */
  public String register(String handle, ConversationState state) {
    handles.put(handle, state);
    return handle;
  }

  /** The state a handle names, if it was issued and is still valid. */
  public Optional<ConversationState> find(String handle, long nowNanos, long validityNanos) {
    ConversationState state = handle == null ? null : handles.get(handle);
    if (state == null) {
      return Optional.empty();
    }
    if (!state.valid(nowNanos, validityNanos)) {
      handles.remove(handle);
      return Optional.empty();
    }
    return Optional.of(state);
  }
}
