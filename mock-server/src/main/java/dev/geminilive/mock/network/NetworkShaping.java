package dev.geminilive.mock.network;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server's network conditions: the defaults every new session starts with, and the live
 * sessions whose conditions can be changed while they run (admin API). Thread-safe.
 */
public final class NetworkShaping {
  /** A live connection whose network can be changed; the transport implements it. */
  public interface Link {
    NetworkConditions current();

    /** Replaces the conditions from now on; {@code source} says who asked, for the journal. */
    void apply(NetworkConditions conditions, String source);

    /** Delivers nothing more for {@code ms}, keeping the conditions. */
    void stallNow(long ms, String source);
  }

  private volatile NetworkConditions defaults;
  private final ConcurrentMap<String, Link> links = new ConcurrentHashMap<>();

  public NetworkShaping(NetworkConditions defaults) {
    this.defaults = defaults == null ? NetworkConditions.NONE : defaults;
  }

  /** What a new session starts with. */
  public NetworkConditions defaults() {
    return defaults;
  }

  public void defaults(NetworkConditions conditions) {
    this.defaults = Objects.requireNonNull(conditions, "conditions");
  }

  /** Registers a live session's link; run the returned action when the connection ends. */
  public Runnable register(String sessionId, Link link) {
    links.put(sessionId, link);
    return () -> links.remove(sessionId, link);
  }

  /** The link of a live session; empty once it ended. */
  public Optional<Link> link(String sessionId) {
    return Optional.ofNullable(links.get(sessionId));
  }
}
