package dev.geminilive.mock.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServerFactory;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import dev.geminilive.mock.transport.HttpCompanion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock in-process, reached by direct calls (no Jetty listener, no second port): users' REST
 * stubs in WireMock's own {@code mappings/} + {@code __files/} layout, and WireMock's admin API
 * under {@code /__admin/} for the routes the mock itself does not own.
 *
 * <p>It also serves a default OAuth2 token endpoint ({@code POST /token}, and Google's
 * {@code /oauth2/v4/token}) at the lowest priority, so a Vertex AI client whose service-account
 * key file has {@code "token_uri": "<base URL>/token"} gets an access token offline. A user
 * mapping for the same path wins.
 */
public final class EmbeddedWireMock implements AutoCloseable {
  /** The access token the default OAuth stub hands out. */
  public static final String OAUTH_ACCESS_TOKEN = "mock-oauth-access-token";
  private static final int DEFAULT_STUB_PRIORITY = 100;

  private final WireMockServer server;
  private final DirectCallHttpServer direct;

  private EmbeddedWireMock(WireMockServer server, DirectCallHttpServer direct) {
    this.server = server;
    this.direct = direct;
  }

  /**
   * Starts WireMock.
   *
   * @param stubsDir a folder holding {@code mappings/} and {@code __files/}; null for none
   */
  public static EmbeddedWireMock start(Path stubsDir) {
    DirectCallHttpServerFactory factory = new DirectCallHttpServerFactory();
    WireMockConfiguration config = wireMockConfig()
        .httpServerFactory(factory)
        .notifier(new WireMockLog())
        .maxRequestJournalEntries(1_000);
    if (stubsDir != null) {
      if (!Files.isDirectory(stubsDir)) {
        throw new IllegalArgumentException("stubs folder " + stubsDir + " does not exist");
      }
      config.usingFilesUnderDirectory(stubsDir.toAbsolutePath().toString());
    } else {
      // WireMock's default root is ./src/test/resources: never pick up whatever happens to be there.
      config.usingFilesUnderDirectory(emptyRoot().toString());
    }
    WireMockServer server = new WireMockServer(config);
    server.start();
    server.stubFor(post(urlPathMatching("/(oauth2/v4/)?token"))
        .atPriority(DEFAULT_STUB_PRIORITY)
        .willReturn(okJson("{\"access_token\":\"" + OAUTH_ACCESS_TOKEN
            + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    return new EmbeddedWireMock(server, factory.getHttpServer());
  }

  private static Path emptyRoot() {
    try {
      Path dir = Files.createTempDirectory("gemini-live-mock-wiremock");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot make a temporary folder for WireMock", e);
    }
  }

  /** The WireMock server, for stubbing and verifying from Java ({@code stubFor}, {@code verify}). */
  public WireMockServer server() {
    return server;
  }

  HttpCompanion.Reply stub(HttpCompanion.Call call) {
    return reply(direct.stubRequest(request(call)));
  }

  HttpCompanion.Reply admin(HttpCompanion.Call call) {
    return reply(direct.adminRequest(request(call)));
  }

  private static ImmutableRequest request(HttpCompanion.Call call) {
    List<HttpHeader> headers = new ArrayList<>();
    for (Map.Entry<String, List<String>> h : call.headers().entrySet()) {
      headers.add(new HttpHeader(h.getKey(), h.getValue()));
    }
    return new DirectCallRequest(call.scheme() + "://" + call.host() + call.uri(),
        RequestMethod.fromString(call.method()), new HttpHeaders(headers), call.body());
  }

  /**
   * WireMock's request value with cookies: {@code ImmutableRequest} answers null for them, and
   * response templating (any stub with {@code "transformers": ["response-template"]}) reads them.
   */
  private static final class DirectCallRequest extends ImmutableRequest {
    DirectCallRequest(String absoluteUrl, RequestMethod method, HttpHeaders headers, byte[] body) {
      super(absoluteUrl, method, "HTTP/1.1", "127.0.0.1", headers, body, false, false);
    }

    @Override
    public Map<String, Cookie> getCookies() {
      Map<String, List<String>> values = new LinkedHashMap<>();
      HttpHeader header = getHeaders().getHeader("Cookie");
      if (header.isPresent()) {
        for (String line : header.values()) {
          for (String pair : line.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              values.computeIfAbsent(pair.substring(0, eq).trim(), k -> new ArrayList<>())
                  .add(pair.substring(eq + 1).trim());
            }
          }
        }
      }
      Map<String, Cookie> cookies = new LinkedHashMap<>();
      values.forEach((name, list) -> cookies.put(name, new Cookie(list)));
      return cookies;
    }
  }

  private static HttpCompanion.Reply reply(Response response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : response.getHeaders().all()) {
      headers.put(h.key(), List.copyOf(h.values()));
    }
    byte[] body = response.getBody();
    return new HttpCompanion.Reply(response.getStatus(), headers, body == null ? new byte[0] : body);
  }

  @Override
  public void close() {
    server.stop();
  }
}
