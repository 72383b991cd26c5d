package dev.geminilive.mock.record;

import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.engine.ScenarioServer;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.transport.Companions;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * An in-process "real service" (a second mock: the persona, or a scenario folder) and a recording
 * proxy in front of it, both on free ports.
 */
final class RecordingRig implements AutoCloseable {
  final LiveServer upstream;
  final LiveServer proxy;
  final Recorder recorder;
  final Path out;
  private final ScenarioLibrary library;

  private RecordingRig(LiveServer upstream, ScenarioLibrary library, LiveServer proxy, Recorder recorder, Path out) {
    this.upstream = upstream;
    this.library = library;
    this.proxy = proxy;
    this.recorder = recorder;
    this.out = out;
  }

  /** The persona answers upstream, everything at once (time scale 0). */
  static RecordingRig persona(Path out, ServerConfig upstreamConfig, UnaryOperator<RecorderOptions> options)
      throws Exception {
    LiveServer upstream = LiveServer.start(upstreamConfig, ProfileCatalog.bundled(), s -> new PersonaResponder());
    return around(upstream, null, out, ServerConfig.defaults(), options);
  }

  /** The scenarios of {@code folder} answer upstream. */
  static RecordingRig scenarios(Path folder, Path out, UnaryOperator<RecorderOptions> options) throws Exception {
    ScenarioLibrary library = ScenarioServer.library(folder);
    if (!library.snapshot().problems().isEmpty()) {
      throw new AssertionError("upstream scenarios broken: " + library.snapshot().problems());
    }
    LiveServer upstream = ScenarioServer.start(fast(), library);
    return around(upstream, library, out, ServerConfig.defaults(), options);
  }

  static RecordingRig around(LiveServer upstream, ScenarioLibrary library, Path out, ServerConfig proxyConfig,
      UnaryOperator<RecorderOptions> options) throws Exception {
    Recorder recorder = new Recorder(options.apply(RecorderOptions.of(URI.create(upstream.baseUrl()), out)));
    LiveServer proxy = LiveServer.start(proxyConfig, ProfileCatalog.bundled(), s -> new PersonaResponder(),
        Companions.none().withTunnel(recorder));
    return new RecordingRig(upstream, library, proxy, recorder, out);
  }

  static ServerConfig fast() {
    return ServerConfig.defaults().withSession(new SessionSettings(0, 300)).withCloseTimeoutMillis(500);
  }

  String proxyWs() {
    return proxy.baseUrl().replaceFirst("^http", "ws");
  }

  /** Waits until {@code n} recordings are written and returns the scenario files. */
  List<Path> awaitRecordings(int n) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recorder.written() >= n);
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    proxy.close();
    recorder.close();
    upstream.close();
    if (library != null) {
      library.close();
    }
  }
}
