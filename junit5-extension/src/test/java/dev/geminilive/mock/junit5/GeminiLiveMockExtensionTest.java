package dev.geminilive.mock.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * How the extension behaves for the test classes that use it, run through JUnit's own test kit:
 * one mock per class shared with nested classes, scenario selection, plain HTTP when asked, and a
 * clear failure for a scenarios folder that does not exist.
 */
class GeminiLiveMockExtensionTest {
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @GeminiLiveMock(tls = false, defaultScenario = "smalltalk")
  static class PlainHttpWithDefaultScenario {
    @Test
    void defaultScenario(GeminiLiveMockRuntime mock) throws Exception {
      SEEN.add("default " + mock.baseUrl() + " " + mock.rootUrl());
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(mock.rootUrl() + "/__admin/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      SEEN.add("health " + health.statusCode());
      // The extension guarded the admin API with a token of its own, and hands it to the test.
      HttpRequest.Builder sessions = HttpRequest.newBuilder(URI.create(mock.rootUrl() + "/__admin/sessions"));
      SEEN.add("admin without token " + HttpClient.newHttpClient()
          .send(sessions.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
      SEEN.add("admin with token " + HttpClient.newHttpClient()
          .send(sessions.header("Authorization", mock.adminAuthorization()).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode());
      SEEN.add("token length " + mock.adminToken().length());
    }

    @Test
    @Scenario("barge-in")
    void scenarioOnTheMethodWins(GeminiLiveMockRuntime mock) {
      SEEN.add("method " + mock.baseUrl() + " " + mock.baseUrlFor("/other/"));
    }

    @Nested
    class Inner {
      @Test
      void sharesTheEnclosingMock(GeminiLiveMockRuntime mock) {
        SEEN.add("nested " + mock.rootUrl());
      }
    }
  }

  /** A scenario a test writes in Java lasts for that test only; one added before the tests stays. */
  @GeminiLiveMock(tls = false)
  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
  static class ScenariosInJava {
    @org.junit.jupiter.api.BeforeAll
    static void forTheClass(GeminiLiveMockRuntime mock) {
      mock.useScenario(dev.geminilive.mock.scenario.build.ScenarioBuilder.scenario("class-wide").say("hi"));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void addsOne(GeminiLiveMockRuntime mock) {
      String url = mock.useScenario(dev.geminilive.mock.scenario.build.ScenarioBuilder.scenario("this-test-only")
          .expectText(e -> e.contains("realtimeInput.text", "weather")).say("Sunny."));
      SEEN.add("url " + url.substring(mock.rootUrl().length()));
      SEEN.add("during " + new java.util.TreeSet<>(mock.server().scenarioLibrary().orElseThrow().snapshot().scenarios().keySet()));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void seesItGone(GeminiLiveMockRuntime mock) {
      SEEN.add("after " + new java.util.TreeSet<>(mock.server().scenarioLibrary().orElseThrow().snapshot().scenarios().keySet()));
    }
  }

  @Test
  void scenariosWrittenInJavaLastForTheTestThatAddedThem() {
    SEEN.clear();
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ScenariosInJava.class))
        .execute().testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(SEEN).containsExactly("url /this-test-only", "during [class-wide, this-test-only]", "after [class-wide]");
  }

  @GeminiLiveMock(scenarios = "no/such/folder")
  static class MissingScenarioFolder {
    @Test
    void neverRuns() {}
  }

  @Test
  void runsOneMockPerClassAndSelectsScenariosByPathPrefix() {
    SEEN.clear();
    Events tests = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PlainHttpWithDefaultScenario.class))
        .execute().testEvents();
    tests.assertStatistics(s -> s.started(3).succeeded(3));

    String root = SEEN.stream().filter(s -> s.startsWith("nested ")).findFirst().orElseThrow().substring(7);
    assertThat(root).startsWith("http://127.0.0.1:");
    assertThat(SEEN).contains(
        "default " + root + "/smalltalk " + root,
        "health 200",
        "admin without token 401",
        "admin with token 200",
        "token length 43",
        "method " + root + "/barge-in " + root + "/other");
  }

  @Test
  void aMissingScenariosFolderFailsTheClassWithTheReason() {
    Events containers = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(MissingScenarioFolder.class))
        .execute().containerEvents();
    containers.assertThatEvents().anySatisfy(e -> assertThat(e.getPayload(
            org.junit.platform.engine.TestExecutionResult.class))
        .hasValueSatisfying(r -> assertThat(r.getThrowable()).hasValueSatisfying(t ->
            assertThat(t).hasMessageContaining("scenarios = \"no/such/folder\"").hasMessageContaining("no such folder"))));
  }
}
