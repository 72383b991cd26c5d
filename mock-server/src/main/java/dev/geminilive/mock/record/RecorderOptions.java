package dev.geminilive.mock.record;

import java.net.URI;
import java.nio.file.Path;

/**
 * How a {@link Recorder} proxies and where it writes.
 *
 * @param upstream where Developer API sessions go, e.g. {@code wss://generativelanguage.googleapis.com};
 *     {@code http(s)} means {@code ws(s)}; a path is put before {@code /ws/...}
 * @param vertexUpstream where Vertex AI sessions go (regional hosts differ); null: {@code upstream}
 * @param out the folder for recordings (one scenario file per session)
 * @param trustPem certificate(s) to trust for a {@code wss} upstream instead of the JVM's (PEM); null: the JVM's
 * @param connectTimeoutMillis time to open the upstream (TCP, TLS, WebSocket handshake)
 * @param stallMillis silence from the upstream after a client message that needs an answer, before
 *     the proxy gives up on it; 0 waits forever
 * @param closeTimeoutMillis time to wait for the answer to a close frame
 */
public record RecorderOptions(
    URI upstream,
    URI vertexUpstream,
    Path out,
    Path trustPem,
    long connectTimeoutMillis,
    long stallMillis,
    long closeTimeoutMillis) {

  public static RecorderOptions of(URI upstream, Path out) {
    return new RecorderOptions(upstream, null, out, null, 10_000, 30_000, 3_000);
  }

  public RecorderOptions withVertexUpstream(URI u) {
    return new RecorderOptions(upstream, u, out, trustPem, connectTimeoutMillis, stallMillis, closeTimeoutMillis);
  }

  public RecorderOptions withTrustPem(Path p) {
    return new RecorderOptions(upstream, vertexUpstream, out, p, connectTimeoutMillis, stallMillis, closeTimeoutMillis);
  }

  public RecorderOptions withConnectTimeoutMillis(long ms) {
    return new RecorderOptions(upstream, vertexUpstream, out, trustPem, ms, stallMillis, closeTimeoutMillis);
  }

  public RecorderOptions withStallMillis(long ms) {
    return new RecorderOptions(upstream, vertexUpstream, out, trustPem, connectTimeoutMillis, ms, closeTimeoutMillis);
  }

  public RecorderOptions withCloseTimeoutMillis(long ms) {
    return new RecorderOptions(upstream, vertexUpstream, out, trustPem, connectTimeoutMillis, stallMillis, ms);
  }
}
