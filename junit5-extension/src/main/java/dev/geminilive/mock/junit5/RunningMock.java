package dev.geminilive.mock.junit5;

import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The mock started for one test class: Live server plus its REST companions. */
final class RunningMock implements AutoCloseable {
  private final LiveServer server;
  private final RestCompanion rest;
  private final Path scenariosDir;

  private RunningMock(LiveServer server, RestCompanion rest, Path scenariosDir) {
    this.server = server;
    this.rest = rest;
    this.scenariosDir = scenariosDir;
  }

  static RunningMock start(GeminiLiveMock options) {
    Path scenarios = folder(options.scenarios(), "scenarios");
    Path stubs = folder(options.stubs(), "stubs");
    ServerConfig config = ServerConfig.defaults()
        .withPort(options.port())
        .withSession(new SessionSettings(options.timeScale(), SessionSettings.defaults().defaultSilenceMs()));
    if (options.tls()) {
      config = config.withTls(SharedTls.material());
      if (options.installTrustStore()) {
        SharedTls.installJvmWide();
      }
    }
    RestCompanion rest = RestCompanion.start(stubs, null);
    try {
      // With a scenarios folder, a test's base URL prefix selects its scenario; else the persona
      // answers whatever the prefix.
      LiveServer server = scenarios == null
          ? LiveServer.start(config, ProfileCatalog.bundled(), session -> new PersonaResponder(),
              rest.companions())
          : ScenarioServer.start(config, ScenarioServer.library(scenarios), ProfileCatalog.bundled(),
              rest.companions());
      return new RunningMock(server, rest, scenarios);
    } catch (InterruptedException e) {
      rest.close();
      Thread.currentThread().interrupt();
      throw new ExtensionConfigurationException("interrupted while starting the Gemini Live mock", e);
    } catch (RuntimeException e) {
      rest.close();
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

  LiveServer server() {
    return server;
  }

  RestCompanion rest() {
    return rest;
  }

  Path scenariosDir() {
    return scenariosDir;
  }

  /** Forgets the previous test's sessions and REST calls; stubs stay. */
  void resetJournals() {
    server.journal().clear();
    rest.wireMock().server().resetRequests();
  }

  @Override
  public void close() {
    server.close();
    rest.close();
  }
}
