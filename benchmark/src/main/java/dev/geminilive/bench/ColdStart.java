package dev.geminilive.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Cold start to listening: starts {@code java -jar <mock jar> serve --port 0} N times and measures
 * the wall time from process start to the "listening" line (the port is bound before it is
 * printed), then stops the process.
 *
 * <pre>java -cp gemini-live-benchmark.jar dev.geminilive.bench.ColdStart MOCK_JAR [N] [taskset cpu]</pre>
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String cpu = args.length > 2 ? args[2] : null;
    Samples wall = new Samples();
    Samples selfReported = new Samples();
    for (int i = 0; i < runs; i++) {
      List<String> cmd = new ArrayList<>();
      if (cpu != null) {
        cmd.addAll(List.of("taskset", "-c", cpu));
      }
      cmd.addAll(List.of("java", "-jar", jar, "serve", "--port", "0"));
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.contains("listening on")) {
            wall.add((System.nanoTime() - t0) / 1_000);
            int at = line.indexOf("started in ");
            if (at >= 0) {
              selfReported.add(Long.parseLong(line.substring(at + 11).replaceAll("[^0-9].*", "")) * 1_000);
            }
            break;
          }
        }
      } finally {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    System.out.println(String.format(Locale.ROOT,
        "{\"target\":\"ours\",\"workload\":\"coldstart\",\"at\":\"%s\",\"runs\":%d,\"pinnedCpu\":%s,"
            + "\"processStartToListeningMs\":%s,\"mainToListeningMs\":%s}",
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), runs,
        cpu == null ? "null" : "\"" + cpu + "\"", wall.toJson(), selfReported.toJson()));
  }
}
