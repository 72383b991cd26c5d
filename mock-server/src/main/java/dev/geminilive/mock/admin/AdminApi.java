package dev.geminilive.mock.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.LiveJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The small admin HTTP API under {@code /__admin/}, on the server's own port:
 *
 * <ul>
 *   <li>{@code GET /__admin/health}: liveness, for container health checks;
 *   <li>{@code GET /__admin/journal}: journal totals (sessions opened and aged out, entries
 *       dropped for capacity), so a soak can tell bounded memory from lost data;
 *   <li>{@code GET /__admin/sessions}: every retained session, newest last;
 *   <li>{@code GET /__admin/sessions/{id}}: one session with its journal;
 *   <li>{@code DELETE /__admin/sessions}: forget all journals.
 * </ul>
 *
 * Independent of Netty: it takes a method and path and returns a status and a JSON body.
 */
public final class AdminApi implements AutoCloseable {
  public static final String PREFIX = "/__admin/";

  /** An answer: HTTP status, a body and its media type (JSON unless said otherwise). */
  public record Response(int status, byte[] body, String contentType) {
    public static final String JSON = "application/json; charset=UTF-8";

    public Response(int status, byte[] body) {
      this(status, body, JSON);
    }
  }

  private final Journal journal;
  private final ObjectMapper json = LiveJson.mapper();

  private final List<AdminRoutes> extensions;
  private volatile ExecutorService executor;

  public AdminApi(Journal journal) {
    this(journal, List.of());
  }

  public AdminApi(Journal journal, List<AdminRoutes> extensions) {
    this.journal = journal;
    this.extensions = List.copyOf(extensions);
  }

  /** True for the routes this API owns; other {@code /__admin/} paths may belong to a companion. */
  public boolean owns(String path) {
    String route = path.substring(PREFIX.length());
    if (route.endsWith("/")) {
      route = route.substring(0, route.length() - 1);
    }
    if (route.equals("health") || route.equals("journal") || route.equals("sessions")
        || route.startsWith("sessions/")) {
      return true;
    }
    for (AdminRoutes extension : extensions) {
      if (extension.owns(route)) {
        return true;
      }
    }
    return false;
  }

  /** A streaming answer (server-sent events) for the path, or empty when it is an ordinary route. */
  public Optional<AdminStream> stream(String method, String path) {
    String route = route(path);
    for (AdminRoutes extension : extensions) {
      Optional<AdminStream> s = extension.stream(method, route);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  private static String route(String path) {
    String route = path.substring(PREFIX.length());
    return route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
  }

  /**
   * Where admin requests are answered: off the event loops, since a listing of a thousand
   * sessions or a long session's timeline takes real time. Two threads, so one slow request does
   * not hold up the rest; started on first use.
   */
  public Executor executor() {
    ExecutorService e = executor;
    if (e == null) {
      synchronized (this) {
        if (executor == null) {
          AtomicInteger n = new AtomicInteger();
          executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gemini-live-admin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
        }
        e = executor;
      }
    }
    return e;
  }

  /** Stops what the extensions run in the background (the dashboard's summariser). */
  @Override
  public void close() {
    ExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
    }
    for (AdminRoutes extension : extensions) {
      if (extension instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // closing at shutdown: nothing left to tell
        }
      }
    }
  }

  public Response handle(String method, String path) {
    return handle(method, path, new byte[0]);
  }

  /** As above, with the request body (used by extensions such as scenario validation). */
  public Response handle(String method, String path, byte[] requestBody) {
    String route = path.substring(PREFIX.length());
    if (route.endsWith("/")) {
      route = route.substring(0, route.length() - 1);
    }
    for (AdminRoutes extension : extensions) {
      Optional<Response> answer = extension.handle(method, route, requestBody);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    if (route.equals("health") && method.equals("GET")) {
      return ok(json.createObjectNode().put("status", "UP"));
    }
    if (route.equals("journal") && method.equals("GET")) {
      ObjectNode body = json.createObjectNode();
      body.put("openedSessions", journal.openedSessions());
      body.put("retainedSessions", journal.sessions().size());
      body.put("evictedSessions", journal.evictedSessions());
      body.put("droppedEntries", journal.droppedEntries());
      body.put("entriesPerSession", journal.entriesPerSession());
      body.put("openSessions", journal.openSessions());
      body.put("entriesPerOpenSessionNow", journal.currentShare());
      return ok(body);
    }
    if (route.equals("sessions")) {
      if (method.equals("GET")) {
        ArrayNode list = json.createArrayNode();
        for (SessionJournal s : journal.sessions()) {
          list.add(summary(s));
        }
        ObjectNode body = json.createObjectNode();
        body.set("sessions", list);
        return ok(body);
      }
      if (method.equals("DELETE")) {
        journal.clear();
        return ok(json.createObjectNode().put("cleared", true));
      }
      return error(405, "Use GET or DELETE on /__admin/sessions.");
    }
    if (route.startsWith("sessions/") && method.equals("GET")) {
      String id = route.substring("sessions/".length());
      Optional<SessionJournal> s = journal.session(id);
      if (s.isEmpty()) {
        return error(404, "No session " + id + " (it may have aged out).");
      }
      ObjectNode body = summary(s.get());
      ArrayNode entries = body.putArray("entries");
      for (JournalEntry e : s.get().entries()) {
        entries.add(entry(e));
      }
      return ok(body);
    }
    return error(404, "No admin route " + method + " " + path + ".");
  }

  private ObjectNode summary(SessionJournal s) {
    ObjectNode node = json.createObjectNode();
    node.put("id", s.sessionId());
    node.put("path", s.path());
    node.put("openedAt", s.openedAtEpochMillis());
    ObjectNode attrs = node.putObject("attributes");
    for (Map.Entry<String, String> a : s.attributes().entrySet()) {
      attrs.put(a.getKey(), a.getValue());
    }
    node.put("closed", s.isClosed());
    if (s.closeCode() != null) {
      node.put("closeCode", s.closeCode());
      node.put("closeReason", s.closeReason());
    }
    node.put("droppedEntries", s.droppedEntries());
    node.put("recordedEntries", s.recordedEntries());
    node.put("framesFromClient", s.framesFromClient());
    node.put("framesFromServer", s.framesFromServer());
    return node;
  }

  /** One journal entry as JSON; also used by tests that print journals. */
  public static ObjectNode entry(JournalEntry e) {
    ObjectNode node = LiveJson.mapper().createObjectNode();
    node.put("seq", e.seq());
    node.put("atMillis", e.nanos() / 1_000_000.0);
    node.put("direction", e.direction().name());
    node.put("kind", e.kind());
    if (e.json() != null) {
      node.set("message", e.json());
    }
    if (e.note() != null) {
      node.put("note", e.note());
    }
    return node;
  }

  /** A 200 answer with a JSON body; also for extensions. */
  public static Response ok(JsonNode body) {
    return new Response(200, bytes(body));
  }

  /** An error answer in the admin API's shape; also for extensions. */
  public static Response error(int status, String message) {
    ObjectNode body = LiveJson.mapper().createObjectNode();
    body.putObject("error").put("code", status).put("message", message);
    return new Response(status, bytes(body));
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return LiveJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"" + e.getMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
