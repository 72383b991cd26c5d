package dev.geminilive.mock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/live-probe.mjs}, which drives the real {@code @google/genai} JS SDK,
 * and returns the JSON lines it printed. The Maven build installs the probe's npm packages from
 * its lock file; the folder comes from the {@code js.probe.dir} system property set by Surefire.
 */
public final class JsSdkProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the probe reported. */
  public record Result(List<JsonNode> events, String stderr) {
    public JsonNode summary() {
      return events.stream().filter(e -> e.path("event").asText().equals("summary")).findFirst()
          .orElseThrow(() -> new AssertionError("probe printed no summary; stderr:\n" + stderr));
    }

    public Optional<JsonNode> first(String event) {
      return events.stream().filter(e -> e.path("event").asText().equals(event)).findFirst();
    }

    public List<JsonNode> all(String event) {
      return events.stream().filter(e -> e.path("event").asText().equals(event)).toList();
    }
  }

  private JsSdkProbe() {}

  public static Path directory() {
    String dir = System.getProperty("js.probe.dir", "src/test/node");
    Path path = Path.of(dir);
    if (!Files.isDirectory(path.resolve("node_modules/@google/genai"))) {
      throw new AssertionError("@google/genai is not installed in " + path.toAbsolutePath()
          + "; the Maven build runs 'npm ci' there (generate-test-resources)");
    }
    return path;
  }

  public static Result run(String... args) throws Exception {
    return runScript("live-probe.mjs", args);
  }

  /** Runs another probe script of the same folder, e.g. {@code plan-probe.mjs}. */
  public static Result runScript(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(directory().toFile()).start();
    List<JsonNode> events = new ArrayList<>();
    StringBuilder err = new StringBuilder();
    Thread errReader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(l -> err.append(l).append('\n'));
      } catch (Exception ignored) {
        // the process ended
      }
    });
    errReader.start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          events.add(JSON.readTree(line));
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("probe did not exit; stderr:\n" + err);
    }
    errReader.join(5000);
    if (process.exitValue() != 0) {
      throw new AssertionError("probe exited " + process.exitValue() + "; stderr:\n" + err);
    }
    return new Result(events, err.toString());
  }
}
