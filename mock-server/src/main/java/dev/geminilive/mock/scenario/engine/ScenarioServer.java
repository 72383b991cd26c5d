package dev.geminilive.mock.scenario.engine;

import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioLoader;
import dev.geminilive.mock.scenario.load.ScenarioSchema;
import dev.geminilive.mock.transport.Companions;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Path;
import java.util.List;

/** Starts a {@link LiveServer} that runs the scenarios of a folder, the persona otherwise. */
public final class ScenarioServer {
  private ScenarioServer() {}

  /** Loads {@code folder} once (no polling); for tests and embedding. */
  public static ScenarioLibrary library(Path folder) {
    return library(folder, ProfileCatalog.bundled());
  }

  /** Loads {@code folder} against {@code profiles} (a scenario's model must resolve in them). */
  public static ScenarioLibrary library(Path folder, ProfileCatalog profiles) {
    return new ScenarioLibrary(new ScenarioLoader(folder, ScenarioSchema.bundled(), profiles));
  }

  public static LiveServer start(ServerConfig config, ScenarioLibrary library) throws InterruptedException {
    return start(config, library, ProfileCatalog.bundled());
  }

  public static LiveServer start(ServerConfig config, ScenarioLibrary library, ProfileCatalog profiles)
      throws InterruptedException {
    return start(config, library, profiles, Companions.none());
  }

  /** As above, with REST companions (ephemeral tokens, WireMock stubs) on the same port. */
  public static LiveServer start(ServerConfig config, ScenarioLibrary library, ProfileCatalog profiles,
      Companions companions) throws InterruptedException {
    return LiveServer.start(config, profiles,
        new ScenarioSelector(library, session -> new PersonaResponder()),
        List.of(new ScenarioAdminRoutes(library)), companions);
  }
}
