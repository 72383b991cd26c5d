package dev.geminilive.mock.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.transport.HttpCompanion;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /{version}/auth_tokens}: mints an ephemeral token, as the Developer API does for
 * {@code client.authTokens.create(...)} (google-genai Java 2.0.0 {@code Tokens.create} posts
 * {@code uses}, {@code expireTime}, {@code newSessionExpireTime}, {@code bidiGenerateContentSetup}
 * and {@code fieldMask} to {@code auth_tokens} with the API key; the answer's {@code name} is the
 * token). The caller must present an API key, the one given by {@code --require-key} if any.
 */
final class AuthTokensApi {
  private static final Pattern PATH = Pattern.compile("(/.*)?/+(v1|v1beta|v1alpha)/auth_tokens/?");

  private final EphemeralTokens tokens;
  private final String requiredKey;
  private final ObjectMapper json = LiveJson.mapper();

  AuthTokensApi(EphemeralTokens tokens, String requiredKey) {
    this.tokens = tokens;
    this.requiredKey = requiredKey == null || requiredKey.isEmpty() ? null : requiredKey;
  }

  static boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  HttpCompanion.Reply create(HttpCompanion.Call call, String query) {
    if (!call.method().equals("POST")) {
      return RestCompanion.error(405, "METHOD_NOT_ALLOWED", "Use POST to create an auth token.");
    }
    String key = call.header("x-goog-api-key");
    if (key == null) {
      key = RestCompanion.queryParameter(query, "key");
    }
    if (key == null || key.isBlank()) {
      return RestCompanion.error(403, "PERMISSION_DENIED",
          "Method doesn't allow unregistered callers (callers without established identity)."
              + " Please use API Key or other form of API consumer identity to call this API.");
    }
    if (requiredKey != null && !requiredKey.equals(key)) {
      return RestCompanion.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
    }
    JsonNode body;
    try {
      body = call.body().length == 0 ? json.createObjectNode() : json.readTree(call.body());
    } catch (IOException e) {
      return RestCompanion.error(400, "INVALID_ARGUMENT", "The request body is not JSON: " + e.getMessage());
    }
    if (!body.isObject()) {
      return RestCompanion.error(400, "INVALID_ARGUMENT", "The request body must be a JSON object.");
    }
    EphemeralTokens.Token token;
    try {
      token = tokens.create(
          body.hasNonNull("uses") ? Integer.valueOf(body.get("uses").asInt()) : null,
          time(body, "expireTime"),
          time(body, "newSessionExpireTime"));
    } catch (IllegalArgumentException e) {
      return RestCompanion.error(400, "INVALID_ARGUMENT", e.getMessage());
    }
    ObjectNode answer = json.createObjectNode();
    answer.put("name", token.name());
    answer.put("expireTime", token.expireTime().toString());
    answer.put("newSessionExpireTime", token.newSessionExpireTime().toString());
    answer.put("uses", token.uses());
    return new HttpCompanion.Reply(200, Map.of("Content-Type", List.of("application/json; charset=UTF-8")),
        RestCompanion.bytes(answer));
  }

  private static Instant time(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return Instant.ofEpochSecond(node.asLong());
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(field + " must be an RFC 3339 time such as 2030-01-01T00:00:00Z, not '"
          + node.asText() + "'.");
    }
  }
}
