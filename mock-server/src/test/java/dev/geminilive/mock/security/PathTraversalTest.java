package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.testing.RawHttp;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path traversal on every route that reads a file: REST stubs and their {@code __files} (plain,
 * templated, WireMock's file admin routes), scenario audio, admin validate names, session ids,
 * scenario and model names that select a file-backed scenario or profile. Each attempt comes in
 * plain, encoded, double-encoded and backslash forms, with the admin token (so the attacker is
 * as strong as can be); the secrets planted around the served folders never come back, and no
 * file outside them is written or deleted.
 */
class PathTraversalTest {
  static final String TOKEN = "traversal-test-token";
  static final String AUTH = "Authorization: Bearer " + TOKEN;
  static final String SECRET = "TOP-SECRET-7f3a";

  @TempDir static Path tmp;
  static Path stubs;
  static Path scenarios;
  static RestCompanion rest;
  static LiveServer server;
  static RawHttp http;

  @BeforeAll
  static void start() throws Exception {
    // tmp/secret.txt, tmp/secret.yaml, tmp/outside/secret.wav: outside everything served.
    Files.writeString(tmp.resolve("secret.txt"), SECRET);
    Files.writeString(tmp.resolve("secret.yaml"), "id: secret\ntitle: " + SECRET + "\nsteps: []\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.write(outside.resolve("secret.wav"), Files.readAllBytes(Path.of("..", "scenarios", "audio", "chime.wav")));
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    // The stubs folder: a secret beside __files (inside the root, outside __files), a public file.
    stubs = Files.createDirectories(tmp.resolve("stubs"));
    Files.createDirectories(stubs.resolve("mappings"));
    Files.createDirectories(stubs.resolve("__files"));
    Files.writeString(stubs.resolve("secret.txt"), SECRET);
    Files.writeString(stubs.resolve("__files/hello.txt"), "hello");
    // A stub that names its body file from the request: the classic traversal invitation.
    Files.writeString(stubs.resolve("mappings/files.json"), """
        {"request": {"method": "GET", "urlPathPattern": "/files/.*"},
         "response": {"status": 200, "bodyFileName": "{{request.pathSegments.[1]}}",
                      "transformers": ["response-template"]}}""");
    Files.writeString(stubs.resolve("mappings/hello.json"), """
        {"request": {"method": "GET", "urlPath": "/hello"},
         "response": {"status": 200, "bodyFileName": "hello.txt"}}""");
    scenarios = Files.createDirectories(tmp.resolve("scenarios"));
    Files.copy(Path.of("..", "scenarios", "spoken-reply-from-wav.yaml"), scenarios.resolve("spoken-reply-from-wav.yaml"));
    Files.createDirectories(scenarios.resolve("audio"));
    Files.copy(Path.of("..", "scenarios", "audio", "chime.wav"), scenarios.resolve("audio/chime.wav"));
    Path profiles = Files.createDirectories(tmp.resolve("profiles"));
    Files.writeString(tmp.resolve("secret-profile.yaml"), "# " + SECRET + "\n");

    rest = RestCompanion.start(stubs, null);
    ServerConfig config = ServerConfig.defaults().withCloseTimeoutMillis(500).withAdmin(AdminSecurity.withToken(TOKEN));
    ProfileCatalog catalog = ProfileCatalog.withDirectory(profiles);
    server = ScenarioServer.start(config, ScenarioServer.library(scenarios, catalog), catalog, rest.companions());
    rest.wireMock();
    http = new RawHttp("127.0.0.1", server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    rest.close();
  }

  /** {@code ../} spelt every way a decoder might turn back into it. */
  static List<String> ups(int depth) {
    List<String> forms = List.of("../", "..%2F", "..%2f", "%2e%2e/", "%2E%2E%2F", "%252e%252e%252f", "..%252F",
        "..\\", "..%5C", "%2e%2e%5c", "..%255c", ".%2e/", "%c0%ae%c0%ae/", "....//", "..;/");
    List<String> out = new ArrayList<>();
    for (String f : forms) {
      out.add(f.repeat(depth));
    }
    return out;
  }

  static void assertNoSecret(RawHttp.Response r, String what) {
    assertThat(r.body()).as(what + " -> " + r.status()).doesNotContain(SECRET);
    if (r.status() == 200) {
      assertThat(r.body()).as(what).doesNotContain("root:");
    }
  }

  @Test
  void stubsAndTheirFilesNeverServeAFileOutsideFiles() throws Exception {
    assertThat(http.get("/hello").body()).isEqualTo("hello"); // the folder does serve
    int attempts = 0;
    for (int depth = 1; depth <= 4; depth++) {
      for (String up : ups(depth)) {
        for (String target : List.of("/" + up + "secret.txt", "/__files/" + up + "secret.txt",
            "/files/" + up + "secret.txt", "/hello/" + up + "secret.txt", "/" + up + "etc/passwd",
            "/v1beta/" + up + up + "secret.txt", "/files/" + up.replace("/", "%2F") + "secret.txt")) {
          assertNoSecret(http.get(target), target);
          attempts++;
        }
      }
    }
    assertThat(attempts).isGreaterThan(300);
  }

  @Test
  void wireMocksFileAdminRoutesStayInsideFilesEvenWithTheToken() throws Exception {
    for (int depth = 1; depth <= 3; depth++) {
      for (String up : ups(depth)) {
        String name = up + "secret.txt";
        assertNoSecret(http.get("/__admin/files/" + name, AUTH), "GET files/" + name);
        http.send("PUT", "/__admin/files/" + up + "planted.txt", "planted", AUTH);
        http.send("DELETE", "/__admin/files/" + name, null, AUTH);
        http.send("DELETE", "/__admin/mappings/" + up + "files", null, AUTH);
      }
    }
    assertNoSecret(http.get("/__admin/files", AUTH), "file list");
    // Nothing outside __files was written or deleted.
    try (var walk = Files.walk(tmp)) {
      assertThat(walk.filter(p -> p.getFileName().toString().equals("planted.txt")))
          .allMatch(p -> p.startsWith(stubs.resolve("__files")));
    }
    assertThat(tmp.resolve("secret.txt")).hasContent(SECRET);
    assertThat(stubs.resolve("secret.txt")).hasContent(SECRET);
    // WireMock's own shutdown stays out of reach however it is spelt.
    for (String shutdown : List.of("/__admin/shutdown", "/__admin//shutdown", "/__admin/./shutdown",
        "/__admin/%73hutdown", "/__admin/SHUTDOWN", "/__admin/x/../shutdown", "/__admin/shutdown/")) {
      http.send("POST", shutdown, "", AUTH);
    }
    assertThat(http.get("/hello").body()).isEqualTo("hello");
    assertThat(tmp.resolve("outside/secret.txt")).hasContent(SECRET);
  }

  @Test
  void scenarioAudioOutsideTheFolderIsRefusedInEveryForm() throws Exception {
    List<String> forms = new ArrayList<>(List.of("/etc/passwd", "\\\\server\\share\\secret.wav",
        "audio/../../outside/secret.wav", "audio/./../../outside/secret.wav", "file:../outside/secret.wav"));
    for (String up : ups(1)) {
      forms.add(up + "outside/secret.wav");
    }
    for (String file : forms) {
      String yaml = "id: sneaky\ntitle: sneaky\nsteps:\n  - say:\n      audio: {file: \"" + file.replace("\\", "\\\\") + "\"}\n";
      RawHttp.Response r = http.send("POST", "/__admin/scenarios/validate/sneaky.yaml", yaml, AUTH);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).as(file).contains("\"valid\" : false");
      assertNoSecret(r, file);
    }
  }

  @Test
  void validateNamesCannotPointOutsideTheScenariosFolder() throws Exception {
    String yaml = "id: x\ntitle: x\nsteps: []\n";
    for (int depth = 1; depth <= 3; depth++) {
      for (String up : ups(depth)) {
        for (String name : List.of(up + "secret.yaml", up + "outside/secret.txt", up + "etc/passwd")) {
          RawHttp.Response r = http.send("POST", "/__admin/scenarios/validate/" + name, yaml, AUTH);
          assertThat(r.status()).as(name).isIn(400, 404);
          assertNoSecret(r, name);
        }
      }
    }
  }

  @Test
  void sessionIdsAndScenarioIdsAreNamesNotPaths() throws Exception {
    for (String up : ups(2)) {
      RawHttp.Response s = http.get("/__admin/sessions/" + up + "secret.txt", AUTH);
      assertThat(s.status()).isIn(400, 404);
      assertNoSecret(s, "session " + up);
      RawHttp.Response q = http.send("POST", "/__admin/scenarios/" + up + "secret/queue", "", AUTH);
      assertThat(q.status()).isIn(400, 404);
      assertNoSecret(q, "queue " + up);
    }
    assertThat(server.journal().sessions()).isEmpty();
  }

  @Test
  void scenarioPrefixesAndModelNamesNeverLoadAFile() throws Exception {
    String ws = server.baseUrl().replace("http", "ws");
    for (String prefix : List.of("/..%2Fsecret", "/%2e%2e%2fsecret", "/%252e%252e%252fsecret", "/..%5Csecret")) {
      try (RawLiveClient c = RawLiveClient.connect(ws + prefix + RawLiveClient.DEV_PATH + "?key=k")) {
        c.send("{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-preview-12-2025\"}}");
        List<String> seen = new ArrayList<>();
        // Whatever the answer (the persona's setupComplete, or a close that names the scenario).
        for (int i = 0; i < 100 && !c.isClosed() && seen.stream().noneMatch(t -> t.contains("setupComplete")); i++) {
          c.drain(50).forEach(f -> seen.add(f.text()));
        }
        if (c.isClosed()) {
          seen.add(String.valueOf(c.awaitClose(1_000)));
        }
        assertThat(seen).as(prefix).isNotEmpty();
        assertThat(String.join("\n", seen)).as(prefix).doesNotContain(SECRET);
      }
    }
    for (String model : List.of("models/../../secret-profile", "models/..%2F..%2Fsecret-profile",
        "../secret-profile", "models/%2e%2e/%2e%2e/secret-profile.yaml", "models/..\\..\\secret-profile")) {
      try (RawLiveClient c = RawLiveClient.connect(ws + RawLiveClient.DEV_PATH + "?key=k")) {
        c.send("{\"setup\":{\"model\":\"" + model.replace("\\", "\\\\") + "\"}}");
        RawLiveClient.Close close = c.awaitClose(5_000);
        assertThat(close.code()).as(model).isEqualTo(1008);
        assertThat(close.reason()).doesNotContain(SECRET);
      }
    }
  }
}
