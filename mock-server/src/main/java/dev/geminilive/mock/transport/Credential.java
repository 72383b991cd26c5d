package dev.geminilive.mock.transport;

import dev.geminilive.mock.profile.ApiFlavour;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * The credential a client presented on the upgrade request, found where each SDK puts it: the
 * JS SDK in {@code ?key=} / {@code ?access_token=}, the Java and Python SDKs in
 * {@code x-goog-api-key} / {@code Authorization: Token ...}, Vertex clients in
 * {@code Authorization: Bearer ...}.
 *
 * @param kind {@code api-key}, {@code ephemeral-token}, {@code bearer} or {@code none}
 * @param placement {@code query} or {@code header}; null when none
 * @param value the secret itself; never journalled or logged
 */
public record Credential(String kind, String placement, String value) {
  static final Credential NONE = new Credential("none", null, null);

  static Credential find(LiveEndpoint endpoint, QueryStringDecoder query, HttpHeaders headers) {
    String authorization = headers.get("Authorization", "");
    if (endpoint.constrained()) {
      String token = first(query, "access_token");
      if (token != null) return new Credential("ephemeral-token", "query", token);
      if (authorization.regionMatches(true, 0, "Token ", 0, 6)) {
        return new Credential("ephemeral-token", "header", authorization.substring(6).trim());
      }
      return NONE;
    }
    String key = first(query, "key");
    if (key != null) return new Credential("api-key", "query", key);
    String headerKey = headers.get("x-goog-api-key");
    if (headerKey != null) return new Credential("api-key", "header", headerKey);
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Credential("bearer", "header", authorization.substring(7).trim());
    }
    String accessToken = first(query, "access_token");
    if (accessToken != null && endpoint.flavour() == ApiFlavour.VERTEX) {
      return new Credential("bearer", "query", accessToken);
    }
    return NONE;
  }

  private static String first(QueryStringDecoder query, String name) {
    List<String> values = query.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean present() {
    return value != null && !value.isBlank();
  }
}
