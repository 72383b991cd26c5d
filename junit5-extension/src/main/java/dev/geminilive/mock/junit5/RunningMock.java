package dev.geminilive.mock.junit5;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The mock started for one test class, through the front door, with the annotation's options. */
final class RunningMock implements AutoCloseable {
  private final GeminiLiveMockServer server;
  private final Path scenariosDir;
  /** Scenarios a test added from Java; removed when it ends. Null outside a test. */
  private Set<String> addedByTest;

  private RunningMock(GeminiLiveMockServer server, Path scenariosDir) {
    this.server = server;
    this.scenariosDir = scenariosDir;
  }

  static RunningMock start(GeminiLiveMock annotation) {
    Path scenarios = folder(annotation.scenarios(), "scenarios");
    GeminiLiveMockOptions options = GeminiLiveMockOptions.options()
        .port(annotation.port())
        .timeScale(annotation.timeScale())
        .timing(dev.geminilive.mock.timing.TimingMode.parse(annotation.timing()))
        .timingSeed(annotation.timingSeed())
        .scenarios(scenarios)
        .stubs(folder(annotation.stubs(), "stubs"))
        // Protected without any configuration: a fresh token per mock, known only to this JVM
        // (GeminiLiveMockRuntime#adminToken()).
        .randomAdminToken();
    if (annotation.tls()) {
      // One certificate per JVM: JVM-wide trust is read once and cached (see SharedTls).
      options.tls(SharedTls.material());
      if (annotation.installTrustStore()) {
        SharedTls.installJvmWide();
      }
    }
    try {
      return new RunningMock(GeminiLiveMockServer.start(options), scenarios);
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException("cannot start the Gemini Live mock: " + e.getMessage(), e);
    }
  }

  private static Path folder(String name, String attribute) {
    if (name.isEmpty()) {
      return null;
    }
    Path dir = Path.of(name);
    if (!Files.isDirectory(dir)) {
      throw new ExtensionConfigurationException("@GeminiLiveMock(" + attribute + " = \"" + name
          + "\"): no such folder (relative to " + Path.of("").toAbsolutePath() + ")");
    }
    return dir;
  }

  GeminiLiveMockServer server() {
    return server;
  }

  Path scenariosDir() {
    return scenariosDir;
  }

  /**
   * Adds (or replaces) a scenario from Java. During a test it lasts until the test ends; before
   * the tests (e.g. in {@code @BeforeAll}) it lasts for the class.
   */
  synchronized void addScenario(Scenario scenario) {
    library().put(scenario);
    if (addedByTest != null) {
      addedByTest.add(scenario.id());
    }
  }

  ScenarioLibrary library() {
    return server.scenarioLibrary().orElseThrow();
  }

  synchronized void testStarted() {
    addedByTest = new HashSet<>();
  }

  synchronized void testEnded() {
    if (addedByTest != null) {
      addedByTest.forEach(library()::remove);
    }
    addedByTest = null;
  }

  /** Forgets the previous test's sessions and REST calls; stubs stay. */
  void resetJournals() {
    server.resetJournals();
  }

  @Override
  public void close() {
    server.stop();
  }
}
