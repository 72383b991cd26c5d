package dev.geminilive.mock.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.security.NotAuthorisedException;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.security.AdminPaths;
import dev.geminilive.mock.transport.Companions;
import dev.geminilive.mock.transport.HttpCompanion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The REST side of the mock, on the Live port: {@code POST /{version}/auth_tokens} mints
 * ephemeral tokens that the Constrained Live endpoint then checks; every other request goes to
 * the embedded WireMock (users' stubs, the default OAuth token endpoint, WireMock's admin API).
 *
 * <pre>{@code
 * try (RestCompanion rest = RestCompanion.start(stubsDir, null);
 *      LiveServer server = LiveServer.start(config, profiles, responders, rest.companions())) { ... }
 * }</pre>
 */
public final class RestCompanion implements HttpCompanion, AutoCloseable {
  /** Carries the scenario prefix of a REST call to the stubs (see {@link #withoutScenarioPrefix}). */
  public static final String SCENARIO_HEADER = "X-Gemini-Live-Mock-Scenario";
  private static final Pattern SCENARIO_PREFIX =
      Pattern.compile("^(/(?!upload/)[^?]*?)?/(upload/)?(v1|v1alpha|v1beta|v1beta1)/");

  private final EphemeralTokens tokens;
  private final AuthTokensApi authTokens;
  /**
   * WireMock takes about a second to start; it starts beside the Live server instead of before
   * it, so {@code serve} listens at once. REST calls run on the companion executor and may wait.
   */
  private final CompletableFuture<EmbeddedWireMock> wireMock;

  private RestCompanion(EphemeralTokens tokens, String requiredKey, CompletableFuture<EmbeddedWireMock> wireMock) {
    this.tokens = tokens;
    this.authTokens = new AuthTokensApi(tokens, requiredKey);
    this.wireMock = wireMock;
  }

  /**
   * @param stubsDir WireMock root (with {@code mappings/}, {@code __files/}); null for none
   * @param requiredKey the API key {@code auth_tokens} demands; null accepts any non-empty one
   */
  public static RestCompanion start(Path stubsDir, String requiredKey) {
    // Initialise logging on this thread first: two threads racing through SLF4J's start-up make it
    // print a warning about intercepted calls.
    LoggerFactory.getLogger(RestCompanion.class);
    CompletableFuture<EmbeddedWireMock> wireMock = new CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        wireMock.complete(EmbeddedWireMock.start(stubsDir));
      } catch (Throwable e) {
        wireMock.completeExceptionally(e);
      }
    }, "wiremock-start");
    starter.setDaemon(true);
    starter.start();
    return new RestCompanion(new EphemeralTokens(), requiredKey, wireMock);
  }

  /** What to give {@code LiveServer.start}: this, and the token store as the Constrained gate. */
  public Companions companions() {
    return new Companions(this, tokens);
  }

  public EphemeralTokens tokens() {
    return tokens;
  }

  /** The embedded WireMock, waiting for it to finish starting if need be. */
  public EmbeddedWireMock wireMock() {
    return wireMock.join();
  }

  @Override
  public Reply serve(Call call) {
    QueryStringDecoder uri = new QueryStringDecoder(call.uri());
    String path = uri.rawPath();
    if (AuthTokensApi.matches(path)) {
      return authTokens.create(call, call.uri());
    }
    try {
      return route(call, path);
    } catch (NotAuthorisedException e) {
      // WireMock refused a file outside __files (a templated bodyFileName, a file admin call with
      // ../): say so without naming folders of this machine.
      return error(403, "PERMISSION_DENIED", "A stub or admin call named a file outside the stubs folder's __files.");
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof URISyntaxException) {
        return error(400, "INVALID_ARGUMENT", "The request target is not a valid URI.");
      }
      throw e;
    }
  }

  private Reply route(Call call, String path) {
    if (path.startsWith("/__admin/") || path.equals("/__admin")) {
      if (AdminPaths.normalise(path).startsWith("/__admin/shutdown")) {
        // WireMock's shutdown would leave the Live server running with its REST side dead.
        return error(403, "PERMISSION_DENIED", "Stop the mock itself (Ctrl-C, or stop the container) instead.");
      }
      return wireMock().admin(call);
    }
    Reply reply = wireMock().stub(withoutScenarioPrefix(call, path));
    if (reply.status() == 404 && reply.body().length == 0) {
      // Direct calls skip WireMock's "not matched" page: say what happened in Google's error shape.
      return error(404, "NOT_FOUND", "No Live endpoint or stub matched " + call.method() + " " + path
          + ". Add a WireMock mapping (mappings/*.json in the --stubs folder) or use a Live path ending in"
          + " /ws/google.ai.generativelanguage.<version>.GenerativeService.BidiGenerateContent.");
    }
    return reply;
  }

  /**
   * An SDK given a scenario base URL ({@code http://host:port/greeting}) sends its REST calls
   * under that prefix too. Stubs are written for the real paths, so the prefix before the API
   * version is cut off and passed on in the {@value #SCENARIO_HEADER} header, where a stub can
   * match on it. Google's own {@code /upload/} prefix is kept.
   */
  static Call withoutScenarioPrefix(Call call, String path) {
    Matcher m = SCENARIO_PREFIX.matcher(path);
    if (!m.find() || m.group(1) == null) {
      return call;
    }
    String prefix = m.group(1).substring(1);
    Map<String, List<String>> headers = new LinkedHashMap<>(call.headers());
    headers.put(SCENARIO_HEADER, List.of(prefix));
    return new Call(call.method(), call.uri().substring(m.group(1).length()), headers, call.body(),
        call.scheme(), call.host());
  }

  static String queryParameter(String uri, String name) {
    List<String> values = new QueryStringDecoder(uri).parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static Reply error(int code, String status, String message) {
    ObjectNode body = LiveJson.mapper().createObjectNode();
    body.putObject("error").put("code", code).put("message", message).put("status", status);
    return new Reply(code, Map.of("Content-Type", List.of("application/json; charset=UTF-8")), bytes(body));
  }

  static byte[] bytes(ObjectNode node) {
    try {
      return LiveJson.mapper().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"" + e.getOriginalMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    wireMock.thenAccept(EmbeddedWireMock::close);
  }
}
