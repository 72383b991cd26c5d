package dev.geminilive.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exit codes and help of the command line, as a script calling the jar sees them. */
class MockServerCliTest {
  @Test
  void helpShowsCommandsExamplesAndExitCodes() {
    String out = captureOut(() -> assertThat(MockServerCli.run("--help")).isZero());
    assertThat(out).contains("serve", "export-cert", "Examples:", "Exit codes:");
  }

  @Test
  void badOptionsExitWith2() {
    assertThat(MockServerCli.run("serve", "--no-such-option")).isEqualTo(2);
    assertThat(MockServerCli.run("serve", "--stubs", "/no/such/folder")).isEqualTo(2);
  }

  @Test
  void aTakenPortExitsWith1(){
    try (LiveServer taken = startQuietly()) {
      assertThat(MockServerCli.run("serve", "--port", String.valueOf(taken.port()))).isEqualTo(1);
    }
  }

  @Test
  void everyCommandAnswersHelpAndVersionWithTheBuildVersion() {
    assertThat(dev.geminilive.mock.BuildInfo.version()).as("stamped by the build").matches("\\d+\\.\\d+\\.\\d+.*");
    // Every subcommand, so a command added later is held to the same convention.
    java.util.List<String> commands = new java.util.ArrayList<>();
    commands.add(null);
    CommandLines.create(new MockServerCli()).getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help")).forEach(commands::add);
    assertThat(commands).contains("serve", "validate", "export-cert");
    for (String command : commands) {
      String[] help = command == null ? new String[] {"--help"} : new String[] {command, "--help"};
      String[] version = command == null ? new String[] {"--version"} : new String[] {command, "--version"};
      String helpOut = captureOut(() -> assertThat(MockServerCli.run(help)).as("%s --help", command).isZero());
      assertThat(helpOut).contains("Usage:").doesNotContain("\u001b[");
      String versionOut = captureOut(() -> assertThat(MockServerCli.run(version)).as("%s --version", command).isZero());
      assertThat(versionOut.trim()).isEqualTo("gemini-live-mock " + dev.geminilive.mock.BuildInfo.version());
    }
  }

  @Test
  void anUnexpectedErrorExitsWith3AndSaysSo() {
    @picocli.CommandLine.Command(name = "boom")
    class Boom implements java.util.concurrent.Callable<Integer> {
      @Override
      public Integer call() {
        throw new IllegalStateException("a bug");
      }
    }
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = CommandLines.create(new Boom());
    cli.setErr(new java.io.PrintWriter(err));
    assertThat(cli.execute()).isEqualTo(CommandLines.CRASH);
    assertThat(err.toString()).contains("unexpected error", "a bug");
  }

  @Test
  void environmentOptionsAreAppendedToServeAndTheLastValueWins() {
    assertThat(MockServerCli.withEnvOptions(" --time-scale 0  --tls ", "serve", "--port", "0"))
        .containsExactly("serve", "--port", "0", "--time-scale", "0", "--tls");
    assertThat(MockServerCli.withEnvOptions("--tls", "validate", "x")).containsExactly("validate", "x");
    // A bad value from the environment is a usage error like any other.
    assertThat(MockServerCli.runWithEnv("--time-scale -1", "serve", "--port", "0")).isEqualTo(2);
  }

  @Test
  void serveWritesItsUrlForProbesAndTheLastPortGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path urlFile = dir.resolve("url");
    Thread serve = new Thread(() -> MockServerCli.runWithEnv(null, "serve", "--port", "9125", "--no-scenarios",
        "--url-file", urlFile.toString(), "--port", "0"));
    serve.start();
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> java.nio.file.Files.exists(urlFile));
      String health = HealthProbe.healthUrl("@" + urlFile);
      assertThat(health).startsWith("http://127.0.0.1:").doesNotContain(":9125/").endsWith("/__admin/health");
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(health)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    } finally {
      serve.interrupt();
      serve.join(10_000);
    }
  }

  private static LiveServer startQuietly() {
    try {
      return LiveServer.start(ServerConfig.defaults());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static String captureOut(Runnable r) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
