package dev.geminilive.mock.transport;

import java.util.List;
import java.util.Map;

/**
 * Serves the plain HTTP requests on the Live port that are neither Live upgrades nor the mock's
 * own admin routes: the REST side of the API (ephemeral tokens, user stubs, OAuth). SDKs use one
 * base URL for REST and Live, so the mock answers both on one port.
 *
 * <p>Called on a worker thread, never on an event loop, so an implementation may block (file
 * reads, templating, configured delays).
 */
public interface HttpCompanion {
  /**
   * One request, copied out of Netty's buffers.
   *
   * @param method e.g. {@code POST}
   * @param uri path and query as sent
   * @param headers names as sent; look them up case-insensitively
   * @param body the request body, empty when none
   * @param scheme {@code http} or {@code https}
   * @param host the {@code Host} header, or {@code localhost}
   */
  record Call(String method, String uri, Map<String, List<String>> headers, byte[] body, String scheme,
      String host) {
    /** The first value of a header, ignoring case; null when absent. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** An answer; {@code Content-Length} is set by the transport. */
  record Reply(int status, Map<String, List<String>> headers, byte[] body) {}

  Reply serve(Call call);
}
