package dev.geminilive.mock.rules;

import static dev.geminilive.mock.testing.LiveRules.M31;
import static dev.geminilive.mock.testing.LiveRules.WAIT_MILLIS;
import static dev.geminilive.mock.testing.LiveRules.dev;
import static dev.geminilive.mock.testing.LiveRules.findings;
import static dev.geminilive.mock.testing.LiveRules.latest;
import static dev.geminilive.mock.testing.LiveRules.setUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.ProfileException;
import dev.geminilive.mock.profile.Reaction;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.session.ConnectionInfo;
import dev.geminilive.mock.session.Responder;
import dev.geminilive.mock.session.ResponderFactory;
import dev.geminilive.mock.session.SessionControl;
import dev.geminilive.mock.testing.RawLiveClient;
import dev.geminilive.mock.testing.RawLiveClient.Close;
import dev.geminilive.mock.testing.Signals;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Model families from a folder: added without Java, and a malformed file named with its field. */
class ProfileFolderTest {
  static final String ACME = """
      # A family the mock does not ship: only this file, no Java.
      family: acme-live
      description: A made-up family that takes clientContent only as history.
      models: [acme-live-1]
      patterns: ["acme-live-[0-9]+"]
      flavours: [DEVELOPER]
      clientContent:
        policy: initialHistoryOnly
        onViolation: {action: close, code: 1007, reason: "Acme says no.", source: "test", evidence: inferred}
      """;

  @Test
  void aDroppedFileAddsAFamilyThatInheritsTheDefaults(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), ACME);
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500),
        ProfileCatalog.withDirectory(dir), s -> new PersonaResponder())) {
      try (RawLiveClient c = dev(server)) {
        setUp(c, "models/acme-live-7", ""); // by pattern
        assertThat(latest(server).attribute("family")).isEqualTo("acme-live");
        c.send("{\"clientContent\":{\"turns\":[],\"turnComplete\":true}}");
        assertThat(c.awaitClose(WAIT_MILLIS)).isEqualTo(new Close(1007, "Acme says no."));
      }
      try (RawLiveClient c = dev(server)) {
        setUp(c, "models/acme-live-1", "");
        // Inherited from _defaults.yaml: mediaChunks accepted as deprecated, recorded.
        c.send("{\"realtimeInput\":{\"mediaChunks\":[{\"data\":\""
            + Base64.getEncoder().encodeToString(Signals.silence(16000, 50)) + "\",\"mimeType\":\"audio/pcm\"}]}}");
        c.drain(300);
      }
      assertThat(findings(latest(server))).anyMatch(f -> f.startsWith("realtimeInput.mediaChunks"));
      // The bundled families are still there.
      try (RawLiveClient c = dev(server)) {
        setUp(c, M31, "");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "models/gemini-3.1-flash-live-preview-04-2026,gemini-3.1-flash-live",
      "models/gemini-2.5-flash-native-audio-preview-03-2026,gemini-2.5-flash-native-audio",
      "models/gemini-2.5-flash-native-audio-latest,gemini-2.5-flash-native-audio",
  })
  void plausibleNewIdsMapToABundledFamilyByPattern(String model, String family) throws Exception {
    try (LiveServer server = LiveServer.start(ServerConfig.defaults());
        RawLiveClient c = dev(server)) {
      setUp(c, model, "");
      assertThat(latest(server).attribute("family")).isEqualTo(family);
    }
  }

  @Test
  void anyOtherIdIsNotFound() throws Exception {
    try (LiveServer server = LiveServer.start(ServerConfig.defaults().withCloseTimeoutMillis(500));
        RawLiveClient c = dev(server)) {
      c.setup("models/gemini-4.0-flash-live-preview", "");
      Close close = c.awaitClose(WAIT_MILLIS);
      assertThat(close.code()).isEqualTo(1008);
      assertThat(close.reason()).startsWith("models/gemini-4.0-flash-live-preview is not found for API version v1beta");
    }
  }

  @Test
  void aDroppedFileReplacesABundledFamilyOfTheSameName(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("my-31.yaml"), """
        family: gemini-3.1-flash-live
        models: [gemini-3.1-flash-live-preview]
        textModality: {action: accept}
        """);
    ProfileCatalog catalog = ProfileCatalog.withDirectory(dir);
    assertThat(catalog.profiles().stream().filter(p -> p.family().equals("gemini-3.1-flash-live"))).hasSize(1);
    try (LiveServer server = LiveServer.start(ServerConfig.defaults(), catalog, s -> new PersonaResponder());
        RawLiveClient c = dev(server)) {
      setUp(c, M31, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
    }
  }

  @Test
  void aResponderFactoryMayReplaceTheProfileForOneSession() throws Exception {
    ProfileCatalog bundled = ProfileCatalog.bundled();
    ModelProfile relaxed = bundled.family("gemini-2.5-flash-native-audio").orElseThrow();
    ResponderFactory factory = new ResponderFactory() {
      @Override
      public Responder responderFor(SessionControl session) {
        return new PersonaResponder();
      }

      @Override
      public ModelProfile profileFor(ConnectionInfo connection, Setup setup, ModelProfile resolved) {
        // A scenario that lets 3.1 take TEXT: swap in a copy with the rule accepted.
        return new ModelProfile(resolved.family(), resolved.description(), resolved.models(),
            resolved.patterns(), resolved.flavours(), Reaction.ACCEPT, resolved.multiPartMessages(),
            resolved.usageBeforeFirstModelTurn(), resolved.setup(), resolved.clientContent(),
            resolved.realtimeInput(), resolved.video(), resolved.functions(), resolved.limits(),
            relaxed.resumption(), resolved.output(), resolved.timing());
      }
    };
    try (LiveServer server = LiveServer.start(ServerConfig.defaults(), bundled, factory);
        RawLiveClient c = dev(server)) {
      setUp(c, M31, "\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}");
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "'family: x\nmodels: [x]\nclientContnet: {}'|clientContnet|unknown field 'clientContnet'",
      "'family: x\nmodels: [x]\nsetup: {thinking: {field: thinkingLvl}}'|setup.thinking.field|'thinkingLvl' is not one of",
      "'family: x\nmodels: [x]\ntextModality: {action: explode}'|textModality.action|'explode' is not one of",
      "'family: x\nmodels: [x]\ntextModality: {action: close}'|textModality.code|close code",
      "'family: x\nmodels: [x]\nlimits: {connectionLifetime: ten minutes}'|limits.connectionLifetime|not a duration",
      "'family: x\nmodels: [x]\nresumption: {unknownHandle: {action: close, code: 99}}'|resumption.unknownHandle.code|got 99",
      "'family: x\nmodels: [x]\nfunctions: {nonBlocking: sometimes}'|functions.nonBlocking|'sometimes'",
      "'family: x\nmodels: [x]\nvideo: {maxFramesPerSecond: fast}'|video.maxFramesPerSecond|Cannot deserialize",
      "'family: x\npatterns: [\"([\"]'|patterns[0]|not a regular expression",
      "'models: [x]'|family|required",
      "'family: x'|models|at least one model",
  })
  void aMalformedProfileIsReportedWithFileAndField(String yaml, String field, String problem,
      @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.yaml"), yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> ProfileCatalog.withDirectory(dir))
        .isInstanceOfSatisfying(ProfileException.class, e -> {
          assertThat(e.file()).endsWith("broken.yaml");
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).contains("broken.yaml").contains("'" + field + "'").contains(problem);
        });
  }

  @Test
  void invalidYamlIsReportedWithTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "family: [unclosed\n");
    assertThatThrownBy(() -> ProfileCatalog.withDirectory(dir))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("bad.yaml").hasMessageContaining("not valid YAML");
  }

  @Test
  void serveRefusesAMalformedFolderNamingFileAndField(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("oops.yaml"), "family: x\nmodels: [x]\ntextModality: {action: explode}\n");
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = MockServerCli.run("serve", "--port", "0", "--profiles", dir.toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("oops.yaml").contains("'textModality.action'");
  }

  /** Every reaction that is not a plain accept in the bundled profiles says where it comes from. */
  @Test
  void everyBundledRuleCarriesItsSourceAndEvidence() throws Exception {
    List<String> missing = new ArrayList<>();
    for (ModelProfile p : ProfileCatalog.bundled().profiles()) {
      walk(p, p.family(), missing);
    }
    assertThat(missing).isEmpty();
  }

  private static void walk(Object value, String path, List<String> missing) throws Exception {
    if (value instanceof Reaction r) {
      if (r.source() == null || r.source().isBlank() || r.evidence() == null) {
        if (!(r.accepts() && r.source() == null && r.evidence() == null && r.note() == null)) {
          missing.add(path);
        }
      }
      return;
    }
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      walk(c.getAccessor().invoke(value), path + "." + c.getName(), missing);
    }
  }
}
