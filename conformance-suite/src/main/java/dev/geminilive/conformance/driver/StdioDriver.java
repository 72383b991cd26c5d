package dev.geminilive.conformance.driver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A driver in any language: a child process that speaks JSON lines on stdin/stdout, one process
 * per session. The protocol is in {@code docs/driver-protocol.md}. The child's stderr is kept
 * (last lines) for error messages.
 */
public final class StdioDriver implements LiveDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long REPLY_TIMEOUT_SECONDS = 20;
  /** Loading a client can be slow (a framework with native parts on a busy machine); it is never judged. */
  private static final long HELLO_TIMEOUT_SECONDS = 60;

  private final List<String> command;
  private final Process process;
  private final OutputStream stdin;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<String> stderrTail = new ArrayList<>();
  private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
  private volatile Consumer<DriverEvent> sink = e -> {};
  private final String name;
  private final String layer;
  private final Set<Capability> capabilities;
  private final Map<String, Set<Capability>> capabilitiesByModel = new java.util.HashMap<>();
  private final int nativeInputRate;
  private final boolean requiresTls;

  /** Starts the child ({@code sh -c command}) in {@code workDir} and reads its hello. */
  public StdioDriver(String commandLine, Path workDir) throws DriverException {
    this.command = List.of("sh", "-c", commandLine);
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      process = pb.start();
    } catch (IOException e) {
      throw new DriverException("cannot start driver '" + commandLine + "': " + e.getMessage(), e);
    }
    stdin = process.getOutputStream();
    Thread out = new Thread(this::readStdout, "stdio-driver-out");
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(this::readStderr, "stdio-driver-err");
    err.setDaemon(true);
    err.start();
    JsonNode h;
    try {
      write(JSON.createObjectNode().put("cmd", "hello"));
      h = hello.get(HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new DriverException("driver '" + commandLine + "' sent no hello: " + e + stderr(), e);
    }
    name = h.path("name").asText(commandLine);
    layer = h.path("layer").isTextual() && !h.path("layer").asText().isBlank() ? h.path("layer").asText() : null;
    capabilities = capabilitiesOf(h.path("capabilities"));
    h.path("capabilitiesByModel").fields().forEachRemaining(e ->
        capabilitiesByModel.put(e.getKey(), capabilitiesOf(e.getValue())));
    nativeInputRate = h.path("nativeInputRate").asInt(16_000);
    requiresTls = h.path("requiresTls").asBoolean(false);
  }

  private static Set<Capability> capabilitiesOf(JsonNode list) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (JsonNode c : list) {
      try {
        caps.add(Capability.valueOf(c.asText()));
      } catch (IllegalArgumentException ignored) {
        // A capability this suite version does not know: its rules do not exist here either.
      }
    }
    return caps;
  }

  private void readStdout() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          synchronized (stderrTail) {
            stderrTail.add("(not JSON on stdout) " + line);
          }
          continue;
        }
        if (node.has("reply")) {
          CompletableFuture<JsonNode> f = pending.remove(node.get("reply").asInt());
          if (f != null) f.complete(node);
        } else if ("hello".equals(node.path("event").asText())) {
          hello.complete(node);
        } else if (node.has("event")) {
          DriverEvent event = toEvent(node);
          if (event != null) sink.accept(event);
        }
      }
    } catch (IOException ignored) {
      // The process went away; pending replies fail below.
    }
    DriverException gone = new DriverException("driver process ended" + stderr(), null, null);
    pending.values().forEach(f -> f.completeExceptionally(gone));
    hello.completeExceptionally(gone);
  }

  private void readStderr() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stderrTail) {
          stderrTail.add(line);
          if (stderrTail.size() > 40) stderrTail.remove(0);
        }
      }
    } catch (IOException ignored) {
      // Nothing more to keep.
    }
  }

  private String stderr() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "" : "\n  driver stderr:\n    " + String.join("\n    ", stderrTail);
    }
  }

  /** The first line of stderr that looks like an error, for one-line messages. */
  private String firstStderrLine() {
    synchronized (stderrTail) {
      for (String l : stderrTail) {
        if (l.matches(".*(Error|Exception|error:).*")) return ": " + l.trim();
      }
      return "";
    }
  }

  static DriverEvent toEvent(JsonNode n) {
    String type = n.path("event").asText();
    return switch (type) {
      case "connected" -> new DriverEvent.Connected();
      case "audio" -> new DriverEvent.Audio(
          Base64.getDecoder().decode(n.path("data").asText("")), n.path("sampleRate").asInt(0));
      case "played" -> new DriverEvent.Played(n.path("bytes").asLong(0));
      case "text" -> new DriverEvent.Text(n.path("text").asText(""));
      case "inputTranscript" -> new DriverEvent.InputTranscript(n.path("text").asText(""));
      case "outputTranscript" -> new DriverEvent.OutputTranscript(n.path("text").asText(""));
      case "toolCall" -> new DriverEvent.ToolCall(n.path("id").asText(null), n.path("name").asText(null),
          JSON.convertValue(n.path("args"), new TypeReference<Map<String, Object>>() {}));
      case "toolCancel" -> {
        List<String> ids = new ArrayList<>();
        n.path("ids").forEach(i -> ids.add(i.asText()));
        yield new DriverEvent.ToolCancel(ids);
      }
      case "interrupted" -> new DriverEvent.Interrupted();
      case "turnComplete" -> new DriverEvent.TurnComplete();
      case "warning" -> new DriverEvent.Warning(n.path("message").asText(""));
      case "error" -> new DriverEvent.Error(intOrNull(n.get("code")), textOrNull(n.get("reason")),
          n.path("message").asText(""));
      case "closed" -> new DriverEvent.Closed(intOrNull(n.get("code")), textOrNull(n.get("reason")));
      default -> null;
    };
  }

  private static Integer intOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asInt();
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private synchronized void write(ObjectNode command) throws IOException {
    stdin.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  private JsonNode call(String cmd, Consumer<ObjectNode> args) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode c = JSON.createObjectNode().put("id", id).put("cmd", cmd);
    args.accept(c);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      write(c);
    } catch (IOException e) {
      pending.remove(id);
      throw new DriverException("the driver process has ended" + (process.isAlive() ? "" : " (exit "
          + process.exitValue() + ")") + firstStderrLine(), null, null);
    }
    JsonNode r;
    try {
      r = reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new DriverException("driver did not answer '" + cmd + "' within "
          + REPLY_TIMEOUT_SECONDS + " s" + stderr(), null, null);
    }
    if (r.path("unsupported").asBoolean(false)) {
      throw new UnsupportedCommandException(cmd + " is not supported by the client: "
          + r.path("error").asText("(no message)"));
    }
    if (!r.path("ok").asBoolean(false)) {
      throw new DriverException(cmd + " failed: " + r.path("error").asText("(no message)"),
          intOrNull(r.get("code")), textOrNull(r.get("reason")));
    }
    return r;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String layer() {
    return layer;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** The list for this model id, else for its family ("2.5", "3.1", "3.8"), else the general one. */
  @Override
  public Set<Capability> capabilities(String model) {
    Set<Capability> exact = capabilitiesByModel.get(model);
    if (exact != null) return exact;
    for (Map.Entry<String, Set<Capability>> e : capabilitiesByModel.entrySet()) {
      if (model.contains(e.getKey())) return e.getValue();
    }
    return capabilities;
  }

  @Override
  public int nativeInputRate() {
    return nativeInputRate;
  }

  @Override
  public boolean requiresTls() {
    return requiresTls;
  }

  @Override
  public void connect(ConnectRequest request, Consumer<DriverEvent> events) throws Exception {
    this.sink = events;
    call("connect", c -> c.set("request", JSON.valueToTree(request)));
  }

  @Override
  public void sendText(String text) throws Exception {
    call("sendText", c -> c.put("text", text));
  }

  @Override
  public void sendAudio(byte[] pcm, int sampleRate) throws Exception {
    call("sendAudio", c -> c.put("data", Base64.getEncoder().encodeToString(pcm)).put("sampleRate", sampleRate));
  }

  @Override
  public void endAudio() throws Exception {
    call("endAudio", c -> {});
  }

  @Override
  public void activityStart() throws Exception {
    call("activityStart", c -> {});
  }

  @Override
  public void activityEnd() throws Exception {
    call("activityEnd", c -> {});
  }

  @Override
  public void sendVideoFrame(byte[] image, String mimeType) throws Exception {
    call("sendVideoFrame", c -> c.put("data", Base64.getEncoder().encodeToString(image)).put("mimeType", mimeType));
  }

  @Override
  public void updateInstructions(String text) throws Exception {
    call("updateInstructions", c -> c.put("text", text));
  }

  @Override
  public void addContext(List<Turn> turns) throws Exception {
    call("addContext", c -> c.set("turns", JSON.valueToTree(turns)));
  }

  @Override
  public void requestReply() throws Exception {
    call("requestReply", c -> {});
  }

  @Override
  public void respondToTool(List<ToolAnswer> answers) throws Exception {
    call("respondToTool", c -> {
      ArrayNode a = c.putArray("answers");
      answers.forEach(x -> a.add(JSON.valueToTree(x)));
    });
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      call("close", c -> {});
    } catch (Exception ignored) {
      // Closing is best effort; the process is ended below either way.
    }
    try {
      stdin.close();
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    }
  }
}
