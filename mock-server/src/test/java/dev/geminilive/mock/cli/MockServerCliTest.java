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
