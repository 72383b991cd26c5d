package dev.geminilive.mock.scenario.engine;

import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.ConnectionInfo;
import dev.geminilive.mock.session.Responder;
import dev.geminilive.mock.session.ResponderFactory;
import dev.geminilive.mock.session.SessionControl;
import java.util.Optional;

/**
 * Picks who answers a session, in this order: the URL path prefix before {@code /ws/} (works
 * through any SDK's base URL), the API key value (bare id or {@code scenario:<id>}), the next id
 * queued through the admin API, and otherwise the fallback (the default persona). A prefix that
 * names no scenario is refused with a close that says so, rather than silently answered by the
 * persona. Connections of a multi-connection scenario are chained by {@link ScenarioFlows}.
 */
public final class ScenarioSelector implements ResponderFactory {
  private static final String KEY_PREFIX = "scenario:";

  private final ScenarioLibrary library;
  private final ResponderFactory fallback;
  private final ScenarioFlows flows = new ScenarioFlows();

  public ScenarioSelector(ScenarioLibrary library, ResponderFactory fallback) {
    this.library = library;
    this.fallback = fallback;
  }

  @Override
  public Responder responderFor(SessionControl session) {
    ConnectionInfo c = session.connection();
    ScenarioLibrary.Snapshot snapshot = library.snapshot();
    String prefix = c.prefix() == null ? "" : c.prefix();
    if (!prefix.isEmpty()) {
      String id = prefix.startsWith("scenarios/") ? prefix.substring("scenarios/".length()) : prefix;
      Optional<Scenario> byPrefix = snapshot.get(id);
      if (byPrefix.isPresent()) {
        return run(session, byPrefix.get(), "path prefix");
      }
      if (library.hasFolder() || !snapshot.scenarios().isEmpty()) {
        return new RefusingResponder(1008, "No scenario '" + id + "' is loaded; see /__admin/scenarios.");
      }
      // No scenarios in use at all (no folder, none added): a prefix is just part of the base URL.
    }
    String key = c.credentialValue();
    if (key != null && !key.isEmpty()) {
      String id = key.startsWith(KEY_PREFIX) ? key.substring(KEY_PREFIX.length()) : key;
      Optional<Scenario> byKey = snapshot.get(id);
      if (byKey.isPresent()) {
        return run(session, byKey.get(), "API key");
      }
    }
    Optional<String> queued = library.takeQueued();
    if (queued.isPresent()) {
      Optional<Scenario> q = snapshot.get(queued.get());
      if (q.isPresent()) {
        return run(session, q.get(), "admin queue");
      }
      return new RefusingResponder(1008, "Queued scenario '" + queued.get() + "' is no longer loaded.");
    }
    return fallback.responderFor(session);
  }

  /** Names the scenario in the session's listing as soon as it is chosen, even if setup then fails. */
  private ScenarioRun run(SessionControl session, Scenario scenario, String selectedBy) {
    session.attribute("scenario", scenario.id());
    session.attribute("scenarioSelectedBy", selectedBy);
    String handle = null;
    if (session.setup() != null && session.setup().sessionResumption() != null
        && session.setup().sessionResumption().handle() != null
        && session.setup().sessionResumption().handle().isTextual()) {
      handle = session.setup().sessionResumption().handle().asText();
    }
    // A multi-connection scenario continues the run this connection resumes, or the one waiting.
    ScenarioFlows.Place place = flows.attach(scenario, handle);
    return new ScenarioRun(place.flow(), place.connection(), selectedBy);
  }

  /** Ends a session whose selection failed, before setupComplete, with a reason that says why. */
  private static final class RefusingResponder implements Responder {
    private final int code;
    private final String reason;

    RefusingResponder(int code, String reason) {
      this.code = code;
      this.reason = reason;
    }

    @Override
    public boolean admitSetup(SessionControl control) {
      control.note("scenario", reason);
      control.close(code, reason);
      return false;
    }

    @Override
    public void start(SessionControl control) {}

    @Override
    public void onMessage(dev.geminilive.mock.protocol.ClientMessage message,
        dev.geminilive.mock.session.AudioInput audio, SessionControl control) {}

    @Override
    public void stop() {}
  }
}
