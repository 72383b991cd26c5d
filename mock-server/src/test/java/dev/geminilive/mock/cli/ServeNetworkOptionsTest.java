package dev.geminilive.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.network.NetworkConditions;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The network options of serve: what they set, and what a mistyped one is told. */
class ServeNetworkOptionsTest {
  private static NetworkConditions parse(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.options().network();
  }

  @Test
  void everyOptionReachesTheConditionsNewSessionsStartWith() {
    assertThat(parse("--network-latency", "200ms", "--network-jitter", "0.05s", "--network-bandwidth", "16kB/s",
        "--network-bunch", "4", "--network-bunch-hold", "500", "--network-stall", "3s",
        "--network-stall-after", "10chunks", "--network-seed", "9"))
        .isEqualTo(new NetworkConditions(200, 50, 16_000, new NetworkConditions.Bunch(4, 500),
            new NetworkConditions.Stall(3_000, null, 10), 9));
    assertThat(parse("--network-stall", "1.5s", "--network-stall-after", "2s").stall())
        .isEqualTo(new NetworkConditions.Stall(1_500, 2_000L, null));
    assertThat(parse("--network-bandwidth", "1MB").bytesPerSecond()).isEqualTo(1_000_000);
    assertThat(parse()).isEqualTo(NetworkConditions.NONE);
  }

  @Test
  void aBadValueExitsWith2AndNamesTheOption() {
    assertThat(run("--network-latency", "fast")).contains("--network-latency: 'fast' is not a duration");
    assertThat(run("--network-bandwidth", "50")).contains("--network-bandwidth: the value must be at least 100, not 50");
    assertThat(run("--network-bandwidth", "fast")).contains("--network-bandwidth: 'fast' is not a rate");
    assertThat(run("--network-bunch", "1")).contains("--network-bunch: the value must be between 2 and 1000, not 1");
    assertThat(run("--network-stall-after", "2s")).contains("--network-stall-after goes with --network-stall");
    assertThat(run("--network-latency", "700s")).contains("--network-latency: the value must be between 0 and 600000");
  }

  /** Runs serve with a bad option: it must exit 2 before listening; returns what it printed. */
  private static String run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--port";
    all[1] = "0";
    all[2] = "--no-scenarios";
    System.arraycopy(args, 0, all, 3, args.length);
    StringWriter err = new StringWriter();
    CommandLine cli = CommandLines.create(new ServeCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute(all)).as(String.join(" ", args)).isEqualTo(CommandLines.USAGE);
    return err.toString();
  }
}
