package dev.geminilive.mock.scenario.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioLoader;
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
 *       as if it were the file {@code name} in the scenarios folder (nothing is written);
 *   <li>{@code POST /__admin/scenarios} (or {@code PUT /__admin/scenarios/{id}}) with a scenario in
 *       YAML or JSON as the body: adds it, or replaces the one with its id, for new sessions, after
 *       the checks a file gets (as WireMock's admin API adds stub mappings);
 *   <li>{@code DELETE /__admin/scenarios/{id}}: removes a scenario added that way.
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
    if ((route.equals("scenarios") && method.equals("POST"))
        || (method.equals("PUT") && route.startsWith("scenarios/") && route.indexOf('/', "scenarios/".length()) < 0)) {
      return Optional.of(add(route.equals("scenarios") ? null : route.substring("scenarios/".length()), requestBody));
    }
    if (method.equals("DELETE") && route.startsWith("scenarios/") && !route.equals("scenarios/queue")
        && route.indexOf('/', "scenarios/".length()) < 0) {
      String id = route.substring("scenarios/".length());
      if (!library.remove(id)) {
        return Optional.of(AdminApi.error(404, "No scenario '" + id + "' was added at run time;"
            + " files are removed by deleting them."));
      }
      return Optional.of(AdminApi.ok(LiveJson.mapper().createObjectNode().put("removed", id)));
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

  /** Reads, checks and adds a scenario from a request body; 400 with its problems when it is broken. */
  private AdminApi.Response add(String id, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    boolean json = text.stripLeading().startsWith("{");
    String name = "admin:" + (id == null ? "scenario" : id) + (json ? ".json" : ".yaml");
    ScenarioLoader.FileResult read = library.read(name, text);
    ObjectNode answer = LiveJson.mapper().createObjectNode();
    if (!read.ok()) {
      ObjectNode error = answer.putObject("error").put("code", 400)
          .put("message", "The scenario has problems; nothing was added.");
      ArrayNode problems = error.putArray("problems");
      read.problems().forEach(p -> problems.add(p.toString()));
      try {
        return new AdminApi.Response(400, LiveJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(answer));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return AdminApi.error(400, "The scenario has problems: " + read.problems());
      }
    }
    ArrayNode problems = answer.putArray("warnings");
    read.problems().forEach(p -> problems.add(p.toString()));
    Scenario scenario = read.scenario();
    if (id != null && !id.equals(scenario.id())) {
      return AdminApi.error(400, "The path names scenario '" + id + "' but the body's id is '" + scenario.id()
          + "'; make them the same, or POST /__admin/scenarios.");
    }
    Optional<Scenario> replaced = library.put(scenario);
    answer.put("added", true).put("id", scenario.id()).put("replaced", replaced.isPresent());
    return AdminApi.ok(answer);
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
      n.put("addedAtRunTime", library.addedIds().contains(s.id()));
      n.put("connections", s.connections().size());
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
