package dev.geminilive.mock.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.admin.AdminStream;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.timeline.Mark;
import dev.geminilive.mock.timeline.SessionTimeline;
import dev.geminilive.mock.timeline.TimelinePicture;
import dev.geminilive.mock.timeline.TimelineSvg;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard under {@code /__admin/ui}: the page and its assets (bundled in the jar, nothing
 * from elsewhere), and the small API it reads.
 *
 * <ul>
 *   <li>{@code GET ui}: the page; {@code GET ui/app.js}, {@code ui/app.css}, {@code ui/favicon.svg};
 *   <li>{@code GET ui/api/stream}: server-sent events, every session as a list row, then changes;
 *   <li>{@code GET ui/api/sessions/{id}/timeline.svg?from=&to=&width=}: the session drawn on the
 *       server (waveforms summarised there), for the whole session or a window of it;
 *   <li>{@code GET ui/api/sessions/{id}/marks?from=&to=}: the marks in a window, as JSON;
 *   <li>{@code GET ui/api/sessions/{id}/entries/{seq}}: one journal entry, secrets redacted.
 * </ul>
 */
public final class DashboardRoutes implements AdminRoutes, AutoCloseable {
  private static final Map<String, String> ASSETS = Map.of(
      "ui", "index.html", "ui/app.js", "app.js", "ui/app.css", "app.css", "ui/favicon.svg", "favicon.svg");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=UTF-8", "js", "text/javascript; charset=UTF-8",
      "css", "text/css; charset=UTF-8", "svg", "image/svg+xml");
  private static final Pattern SESSION_ROUTE =
      Pattern.compile("ui/api/sessions/([A-Za-z0-9_-]{1,40})/(timeline\\.svg|marks|entries/(\\d{1,18}))");
  private static final int MAX_MARKS_LISTED = 2_000;

  private final Journal journal;
  private final SessionBoard board;
  private final ObjectMapper json = new ObjectMapper();

  public DashboardRoutes(Journal journal) {
    this.journal = journal;
    this.board = new SessionBoard(journal);
  }

  @Override
  public boolean owns(String route) {
    return route.equals("ui") || route.startsWith("ui/");
  }

  @Override
  public Optional<AdminStream> stream(String method, String route) {
    if (method.equals("GET") && route.equals("ui/api/stream")) {
      return Optional.of(board::subscribe);
    }
    return Optional.empty();
  }

  @Override
  public Optional<AdminApi.Response> handle(String method, String route, byte[] body) {
    if (!owns(route)) {
      return Optional.empty();
    }
    String query = "";
    int q = route.indexOf('?');
    if (q >= 0) {
      query = route.substring(q + 1);
      route = route.substring(0, q);
    }
    if (!method.equals("GET")) {
      return Optional.of(AdminApi.error(405, "The dashboard is read-only: use GET."));
    }
    String asset = ASSETS.get(route);
    if (asset != null) {
      return Optional.of(asset(asset));
    }
    if (route.equals("ui/api/sessions")) {
      ObjectNode out = json.createObjectNode();
      out.put("serverTime", System.currentTimeMillis());
      out.set("sessions", board.rows());
      return Optional.of(AdminApi.ok(out));
    }
    Matcher m = SESSION_ROUTE.matcher(route);
    if (!m.matches()) {
      return Optional.of(AdminApi.error(404, "No dashboard route " + route + "."));
    }
    String id = m.group(1);
    Optional<SessionTimeline> timeline = board.timeline(id);
    if (timeline.isEmpty()) {
      return Optional.of(AdminApi.error(404, "No session " + id + " (it may have aged out)."));
    }
    Query params = Query.parse(query);
    if (m.group(2).equals("timeline.svg")) {
      TimelinePicture p = timeline.get().picture(params.number("from", 0), params.number("to", Double.NaN),
          (int) Math.min(4000, params.number("width", 1200)));
      int width = (int) Math.max(400, Math.min(8000, params.number("width", 1200)));
      String svg = TimelineSvg.render(p, width);
      return Optional.of(new AdminApi.Response(200, svg.getBytes(StandardCharsets.UTF_8), TYPES.get("svg")));
    }
    if (m.group(2).equals("marks")) {
      TimelinePicture p = timeline.get().picture(params.number("from", 0), params.number("to", Double.NaN), 1);
      ObjectNode out = json.createObjectNode();
      out.put("fromMs", p.fromMs());
      out.put("toMs", p.toMs());
      ArrayNode notes = out.putArray("notes");
      p.notes().forEach(notes::add);
      ArrayNode marks = out.putArray("marks");
      List<Mark> all = p.marks();
      // The latest marks matter most when a window holds too many to list.
      for (Mark mark : all.subList(Math.max(0, all.size() - MAX_MARKS_LISTED), all.size())) {
        marks.addObject().put("seq", mark.seq()).put("atMs", Math.round(mark.atMs() * 10) / 10.0)
            .put("lane", mark.lane()).put("type", mark.type()).put("label", mark.label())
            .put("link", mark.link()).put("alarm", mark.alarming());
      }
      out.put("left", Math.max(0, all.size() - MAX_MARKS_LISTED));
      return Optional.of(AdminApi.ok(out));
    }
    long seq = Long.parseLong(m.group(3));
    SessionJournal session = journal.session(id).orElseThrow();
    for (JournalEntry e : session.entriesAfter(seq - 1)) {
      if (e.seq() == seq) {
        ObjectNode entry = AdminApi.entry(e);
        return Optional.of(AdminApi.ok(Redactor.redact(entry)));
      }
      break;
    }
    return Optional.of(AdminApi.error(404, "Entry " + seq + " of " + id
        + " is no longer in the journal (dropped for capacity); the timeline keeps only its summary."));
  }

  private static AdminApi.Response asset(String name) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream("ui/" + name)) {
      if (in == null) {
        return AdminApi.error(500, "The dashboard asset " + name + " is missing from the jar.");
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      return new AdminApi.Response(200, in.readAllBytes(), TYPES.get(ext));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    board.close();
  }

  /** Numeric query parameters; anything else in the query is ignored. */
  private record Query(Map<String, String> values) {
    static Query parse(String query) {
      Map<String, String> values = new java.util.HashMap<>();
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      return new Query(values);
    }

    double number(String name, double fallback) {
      String v = values.get(name);
      if (v == null) {
        return fallback;
      }
      try {
        double d = Double.parseDouble(v);
        return Double.isFinite(d) && d >= 0 ? d : fallback;
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
  }
}
