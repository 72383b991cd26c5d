package dev.geminilive.mock.junit5;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The mock started for one test class, through the front door, with the annotation's options. */
final class RunningMock implements AutoCloseable {
  private final GeminiLiveMockServer server;
  private final Path scenariosDir;

  private RunningMock(GeminiLiveMockServer server, Path scenariosDir) {
    this.server = server;
    this.scenariosDir = scenariosDir;
  }

  static RunningMock start(GeminiLiveMock annotation) {
    Path scenarios = folder(annotation.scenarios(), "scenarios");
    GeminiLiveMockOptions options = GeminiLiveMockOptions.options()
        .port(annotation.port())
        .timeScale(annotation.timeScale())
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

  /** Forgets the previous test's sessions and REST calls; stubs stay. */
  void resetJournals() {
    server.resetJournals();
  }

  @Override
  public void close() {
    server.stop();
  }
}
