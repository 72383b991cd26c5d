package dev.geminilive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a results file (one JSON line per run) into the Markdown tables of docs/benchmarks.md:
 * every run in order (so drift between rounds shows), then the ratios of the medians.
 *
 * <pre>java -cp gemini-live-benchmark.jar dev.geminilive.bench.Report results.jsonl</pre>
 */
public final class Report {
  private Report() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> runs = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.startsWith("{")) {
        runs.add(json.readTree(line));
      }
    }
    StringBuilder md = new StringBuilder();
    table(md, runs, "setup", new String[] {"sessions/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
        "server CPU ms/session", "server CPU %", "generator CPU %", "failures"},
        r -> new Object[] {r.at("/sessionsPerSecond"), r.at("/latencyMs/p50"), r.at("/latencyMs/p90"),
            r.at("/latencyMs/p99"), r.at("/latencyMs/max"), r.at("/serverCpuMsPerSession"),
            r.at("/serverCpuPct"), r.at("/generatorCpuPct"), r.at("/failures")});
    table(md, runs, "turns", new String[] {"turns/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
        "server CPU ms per 1000 turns", "server CPU %", "generator CPU %", "failures"},
        r -> new Object[] {r.at("/turnsPerSecond"), r.at("/latencyMs/p50"), r.at("/latencyMs/p90"),
            r.at("/latencyMs/p99"), r.at("/latencyMs/max"), r.at("/serverCpuMsPer1000Turns"),
            r.at("/serverCpuPct"), r.at("/generatorCpuPct"), r.at("/failures")});
    table(md, runs, "audio", new String[] {"sessions", "chunk lateness (generator) p50 / p99 / max ms",
        "chunks > 20 ms late %", "server pacing lateness p50 / p99 / max ms", "server > 20 ms %",
        "final turn first reply p50 / p99 ms", "server CPU %", "server RSS peak MB", "generator CPU %", "closed early"},
        r -> new Object[] {r.at("/sessions"),
            r.at("/chunkLatenessMs/n").asInt() == 0 ? "n/a (no audio replies)"
                : r.at("/chunkLatenessMs/p50").asText() + " / " + r.at("/chunkLatenessMs/p99").asText()
                    + " / " + r.at("/chunkLatenessMs/max").asText(),
            r.at("/chunksOver20MsLatePct"),
            r.at("/serverPacing/messages").isMissingNode() ? "n/a"
                : r.at("/serverPacing/p50Ms").asText() + " / " + r.at("/serverPacing/p99Ms").asText()
                    + " / " + r.at("/serverPacing/maxMs").asText(),
            r.at("/serverPacing/over20MsPct"),
            r.at("/finalTurnFirstReplyMs/p50").asText() + " / " + r.at("/finalTurnFirstReplyMs/p99").asText(),
            r.at("/serverCpuPct"), r.at("/serverRssMbPeak"), r.at("/generatorCpuPct"), r.at("/closedEarly")});
    table(md, runs, "audio", new String[] {"sessions", "final turn first reply p50 / p99 ms",
        "final turn complete p99 ms", "chunk jitter p50 / p99 / max ms", "server CPU %", "server RSS peak MB",
        "generator CPU %", "closed early"},
        r -> new Object[] {r.at("/sessions"),
            r.at("/finalTurnFirstReplyMs/p50").asText() + " / " + r.at("/finalTurnFirstReplyMs/p99").asText(),
            r.at("/finalTurnCompleteMs/p99"),
            r.at("/serverChunkJitterMs/n").asInt() == 0 ? "n/a (no audio replies)"
                : r.at("/serverChunkJitterMs/p50").asText() + " / " + r.at("/serverChunkJitterMs/p99").asText()
                    + " / " + r.at("/serverChunkJitterMs/max").asText(),
            r.at("/serverCpuPct"), r.at("/serverRssMbPeak"), r.at("/generatorCpuPct"), r.at("/closedEarly")});
    table(md, runs, "overflow", new String[] {"sessions tried", "set up", "close codes", "reason",
        "refusal p50 / p99 ms", "server CPU %"},
        r -> new Object[] {r.at("/sessions"), r.at("/admitted"), r.at("/closeCodes").toString(), r.at("/reason"),
            r.at("/refusalMs/p50").asText() + " / " + r.at("/refusalMs/p99").asText(), r.at("/serverCpuPct")});
    ratios(md, runs);
    System.out.print(md);
  }

  interface Row {
    Object[] cells(JsonNode r);
  }

  static void table(StringBuilder md, List<JsonNode> runs, String workload, String[] headers, Row row) {
    md.append("\n#### ").append(workload).append("\n\n| # | target | ").append(String.join(" | ", headers)).append(" |\n|");
    md.append("---|".repeat(headers.length + 2)).append('\n');
    int i = 0;
    for (JsonNode r : runs) {
      if (!r.path("workload").asText().equals(workload)) {
        continue;
      }
      md.append("| ").append(++i).append(" | ").append(r.path("target").asText());
      for (Object c : row.cells(r)) {
        md.append(" | ").append(c instanceof JsonNode n ? (n.isMissingNode() ? "" : n.asText()) : c);
      }
      md.append(" |\n");
    }
  }

  static void ratios(StringBuilder md, List<JsonNode> runs) {
    md.append("\n#### Ratios (median over rounds)\n\n| metric | ours | floor | aimock | ours / floor | aimock / ours |\n|---|---|---|---|---|---|\n");
    ratio(md, runs, "setup", "/serverCpuMsPerSession", "server CPU ms per session");
    ratio(md, runs, "turns", "/serverCpuMsPer1000Turns", "server CPU ms per 1000 turns");
    ratio(md, runs, "audio", "/finalTurnFirstReplyMs/p99", "audio final-turn first reply p99 ms");
    ratio(md, runs, "audio", "/finalTurnCompleteMs/p99", "audio final-turn complete p99 ms");
    ratio(md, runs, "audio", "/serverCpuMsPerAudioSecond", "audio server CPU ms per second of audio in+out");
  }

  static void ratio(StringBuilder md, List<JsonNode> runs, String workload, String pointer, String label) {
    Map<String, List<Double>> byTarget = new LinkedHashMap<>();
    for (JsonNode r : runs) {
      if (r.path("workload").asText().equals(workload) && !r.at(pointer).isMissingNode()) {
        byTarget.computeIfAbsent(r.path("target").asText(), k -> new ArrayList<>()).add(r.at(pointer).asDouble());
      }
    }
    double ours = median(byTarget.get("ours"));
    double floor = median(byTarget.get("floor"));
    double aimock = median(byTarget.get("aimock"));
    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |\n", label, fmt(ours), fmt(floor),
        fmt(aimock), fmt(ours / floor), fmt(aimock / ours)));
  }

  static double median(List<Double> v) {
    if (v == null || v.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static String fmt(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? "n/a" : String.format(Locale.ROOT, "%.2f", d);
  }
}
