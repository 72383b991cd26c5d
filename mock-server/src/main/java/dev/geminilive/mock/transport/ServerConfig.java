package dev.geminilive.mock.transport;

import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.security.AdminSecurity;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.tls.TlsMaterial;

/**
 * How a {@link LiveServer} listens and behaves.
 *
 * @param host address to bind; loopback unless the user opens it up
 * @param port port to bind; 0 picks a free one
 * @param tls certificate and key for {@code wss}/{@code https}; null for plain {@code ws}
 * @param binaryFrames send server messages as binary frames (what the real service does) or text
 * @param requiredKey the only credential accepted; null accepts any non-empty one
 * @param maxFrameBytes largest client message accepted (after reassembly of fragments)
 * @param closeTimeoutMillis how long to wait for the client's close frame after sending ours
 * @param session knobs for every session
 * @param limits what one connection may cost: sessions, timeouts, backlog
 * @param admin who may use the admin API (token, on/off, TLS); see docs/security.md
 * @param network the network conditions new sessions start with (see docs/timing.md); the admin
 *     API can change them while the server runs
 */
public record ServerConfig(
    String host,
    int port,
    TlsMaterial tls,
    boolean binaryFrames,
    String requiredKey,
    int maxFrameBytes,
    long closeTimeoutMillis,
    SessionSettings session,
    ServerLimits limits,
    AdminSecurity admin,
    NetworkConditions network) {

  /** Without admin settings: the defaults ({@link AdminSecurity#defaults()}). */
  public ServerConfig(String host, int port, TlsMaterial tls, boolean binaryFrames, String requiredKey,
      int maxFrameBytes, long closeTimeoutMillis, SessionSettings session, ServerLimits limits) {
    this(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits,
        AdminSecurity.defaults(), NetworkConditions.NONE);
  }

  /** Without network conditions: a perfect network. */
  public ServerConfig(String host, int port, TlsMaterial tls, boolean binaryFrames, String requiredKey,
      int maxFrameBytes, long closeTimeoutMillis, SessionSettings session, ServerLimits limits, AdminSecurity admin) {
    this(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, admin,
        NetworkConditions.NONE);
  }

  public ServerConfig {
    if (admin == null) {
      admin = AdminSecurity.defaults();
    }
    if (network == null) {
      network = NetworkConditions.NONE;
    }
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 0, null, true, null, 16 * 1024 * 1024, 3_000,
        SessionSettings.defaults(), ServerLimits.defaults());
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, admin, network);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, admin, network);
  }

  public ServerConfig withTls(TlsMaterial t) {
    return new ServerConfig(host, port, t, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, admin, network);
  }

  public ServerConfig withBinaryFrames(boolean b) {
    return new ServerConfig(host, port, tls, b, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, admin, network);
  }

  public ServerConfig withRequiredKey(String k) {
    return new ServerConfig(host, port, tls, binaryFrames, k, maxFrameBytes, closeTimeoutMillis, session, limits, admin, network);
  }

  public ServerConfig withSession(SessionSettings s) {
    return new ServerConfig(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, s, limits, admin, network);
  }

  public ServerConfig withCloseTimeoutMillis(long ms) {
    return new ServerConfig(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, ms, session, limits, admin, network);
  }

  public ServerConfig withMaxFrameBytes(int bytes) {
    return new ServerConfig(host, port, tls, binaryFrames, requiredKey, bytes, closeTimeoutMillis, session, limits, admin, network);
  }

  public ServerConfig withAdmin(AdminSecurity a) {
    return new ServerConfig(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, a, network);
  }

  public ServerConfig withLimits(ServerLimits l) {
    return new ServerConfig(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, l, admin, network);
  }

  public ServerConfig withNetwork(NetworkConditions n) {
    return new ServerConfig(host, port, tls, binaryFrames, requiredKey, maxFrameBytes, closeTimeoutMillis, session, limits, admin, n);
  }
}
