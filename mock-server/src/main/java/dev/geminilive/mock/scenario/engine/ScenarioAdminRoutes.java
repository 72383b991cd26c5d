package dev.geminilive.mock.scenario.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioProblem;
import dev.geminilive.mock.scenario.load.ScenarioValidator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The scenario part of the admin API:
 *
 * <ul>
 *   <li>{@code GET /__admin/scenarios}: what is loaded, the problems of broken files, the queue;
 *   <li>{@code POST /__admin/scenarios/{id}/queue}: the next session that names no scenario runs it;
 *   <li>{@code DELETE /__admin/scenarios/queue}: empty the queue;
 *   <li>{@code POST /__admin/scenarios/reload}: re-read the folder now;
 *   <li>{@code POST /__admin/scenarios/validate/{name}} with a scenario as the body: its problems,
 *       as if it were the file {@code name} in the scenarios folder (nothing is written).
 * </ul>
 *
 * A mismatch shows up in {@code GET /__admin/sessions/{id}}: a {@code scenario-mismatch} entry
 * with the step, what it expected and what arrived.
 */
public final class ScenarioAdminRoutes implements AdminRoutes {
  private final ScenarioLibrary library;
  private final ScenarioValidator validator = ScenarioValidator.bundled();

  public ScenarioAdminRoutes(ScenarioLibrary library) {
    this.library = library;
  }

  @Override
  public boolean owns(String route) {
    return route.equals("scenarios") || route.startsWith("scenarios/");
  }

  @Override
  public Optional<AdminApi.Response> handle(String method, String route, byte[] requestBody) {
    if (!route.equals("scenarios") && !route.startsWith("scenarios/")) {
      return Optional.empty();
    }
    if (route.equals("scenarios") && method.equals("GET")) {
      return Optional.of(AdminApi.ok(listing(library.snapshot())));
    }
    if (route.equals("scenarios/reload") && method.equals("POST")) {
      return Optional.of(AdminApi.ok(listing(library.reload())));
    }
    if (route.startsWith("scenarios/validate/") && method.equals("POST")) {
      String name = route.substring("scenarios/validate/".length());
      if (!name.matches("[A-Za-z0-9._-]+\\.(yaml|yml|json)")) {
        return Optional.of(AdminApi.error(400, "Name the file like x.yaml, x.yml or x.json: POST /__admin/scenarios/validate/{name}."));
      }
      ScenarioValidator.Result result = validator.validateText(library.root(), name,
          new String(requestBody, StandardCharsets.UTF_8));
      ObjectNode answer = LiveJson.mapper().createObjectNode().put("valid", result.ok());
      ArrayNode problems = answer.putArray("problems");
      result.problems().forEach(p -> problems.add(p.toString()));
      return Optional.of(AdminApi.ok(answer));
    }
    if (route.equals("scenarios/queue") && method.equals("DELETE")) {
      library.clearQueue();
      return Optional.of(AdminApi.ok(LiveJson.mapper().createObjectNode().put("cleared", true)));
    }
    if (route.endsWith("/queue") && method.equals("POST")) {
      String id = route.substring("scenarios/".length(), route.length() - "/queue".length());
      if (!library.queue(id)) {
        return Optional.of(AdminApi.error(404, "No scenario '" + id + "' is loaded."));
      }
      ObjectNode body = LiveJson.mapper().createObjectNode().put("queued", id);
      ArrayNode queue = body.putArray("queue");
      library.queuedIds().forEach(queue::add);
      return Optional.of(AdminApi.ok(body));
    }
    return Optional.of(AdminApi.error(404, "No admin route " + method + " /__admin/" + route
        + ". Try GET /__admin/scenarios or POST /__admin/scenarios/{id}/queue."));
  }

  private ObjectNode listing(ScenarioLibrary.Snapshot snapshot) {
    ObjectNode body = LiveJson.mapper().createObjectNode();
    body.put("root", library.root().toString());
    body.put("version", snapshot.version());
    ArrayNode list = body.putArray("scenarios");
    for (Scenario s : snapshot.scenarios().values()) {
      ObjectNode n = list.addObject();
      n.put("id", s.id());
      n.put("title", s.title());
      n.put("file", s.file());
      n.put("model", s.model());
      ArrayNode tags = n.putArray("tags");
      s.tags().forEach(tags::add);
    }
    ArrayNode problems = body.putArray("problems");
    for (ScenarioProblem p : snapshot.problems()) {
      problems.addObject().put("file", p.file()).put("line", p.line()).put("column", p.column())
          .put("message", p.message()).put("warning", p.warning()).put("text", p.toString());
    }
    ArrayNode queue = body.putArray("queue");
    library.queuedIds().forEach(queue::add);
    return body;
  }
}
