package dev.geminilive.mock.junit5;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.rest.EphemeralTokens;
import dev.geminilive.mock.scenario.build.ScenarioBuilder;
import dev.geminilive.mock.tls.TlsMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A running mock as a test sees it: where it is, how to trust it, what happened in it. Injected
 * into test methods, constructors and lifecycle methods of a {@link GeminiLiveMock} class.
 */
public final class GeminiLiveMockRuntime {
  private final RunningMock mock;
  private final String scenario;

  GeminiLiveMockRuntime(RunningMock mock, String scenario) {
    this.mock = mock;
    this.scenario = scenario == null || scenario.isBlank() ? null : scenario;
  }

  /**
   * The base URL to give an SDK ({@code httpOptions.baseUrl}): {@link #rootUrl()} plus the
   * scenario selected for this test ({@link Scenario}, else {@link GeminiLiveMock#defaultScenario()}).
   */
  public String baseUrl() {
    return scenario == null ? rootUrl() : baseUrlFor(scenario);
  }

  /**
   * The base URL that selects {@code scenarioId}: {@code rootUrl() + "/" + scenarioId}. The SDK
   * appends {@code /ws/...}, so the id arrives as the path prefix before {@code /ws/}.
   */
  public String baseUrlFor(String scenarioId) {
    String id = scenarioId.replaceAll("^/+|/+$", "");
    return id.isEmpty() ? rootUrl() : rootUrl() + "/" + id;
  }

  /**
   * Adds a scenario written in Java (or replaces the one with its id) and returns the base URL that
   * selects it. It gets the checks, engine and journal of a file; added during a test, it is
   * removed when the test ends.
   *
   * <pre>{@code
   * String url = mock.useScenario(ScenarioBuilder.scenario("weather")
   *     .expectText(e -> e.regex("realtimeInput.text", "(?i)weather"))
   *     .say("It is sunny."));
   * }</pre>
   *
   * @throws dev.geminilive.mock.scenario.build.InvalidScenarioException listing every problem
   */
  public String useScenario(ScenarioBuilder scenario) {
    return useScenario(scenario.build(mock.library()));
  }

  /** As {@link #useScenario(ScenarioBuilder)}, for a scenario already built. */
  public String useScenario(dev.geminilive.mock.scenario.Scenario scenario) {
    mock.addScenario(scenario);
    return baseUrlFor(scenario.id());
  }

  /** {@code http(s)://127.0.0.1:port}, no scenario. */
  public String rootUrl() {
    return mock.server().baseUrl();
  }

  /** The running mock itself (the front door), for anything this runtime does not wrap. */
  public GeminiLiveMockServer server() {
    return mock.server();
  }

  /** The scenario this runtime's {@link #baseUrl()} selects; empty for the default persona. */
  public Optional<String> scenario() {
    return Optional.ofNullable(scenario);
  }

  public int port() {
    return mock.server().port();
  }

  public boolean tls() {
    return mock.server().tlsMaterial().isPresent();
  }

  /** The mock's certificate and key; empty without TLS. */
  public Optional<TlsMaterial> tlsMaterial() {
    return mock.server().tlsMaterial();
  }

  /** A PKCS#12 trust store (password {@link #trustStorePassword()}): the JDK's CAs plus the mock's certificate. */
  public Path trustStore() {
    return SharedTls.trustStore();
  }

  public String trustStorePassword() {
    return TlsMaterial.TRUST_STORE_PASSWORD;
  }

  /** An SSL context that trusts the mock's certificate, for clients that take one. */
  public SSLContext sslContext() {
    return SharedTls.material().clientContext();
  }

  /**
   * The admin token the extension set for this mock: a fresh random one per mock. Every
   * {@code /__admin/} route except {@code /__admin/health} requires it (see docs/security.md);
   * {@link #sessions()} and {@link #wireMock()} need none, they are in-process.
   */
  public String adminToken() {
    return mock.server().adminToken().orElseThrow();
  }

  /** The header value for admin calls: {@code Bearer <adminToken()>}, for {@code Authorization}. */
  public String adminAuthorization() {
    return "Bearer " + adminToken();
  }

  /** The embedded WireMock: {@code stubFor(...)} REST answers, {@code verify(...)} REST calls. */
  public WireMockServer wireMock() {
    return mock.server().wireMock();
  }

  /** The ephemeral tokens minted so far ({@code POST .../auth_tokens}). */
  public EphemeralTokens authTokens() {
    return mock.server().authTokens();
  }

  /** Every Live session since this test started, oldest first. */
  public List<SessionJournal> sessions() {
    return mock.server().journal().sessions();
  }

  /** The most recent session of this test; fails if there is none. */
  public SessionJournal latestSession() {
    return mock.server().journal().latest()
        .orElseThrow(() -> new AssertionError("no Live session reached the mock in this test"));
  }

  /**
   * Waits until {@code count} sessions of this test have ended (closed by either side) and
   * returns all sessions, oldest first. Journals are written by the server's threads; wait before
   * asserting on a session the client just closed.
   */
  public List<SessionJournal> awaitClosedSessions(int count, Duration timeout) {
    return await(list -> list.stream().filter(SessionJournal::isClosed).count() >= count, timeout,
        count + " closed session(s)");
  }

  /** Waits for the latest session to end and returns it. */
  public SessionJournal awaitLatestClosed(Duration timeout) {
    await(list -> !list.isEmpty() && list.get(list.size() - 1).isClosed(), timeout, "the latest session to close");
    return latestSession();
  }

  private List<SessionJournal> await(Predicate<List<SessionJournal>> done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<SessionJournal> list = sessions();
      if (done.test(list)) {
        return list;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what + "; sessions: "
            + list.stream().map(s -> s.sessionId() + (s.isClosed() ? " closed" : " open")).toList());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** The scenario folder given to {@link GeminiLiveMock#scenarios()}; empty when none. */
  public Optional<Path> scenariosDir() {
    return Optional.ofNullable(mock.scenariosDir());
  }

  @Override
  public String toString() {
    return "GeminiLiveMockRuntime[" + baseUrl() + "]";
  }
}
