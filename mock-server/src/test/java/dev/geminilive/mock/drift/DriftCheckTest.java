package dev.geminilive.mock.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift check against an in-process upstream: with the same profiles everything agrees; with
 * an upstream whose profile differs in one behaviour, exactly that probe disagrees and the exit
 * code says so; a dry run sends nothing.
 */
class DriftCheckTest {
  static final String MODEL_25 = "gemini-2.5-flash-native-audio-preview-12-2025";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static ServerConfig fast() {
    return ServerConfig.defaults().withSession(new SessionSettings(0, 500));
  }

  @Test
  void sameProfilesAgreeOnEveryProbeOverWss() throws Exception {
    TlsMaterial tls = TlsMaterial.selfSigned(List.of());
    Path ca = dir.resolve("ca.pem");
    tls.writeCertificatePem(ca);
    StringWriter text = new StringWriter();
    int code;
    try (LiveServer upstream = LiveServer.start(fast().withTls(tls), ProfileCatalog.bundled(), s -> new PersonaResponder())) {
      code = DriftCheck.run(new DriftCheck.Options(URI.create(upstream.baseUrl()), "KEY-NOT-TO-SAVE",
          List.of(MODEL_25), dir.resolve("out"), false, 1500, ca, ProfileCatalog.bundled()), new PrintWriter(text));
      assertThat(upstream.journal().sessions()).hasSize(Probes.all().size());
    }
    assertThat(code).as(text.toString()).isZero();
    assertThat(text.toString()).contains("14 upstream sessions", "0 of 14 probes disagree", "behaviour",
        "profile predicts", "upstream did");
    Path exchange = dir.resolve("out").resolve(MODEL_25).resolve("text-modality.upstream.json");
    JsonNode saved = JSON.readTree(exchange.toFile());
    assertThat(saved.path("outcome").asText()).isEqualTo("close 1007");
    assertThat(saved.path("exchange").toString()).contains("setup");
    try (var files = Files.walk(dir.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).doesNotContain("KEY-NOT-TO-SAVE");
      }
    }
  }

  @Test
  void aProfileThatDiffersInOneBehaviourIsReportedAndExitsNonZero() throws Exception {
    // The upstream's 2.5 profile accepts TEXT output, where the bundled one closes with 1007.
    Path profiles = dir.resolve("profiles");
    Files.createDirectories(profiles);
    String bundled;
    try (InputStream in = ProfileCatalog.class.getResourceAsStream("/profiles/gemini-2.5-flash-native-audio.yaml")) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String changed = bundled.replaceAll("(?s)textModality:\\n(  .*?\\n)+", "textModality:\n  action: accept\n");
    assertThat(changed).isNotEqualTo(bundled);
    Files.writeString(profiles.resolve("gemini-2.5-flash-native-audio.yaml"), changed);
    StringWriter text = new StringWriter();
    int code;
    try (LiveServer upstream = LiveServer.start(fast(), ProfileCatalog.withDirectory(profiles), s -> new PersonaResponder())) {
      code = DriftCheck.run(new DriftCheck.Options(URI.create(upstream.baseUrl()), "k", List.of(MODEL_25),
          dir.resolve("out"), false, 1500, null, ProfileCatalog.bundled()), new PrintWriter(text));
    }
    assertThat(code).isEqualTo(1);
    List<String> disagreeing = text.toString().lines().filter(l -> l.contains("DISAGREE")).toList();
    assertThat(disagreeing).hasSize(1);
    assertThat(disagreeing.get(0)).contains("text-modality");
    assertThat(text.toString()).contains("1 of 14 probes disagree", "report.md");
    assertThat(Files.readString(dir.resolve("out").resolve("report.md"))).contains("text-modality", "NO");
  }

  @Test
  void dryRunAnnouncesTheCostAndSendsNothing() throws Exception {
    try (LiveServer upstream = LiveServer.start(fast(), ProfileCatalog.bundled(), s -> new PersonaResponder())) {
      int code = MockServerCli.run("drift", "--upstream", upstream.baseUrl(), "--dry-run",
          "--out", dir.resolve("out").toString());
      assertThat(code).isZero();
      assertThat(upstream.journal().sessions()).isEmpty();
    }
    assertThat(MockServerCli.run("drift", "--upstream", "http://127.0.0.1:1", "--key-env",
        "GEMINI_LIVE_MOCK_NO_SUCH_VARIABLE")).isEqualTo(2);
  }
}
