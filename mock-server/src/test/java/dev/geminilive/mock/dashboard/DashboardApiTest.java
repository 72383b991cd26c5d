package dev.geminilive.mock.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.admin.AdminRoutes;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.testing.LiveRules;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dashboard's routes over real sockets, and its summaries at scale. */
class DashboardApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void thePageAndItsAssetsComeFromTheJarWithAStrictPolicy() throws Exception {
    try (LiveServer server = LiveServer.start(ServerConfig.defaults())) {
      HttpResponse<String> page = get(server, "/__admin/ui");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=UTF-8");
      assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'self'");
      for (String asset : List.of("app.js", "app.css", "favicon.svg")) {
        HttpResponse<String> r = get(server, "/__admin/ui/" + asset);
        assertThat(r.statusCode()).as(asset).isEqualTo(200);
        // Works offline: nothing is loaded from anywhere but the mock.
        assertThat(r.body()).as(asset).doesNotContain("https://", "//cdn", "@import");
      }
      assertThat(page.body()).doesNotContain("https://", "http://");
      assertThat(get(server, "/__admin/ui/nothing").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theStreamShowsASessionOpenAndCloseAndTheTimelineItsMessages() throws Exception {
    try (LiveServer server = LiveRules.startFast()) {
      BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
      InputStream body = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/ui/api/stream")).build(),
          HttpResponse.BodyHandlers.ofInputStream()).body();
      Thread reader = new Thread(() -> readEvents(body, events));
      reader.setDaemon(true);
      reader.start();
      assertThat(events.poll(10, TimeUnit.SECONDS).path("reset").asBoolean()).isTrue();

      String id;
      try (RawLiveClient c = LiveRules.dev(server)) {
        LiveRules.setUp(c, LiveRules.M25, "");
        c.send(LiveRules.textTurn("hello"));
        c.until(LiveRules::turnComplete, LiveRules.WAIT_MILLIS);
        JsonNode open = awaitRow(events, r -> r.path("turns").asInt() == 1);
        id = open.path("id").asText();
        assertThat(open.path("state").asText()).isEqualTo("open");
        assertThat(open.path("model").asText()).isEqualTo(LiveRules.M25);
        assertThat(open.path("path").asText()).contains("key=[redacted]").doesNotContain("key=k");
      }
      JsonNode closed = awaitRow(events, r -> r.path("state").asText().equals("closed"));
      assertThat(closed.path("id").asText()).isEqualTo(id);

      String svg = get(server, "/__admin/ui/api/sessions/" + id + "/timeline.svg?width=900").body();
      assertThat(svg).startsWith("<svg").contains("data-type=\"turn-complete\"").contains("data-type=\"close\"");
      JsonNode marks = JSON.readTree(get(server, "/__admin/ui/api/sessions/" + id + "/marks").body());
      long setupSeq = -1;
      for (JsonNode m : marks.path("marks")) {
        if (m.path("type").asText().equals("setup") && m.path("lane").asText().equals("client")) {
          setupSeq = m.path("seq").asLong();
        }
      }
      JsonNode entry = JSON.readTree(get(server, "/__admin/ui/api/sessions/" + id + "/entries/" + setupSeq).body());
      assertThat(entry.path("kind").asText()).isEqualTo("setup");
      assertThat(get(server, "/__admin/ui/api/sessions/nope/marks").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void adminRequestsAreAnsweredOffTheEventLoops() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    AdminRoutes probe = (method, route, body) -> {
      if (!route.equals("probe")) {
        return Optional.empty();
      }
      threads.add(Thread.currentThread().getName());
      return Optional.of(AdminApi.ok(JSON.createObjectNode()));
    };
    try (LiveServer server = LiveServer.start(ServerConfig.defaults(), ProfileCatalog.bundled(),
        session -> new PersonaResponder(), List.of(probe))) {
      assertThat(get(server, "/__admin/probe").statusCode()).isEqualTo(200);
    }
    assertThat(threads).singleElement().asString().startsWith("gemini-live-admin");
  }

  @Test
  void aThousandSessionsAreListedAndStreamedInBoundedWork() throws Exception {
    Journal journal = new Journal(1000, 200_000, 2000, 600_000);
    for (int i = 0; i < 1000; i++) {
      SessionJournal s = journal.open("/ws/s" + i);
      s.attribute("model", i % 2 == 0 ? "models/a" : "models/b");
      s.record(Direction.CLIENT_TO_SERVER, "setup", JSON.readTree("{\"setup\":{\"model\":\"models/a\"}}"), null);
      for (int k = 0; k < 50; k++) {
        s.record(Direction.SERVER_TO_CLIENT, "serverContent", JSON.readTree(
            "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\","
                + "\"data\":{\"bytes\":3840,\"durationMs\":80.0,\"rms\":4000}}}]}}}"), null);
      }
      if (i % 3 == 0) {
        s.ended(1011, "internal");
        journal.closed(s);
      }
    }
    try (DashboardRoutes routes = new DashboardRoutes(journal)) {
      long t0 = System.nanoTime();
      AdminApi.Response list = routes.handle("GET", "ui/api/sessions", new byte[0]).orElseThrow();
      double firstMs = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      routes.handle("GET", "ui/api/sessions", new byte[0]).orElseThrow();
      double againMs = (System.nanoTime() - t0) / 1e6;
      JsonNode rows = JSON.readTree(list.body()).path("sessions");
      assertThat(rows).hasSize(1000);
      assertThat(rows.get(0).path("error").asBoolean()).isTrue();
      assertThat(rows.get(1).path("state").asText()).isEqualTo("open");

      List<String> chunks = new CopyOnWriteArrayList<>();
      Runnable stop = routes.stream("GET", "ui/api/stream").orElseThrow().subscribe(c -> chunks.add(c) || true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (chunks.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      stop.run();
      assertThat(chunks).isNotEmpty();
      assertThat(chunks.get(0)).startsWith("event: sessions\ndata: {\"reset\":true");
      System.out.printf("1000 sessions: first listing %.0f ms (summarising 51,000 entries), next %.0f ms;"
          + " first stream event %d bytes%n", firstMs, againMs, chunks.get(0).length());
    }
  }

  private static JsonNode awaitRow(BlockingQueue<JsonNode> events, java.util.function.Predicate<JsonNode> match)
      throws InterruptedException {
    List<JsonNode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonNode e = events.poll(1, TimeUnit.SECONDS);
      if (e == null) {
        continue;
      }
      seen.add(e);
      for (JsonNode row : e.path("sessions")) {
        if (match.test(row)) {
          return row;
        }
      }
    }
    throw new AssertionError("no such row in the stream; events: " + seen);
  }

  private static void readEvents(InputStream body, BlockingQueue<JsonNode> events) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("data: ")) {
          events.add(JSON.readTree(line.substring(6)));
        }
      }
    } catch (Exception e) {
      // the server went away at the end of the test
    }
  }

  private HttpResponse<String> get(LiveServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
