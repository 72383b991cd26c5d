package dev.geminilive.mock.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.protocol.LiveJson;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network misbehaviour over the admin API:
 *
 * <ul>
 *   <li>{@code GET|PUT|POST|DELETE /__admin/network}: the conditions new sessions start with;
 *   <li>{@code GET|PUT|POST|DELETE /__admin/sessions/{id}/network}: a live session's conditions
 *       (PUT and POST replace them, DELETE restores a perfect network);
 *   <li>{@code POST /__admin/sessions/{id}/network/stall} with {@code {"ms": 3000}}: nothing more
 *       is delivered to that session for 3 s, the other conditions stay.
 * </ul>
 */
public final class NetworkAdminRoutes implements AdminRoutes {
  private static final Pattern SESSION = Pattern.compile("sessions/([^/]+)/network(/stall)?");

  private final NetworkShaping shaping;

  public NetworkAdminRoutes(NetworkShaping shaping) {
    this.shaping = shaping;
  }

  @Override
  public boolean owns(String route) {
    return route.equals("network") || SESSION.matcher(route).matches();
  }

  @Override
  public Optional<AdminApi.Response> handle(String method, String route, byte[] body) {
    if (route.equals("network")) {
      return Optional.of(defaults(method, body));
    }
    Matcher m = SESSION.matcher(route);
    if (!m.matches()) {
      return Optional.empty();
    }
    String id = m.group(1);
    Optional<NetworkShaping.Link> link = shaping.link(id);
    if (link.isEmpty()) {
      return Optional.of(AdminApi.error(404, "No live session " + id
          + ": network conditions apply to open sessions only (see GET /__admin/sessions)."));
    }
    if (m.group(2) != null) {
      return Optional.of(stall(method, link.get(), body));
    }
    return Optional.of(switch (method) {
      case "GET" -> answer(link.get().current());
      case "PUT", "POST" -> {
        NetworkSpec.Result read = read(body);
        if (!read.ok()) {
          yield invalid(read);
        }
        link.get().apply(read.conditions(), "admin API");
        yield answer(read.conditions());
      }
      case "DELETE" -> {
        link.get().apply(NetworkConditions.NONE, "admin API");
        yield answer(NetworkConditions.NONE);
      }
      default -> AdminApi.error(405, "Use GET, PUT, POST or DELETE on /__admin/sessions/{id}/network.");
    });
  }

  private AdminApi.Response defaults(String method, byte[] body) {
    return switch (method) {
      case "GET" -> answer(shaping.defaults());
      case "PUT", "POST" -> {
        NetworkSpec.Result read = read(body);
        if (!read.ok()) {
          yield invalid(read);
        }
        shaping.defaults(read.conditions());
        yield answer(read.conditions());
      }
      case "DELETE" -> {
        shaping.defaults(NetworkConditions.NONE);
        yield answer(NetworkConditions.NONE);
      }
      default -> AdminApi.error(405, "Use GET, PUT, POST or DELETE on /__admin/network.");
    };
  }

  private AdminApi.Response stall(String method, NetworkShaping.Link link, byte[] body) {
    if (!method.equals("POST")) {
      return AdminApi.error(405, "Use POST on /__admin/sessions/{id}/network/stall with {\"ms\": 3000}.");
    }
    JsonNode tree = parse(body);
    JsonNode ms = tree == null ? null : tree.get("ms");
    if (ms == null || !ms.isIntegralNumber() || ms.asLong() < 1 || ms.asLong() > NetworkSpec.MAX_DELAY_MS
        || tree.size() != 1) {
      return AdminApi.error(400, "The body must be {\"ms\": N} with N from 1 to " + NetworkSpec.MAX_DELAY_MS
          + ": how long nothing is delivered.");
    }
    link.stallNow(ms.asLong(), "admin API");
    ObjectNode answer = LiveJson.mapper().createObjectNode();
    answer.put("stalledMs", ms.asLong());
    answer.set("network", link.current().toJson());
    return AdminApi.ok(answer);
  }

  private static NetworkSpec.Result read(byte[] body) {
    if (body == null || body.length == 0) {
      return new NetworkSpec.Result(null, java.util.List.of(new NetworkSpec.Problem("",
          "send the conditions as JSON, e.g. {\"latencyMs\": 200, \"jitterMs\": 50}; DELETE clears them")));
    }
    JsonNode tree = parse(body);
    if (tree == null) {
      return new NetworkSpec.Result(null, java.util.List.of(new NetworkSpec.Problem("", "the body is not JSON")));
    }
    return NetworkSpec.read(tree);
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : LiveJson.mapper().readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static AdminApi.Response invalid(NetworkSpec.Result read) {
    ObjectNode body = LiveJson.mapper().createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", 400);
    error.put("message", "Invalid network conditions: " + read.problems().get(0));
    var list = error.putArray("problems");
    read.problems().forEach(p -> list.add(p.toString()));
    try {
      return new AdminApi.Response(400, LiveJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    } catch (IOException e) {
      return AdminApi.error(400, "Invalid network conditions: " + read.problems().get(0));
    }
  }

  private static AdminApi.Response answer(NetworkConditions c) {
    ObjectNode body = LiveJson.mapper().createObjectNode();
    body.set("network", c.toJson());
    body.put("description", c.describe());
    return AdminApi.ok(body);
  }
}
