package dev.geminilive.conformance.reference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.DriverException;
import dev.geminilive.conformance.driver.FunctionDeclaration;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.ToolAnswer;
import dev.geminilive.conformance.driver.Turn;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A small Live client of our own that keeps every rule: it gates what each model family can
 * take, frames audio as the service wants it, and surfaces everything the server says. It is the
 * suite's yardstick (all PASS) and, with one {@link Fault} switched on, its mutants.
 */
public final class ReferenceClient implements LiveDriver {
  static final int WIRE_RATE = 16_000;
  static final int CHUNK_MS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fault fault;
  private final int nativeRate;
  private volatile WebSocket ws;
  /** Which connection is current; a replaced connection's close is not the session's close. */
  private volatile int generation;
  private volatile String resumptionHandle;
  private ObjectNode setupBody;
  private URI endpoint;
  private long lastVideoNanos;
  private boolean videoSent;
  private Consumer<DriverEvent> events = e -> {};
  private ConnectRequest request;
  private boolean is31;
  private boolean is38;
  private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
  private final Set<String> cancelled = new HashSet<>();
  private int audioChunksSeen;
  /** Wire-format audio not yet sent: the client re-chunks the application's buffers to 50 ms. */
  private final ByteArrayOutputStream pendingAudio = new ByteArrayOutputStream();
  private int chunkIndex;
  private String audioMime;
  private volatile boolean modelTurnSeen;
  private final Player player = new Player();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** The conformant client; its application's microphone runs at 48 kHz. */
  public ReferenceClient() {
    this(null);
  }

  /** A mutant with {@code fault} switched on (null for none). */
  public ReferenceClient(Fault fault) {
    this.fault = fault;
    this.nativeRate = 48_000;
  }

  private boolean has(Fault f) {
    return fault == f;
  }

  @Override
  public String name() {
    return fault == null ? "reference-client" : "reference-client+" + fault;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  @Override
  public int nativeInputRate() {
    return nativeRate;
  }

  // ---- connect and setup ----

  @Override
  public void connect(ConnectRequest req, Consumer<DriverEvent> sink) throws Exception {
    this.request = req;
    this.events = sink;
    this.is31 = req.model().contains("3.1");
    this.is38 = req.model().contains("3.8");
    ObjectNode setup = setup(req);
    boolean affective = setup.path("generationConfig").has("enableAffectiveDialog") || setup.has("proactivity");
    // Affective dialog and proactivity exist only on v1alpha of the Developer API.
    String version = affective && !has(Fault.NO_V1ALPHA) ? "v1alpha" : "v1beta";
    String base = req.baseUrl().replaceFirst("^http", "ws").replaceAll("/+$", "");
    endpoint = URI.create(base + "/ws/google.ai.generativelanguage." + version
        + ".GenerativeService.BidiGenerateContent");
    setupBody = setup;
    ws = open(0);
    String setupText = JSON.writeValueAsString(JSON.createObjectNode().set("setup", setup));
    send(setupText);
    if (has(Fault.DOUBLE_SETUP)) send(setupText);
    try {
      if (has(Fault.HANG_ON_EARLY_CLOSE)) {
        try {
          ready.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          new CompletableFuture<Void>().get(); // swallows the close and waits for a setupComplete that never comes
        }
      }
      ready.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
    if (!req.initialHistory().isEmpty()) {
      // 3.1: history with historyConfig ends with turnComplete true and does not start a turn;
      // 2.5: turnComplete false so the history does not trigger a reply.
      send(clientContent(req.initialHistory(), is31));
    }
    player.start();
    if (has(Fault.CLOSES_AFTER_SETUP)) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    }
  }

  private WebSocket open(int gen) throws Exception {
    return HttpClient.newHttpClient().newWebSocketBuilder()
        .header("x-goog-api-key", request.apiKey())
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(endpoint, new Listener(gen))
        .get(5, TimeUnit.SECONDS);
  }

  /**
   * On goAway: close the old connection, then resume on a new one with the last handle. The
   * service refuses a resume while the old socket is still open, with 1011 (aicc2025/sip-to-ai#14).
   */
  private void resume() {
    String handle = resumptionHandle;
    if (handle == null || has(Fault.IGNORES_GOAWAY)) return;
    Thread t = new Thread(() -> {
      WebSocket old = ws;
      try {
        int gen = generation + 1;
        ObjectNode s = setupBody.deepCopy();
        s.putObject("sessionResumption").put("handle", handle);
        CompletableFuture<Void> next = new CompletableFuture<>();
        ready = next;
        generation = gen;
        old.sendClose(WebSocket.NORMAL_CLOSURE, "resuming on a new connection").get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 100 && !old.isInputClosed(); i++) {
          Thread.sleep(20); // until the server has answered the close, so the session is detached
        }
        WebSocket fresh = open(gen);
        fresh.sendText(JSON.writeValueAsString(JSON.createObjectNode().set("setup", s)), true).get(5, TimeUnit.SECONDS);
        next.get(5, TimeUnit.SECONDS);
        ws = fresh;
      } catch (Exception e) {
        events.accept(new DriverEvent.Error(null, null, "could not resume after goAway: " + e));
      }
    }, "reference-client-resume");
    t.setDaemon(true);
    t.start();
  }

  private ObjectNode setup(ConnectRequest req) {
    ObjectNode s = JSON.createObjectNode();
    s.put("model", has(Fault.BARE_MODEL_NAME) ? req.model() : "models/" + req.model());
    ObjectNode gen = s.putObject("generationConfig");
    ArrayNode modalities = gen.putArray("responseModalities");
    boolean wantsText = req.responseModalities() != null && req.responseModalities().contains("TEXT");
    if (wantsText && !has(Fault.TEXT_MODALITY_PASSTHROUGH)) {
      // Native-audio and 3.1 models speak only; text comes as output transcription.
      warn("TEXT response modality is not available on " + req.model() + "; using AUDIO with output transcription");
      modalities.add("AUDIO");
    } else if (req.responseModalities() != null) {
      req.responseModalities().forEach(modalities::add);
    } else {
      modalities.add("AUDIO");
    }
    thinking(req, gen);
    // 3.1 never answers such a setup; 3.8 removed affective dialog and keeps proactive audio always on.
    boolean affectiveAllowed = (!is31 && !is38) || has(Fault.AFFECTIVE_PASSTHROUGH);
    if (Boolean.TRUE.equals(req.affectiveDialog()) || Boolean.TRUE.equals(req.proactiveAudio())) {
      if (affectiveAllowed) {
        if (Boolean.TRUE.equals(req.affectiveDialog())) gen.put("enableAffectiveDialog", true);
        if (Boolean.TRUE.equals(req.proactiveAudio())) s.putObject("proactivity").put("proactiveAudio", true);
      } else {
        warn("affective dialog and proactivity are not supported on " + req.model() + "; not sent");
      }
    }
    if (req.systemInstruction() != null) {
      ObjectNode si = s.putObject("systemInstruction");
      si.put("role", "user");
      si.putArray("parts").addObject().put("text", req.systemInstruction());
    }
    if (!req.tools().isEmpty()) {
      ArrayNode decls = s.putArray("tools").addObject().putArray("functionDeclarations");
      for (FunctionDeclaration f : req.tools()) {
        ObjectNode d = decls.addObject().put("name", f.name()).put("description", f.description());
        if (f.behavior() != null) {
          if (is31 && "NON_BLOCKING".equals(f.behavior()) && !has(Fault.NON_BLOCKING_ON_31)) {
            warn("NON_BLOCKING functions are not supported on " + req.model() + "; " + f.name() + " is blocking");
          } else {
            d.put("behavior", f.behavior());
          }
        }
      }
    }
    if (!req.automaticActivityDetection()) {
      s.putObject("realtimeInputConfig").putObject("automaticActivityDetection").put("disabled", true);
    }
    if (req.inputTranscription()) s.putObject("inputAudioTranscription");
    if (req.outputTranscription() || wantsText) s.putObject("outputAudioTranscription");
    if (req.sessionResumption()) s.putObject("sessionResumption");
    if (is31 && !req.initialHistory().isEmpty() && !has(Fault.NO_HISTORY_CONFIG)) {
      s.putObject("historyConfig").put("initialHistoryInClientContent", true);
    }
    return s;
  }

  /** 3.1 takes thinkingLevel, 2.5 thinkingBudget: translate the other one. */
  private void thinking(ConnectRequest req, ObjectNode gen) {
    if (req.thinkingLevel() == null && req.thinkingBudget() == null) return;
    if (is38 && !req.model().contains("extended-thinking") && !has(Fault.THINKING_PASSTHROUGH)) {
      warn("3.8 Live has no thinking setting; not sent");
      return;
    }
    ObjectNode t = gen.putObject("thinkingConfig");
    if (has(Fault.THINKING_PASSTHROUGH)) {
      if (req.thinkingLevel() != null) t.put("thinkingLevel", req.thinkingLevel());
      if (req.thinkingBudget() != null) t.put("thinkingBudget", req.thinkingBudget());
      return;
    }
    if (is31 || is38) {
      String level = req.thinkingLevel();
      if (level == null) {
        int b = req.thinkingBudget();
        level = b == 0 ? "MINIMAL" : b <= 1024 ? "LOW" : b <= 8192 ? "MEDIUM" : "HIGH";
        warn("thinkingBudget is not accepted by " + req.model() + "; sent as thinkingLevel " + level);
      }
      t.put("thinkingLevel", level);
    } else {
      Integer budget = req.thinkingBudget();
      if (budget == null) {
        budget = switch (req.thinkingLevel()) {
          case "MINIMAL" -> 0;
          case "LOW" -> 1024;
          case "MEDIUM" -> 8192;
          default -> 24576;
        };
        warn("thinkingLevel is not accepted by " + req.model() + "; sent as thinkingBudget " + budget);
      }
      t.put("thinkingBudget", budget);
    }
  }

  private String clientContent(List<Turn> turns, boolean turnComplete) throws Exception {
    ObjectNode cc = JSON.createObjectNode();
    ObjectNode body = cc.putObject("clientContent");
    ArrayNode ts = body.putArray("turns");
    for (Turn t : turns) {
      ObjectNode o = ts.addObject().put("role", t.role());
      o.putArray("parts").addObject().put("text", t.text());
    }
    body.put("turnComplete", turnComplete);
    return JSON.writeValueAsString(cc);
  }

  // ---- sending ----

  private synchronized void send(String text) throws Exception {
    ws.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  private void realtime(String field, JsonNode value) throws Exception {
    ObjectNode m = JSON.createObjectNode();
    m.putObject("realtimeInput").set(field, value);
    send(JSON.writeValueAsString(m));
  }

  private void warn(String message) {
    events.accept(new DriverEvent.Warning(message));
  }

  @Override
  public void sendText(String text) throws Exception {
    if (has(Fault.USER_TEXT_AS_CLIENT_CONTENT) || (has(Fault.TEXT_AFTER_TURN_AS_CLIENT_CONTENT) && modelTurnSeen)) {
      send(clientContent(List.of(new Turn("user", text)), true));
      return;
    }
    realtime("text", JSON.getNodeFactory().textNode(text));
  }

  @Override
  public void sendAudio(byte[] pcm, int sampleRate) throws Exception {
    short[] samples = new short[pcm.length / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
    }
    short[] wire = Resampler.resample(samples, sampleRate, WIRE_RATE);
    byte[] bytes = new byte[wire.length * 2];
    boolean big = has(Fault.BIG_ENDIAN);
    for (int i = 0; i < wire.length; i++) {
      bytes[2 * i + (big ? 1 : 0)] = (byte) wire[i];
      bytes[2 * i + (big ? 0 : 1)] = (byte) (wire[i] >> 8);
    }
    audioMime = has(Fault.WRONG_MIME) ? "audio/L16;rate=" + WIRE_RATE
        : has(Fault.MISLABELED_RATE) ? "audio/pcm;rate=24000" : "audio/pcm;rate=" + WIRE_RATE;
    pendingAudio.writeBytes(bytes);
    if (has(Fault.ONE_BIG_CHUNK)) return;
    int chunkBytes = WIRE_RATE * CHUNK_MS / 1000 * 2;
    while (pendingAudio.size() >= chunkBytes) {
      byte[] all = pendingAudio.toByteArray();
      pendingAudio.reset();
      pendingAudio.write(all, chunkBytes, all.length - chunkBytes);
      sendChunk(java.util.Arrays.copyOf(all, chunkBytes));
    }
  }

  /** Sends what is left of the stream as its last (shorter) chunk. */
  private void flushAudio() throws Exception {
    if (pendingAudio.size() == 0 || (has(Fault.NO_TAIL_FLUSH) && !has(Fault.ONE_BIG_CHUNK))) return;
    byte[] rest = pendingAudio.toByteArray();
    pendingAudio.reset();
    sendChunk(rest);
  }

  private void sendChunk(byte[] pcm) throws Exception {
    int index = ++chunkIndex;
    byte[] chunk = has(Fault.ODD_BYTES) ? java.util.Arrays.copyOf(pcm, pcm.length + 1) : pcm;
    if (has(Fault.DROP_CHUNK) && index % 8 == 0) return;
    String data = has(Fault.URL_SAFE_BASE64) ? Base64.getUrlEncoder().encodeToString(chunk)
        : Base64.getEncoder().encodeToString(chunk);
    ObjectNode blob = JSON.createObjectNode().put("data", data).put("mimeType", audioMime);
    if (has(Fault.MEDIA_CHUNKS)) {
      ArrayNode list = JSON.createArrayNode();
      list.add(blob);
      realtime("mediaChunks", list);
    } else {
      realtime("audio", blob);
    }
    if (has(Fault.DUPLICATE_CHUNK) && index % 8 == 0) realtime("audio", blob);
  }

  @Override
  public void endAudio() throws Exception {
    flushAudio();
    // With automatic detection the server must learn the stream ended; without it, activityEnd said so.
    if (request.automaticActivityDetection() ? !has(Fault.NO_STREAM_END) : has(Fault.STREAM_END_IN_MANUAL)) {
      realtime("audioStreamEnd", JSON.getNodeFactory().booleanNode(true));
    }
  }

  @Override
  public void activityStart() throws Exception {
    realtime("activityStart", JSON.createObjectNode());
  }

  @Override
  public void activityEnd() throws Exception {
    flushAudio();
    realtime("activityEnd", JSON.createObjectNode());
  }

  /** Cameras give frames faster than the service wants them: about one per second goes out. */
  @Override
  public void sendVideoFrame(byte[] image, String mimeType) throws Exception {
    long now = System.nanoTime();
    if (videoSent && now - lastVideoNanos < 1_000_000_000L && !has(Fault.VIDEO_UNTHROTTLED)) return;
    videoSent = true;
    lastVideoNanos = now;
    realtime("video", JSON.createObjectNode().put("data", Base64.getEncoder().encodeToString(image))
        .put("mimeType", mimeType));
  }

  /** On 3.1 clientContent after the first model turn is rejected: decline and say so. */
  private boolean gated(String what) {
    if (!(is31 || (is38 && has(Fault.GATES_38_LIKE_31))) || has(Fault.CLIENT_CONTENT_ON_31)) return false;
    if (!has(Fault.SILENT_GATING)) {
      warn(what + " is not supported mid-session on " + request.model() + "; not sent");
    }
    return true;
  }

  @Override
  public void updateInstructions(String text) throws Exception {
    if (gated("updateInstructions")) return;
    send(clientContent(List.of(new Turn("user", "New instructions: " + text)), false));
  }

  @Override
  public void addContext(List<Turn> turns) throws Exception {
    if (gated("addContext")) return;
    send(clientContent(turns, false));
  }

  @Override
  public void requestReply() throws Exception {
    if (gated("requestReply")) return;
    send(JSON.writeValueAsString(JSON.createObjectNode().set("clientContent",
        JSON.createObjectNode().put("turnComplete", true))));
  }

  @Override
  public void respondToTool(List<ToolAnswer> answers) throws Exception {
    ObjectNode m = JSON.createObjectNode();
    ArrayNode list = m.putObject("toolResponse").putArray("functionResponses");
    for (ToolAnswer a : answers) {
      boolean isCancelled;
      synchronized (cancelled) {
        isCancelled = cancelled.contains(a.id());
      }
      if (isCancelled && !has(Fault.ANSWERS_CANCELLED)) {
        warn("tool call " + a.id() + " was cancelled by the server; its answer is dropped");
        continue;
      }
      ObjectNode r = list.addObject().put("id", has(Fault.WRONG_TOOL_ID) ? "id-" + a.name() : a.id())
          .put("name", a.name());
      r.putObject("response").set("output", JSON.valueToTree(a.output()));
      if (a.scheduling() != null && (!is31 || has(Fault.NON_BLOCKING_ON_31))) r.put("scheduling", a.scheduling());
    }
    if (!list.isEmpty()) send(JSON.writeValueAsString(m));
  }

  @Override
  public void close() {
    player.stop();
    if (ws != null && !ws.isOutputClosed()) {
      try {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        closed.get(2, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Best effort: abort below.
      }
    }
    if (ws != null) ws.abort();
  }

  // ---- receiving ----

  private void onServerMessage(JsonNode m) {
    if (m.has("setupComplete")) {
      events.accept(new DriverEvent.Connected());
      ready.complete(null);
    }
    JsonNode sc = m.get("serverContent");
    if (sc != null) {
      for (JsonNode part : sc.path("modelTurn").path("parts")) {
        JsonNode inline = part.get("inlineData");
        if (inline != null) {
          audioChunksSeen++;
          if (has(Fault.DROP_OUTPUT_CHUNK) && audioChunksSeen == 2) continue;
          int rate = rateOf(inline.path("mimeType").asText());
          byte[] pcm = Base64.getDecoder().decode(inline.path("data").asText());
          events.accept(new DriverEvent.Audio(pcm, has(Fault.WRONG_OUTPUT_RATE) ? 16_000 : rate));
          player.queue(pcm.length, rate);
        }
        if (part.has("text") && !part.path("thought").asBoolean(false)) {
          events.accept(new DriverEvent.Text(part.get("text").asText()));
        }
      }
      if (!has(Fault.DROPS_TRANSCRIPTION)) {
        if (sc.has("inputTranscription")) {
          events.accept(new DriverEvent.InputTranscript(sc.path("inputTranscription").path("text").asText("")));
        }
        if (sc.has("outputTranscription")) {
          events.accept(new DriverEvent.OutputTranscript(sc.path("outputTranscription").path("text").asText("")));
        }
      }
      if (sc.path("interrupted").asBoolean(false) && !has(Fault.IGNORES_INTERRUPTED)) {
        // The user barged in: what is buffered for playback is stale. interrupted may also come
        // after turnComplete while audio still plays, so this flushes playback, not future audio.
        if (!has(Fault.KEEPS_PLAYING_AFTER_INTERRUPTED)) player.flush();
        events.accept(new DriverEvent.Interrupted());
      }
      if (sc.path("turnComplete").asBoolean(false)) {
        modelTurnSeen = true;
        if (!has(Fault.DROPS_TURN_COMPLETE)) events.accept(new DriverEvent.TurnComplete());
      }
    }
    JsonNode tc = m.get("toolCall");
    if (tc != null) {
      for (JsonNode call : tc.path("functionCalls")) {
        Map<String, Object> args = JSON.convertValue(call.path("args"), new TypeReference<Map<String, Object>>() {});
        events.accept(new DriverEvent.ToolCall(call.path("id").asText(), call.path("name").asText(), args));
      }
    }
    JsonNode update = m.get("sessionResumptionUpdate");
    if (update != null && update.path("resumable").asBoolean(false) && update.hasNonNull("newHandle")) {
      resumptionHandle = update.get("newHandle").asText();
    }
    if (m.has("goAway") && request.sessionResumption()) {
      resume();
    }
    JsonNode cancel = m.get("toolCallCancellation");
    if (cancel != null) {
      List<String> ids = new ArrayList<>();
      cancel.path("ids").forEach(i -> ids.add(i.asText()));
      synchronized (cancelled) {
        cancelled.addAll(ids);
      }
      events.accept(new DriverEvent.ToolCancel(ids));
    }
  }

  static int rateOf(String mime) {
    int i = mime.indexOf("rate=");
    if (i < 0) return 24_000;
    try {
      return Integer.parseInt(mime.substring(i + 5).split("[;,\\s]")[0]);
    } catch (NumberFormatException e) {
      return 24_000;
    }
  }

  private void onClose(int code, String reason) {
    Integer c = has(Fault.SWALLOW_CLOSE_REASON) ? null : code;
    String r = has(Fault.SWALLOW_CLOSE_REASON) ? null : reason;
    events.accept(new DriverEvent.Closed(c, r));
    ready.completeExceptionally(new DriverException(
        "connection closed before setupComplete" + (c == null ? "" : " (code " + c + "): " + r), c, r));
    closed.complete(null);
  }

  /**
   * The application's audio output, simulated in real time: model audio is queued as it arrives
   * (faster than real time) and played at its rate; progress goes out as played events.
   */
  private final class Player {
    private java.util.concurrent.ScheduledExecutorService clock;
    private long queuedMicros;
    private long playedBytes;
    private long playedMicros;
    private int rate = 24_000;
    private long lastTick;

    synchronized void start() {
      if (clock != null) return;
      clock = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reference-client-player");
        t.setDaemon(true);
        return t;
      });
      lastTick = System.nanoTime();
      clock.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    synchronized void queue(int bytes, int sampleRate) {
      rate = sampleRate;
      queuedMicros += bytes / 2 * 1_000_000L / sampleRate;
    }

    private void tick() {
      DriverEvent.Played report = null;
      synchronized (this) {
        long now = System.nanoTime();
        long elapsed = (now - lastTick) / 1_000;
        lastTick = now;
        long play = Math.min(queuedMicros, elapsed);
        if (play > 0) {
          queuedMicros -= play;
          playedMicros += play;
          playedBytes = playedMicros * rate / 1_000_000L * 2;
          report = new DriverEvent.Played(playedBytes);
        }
      }
      if (report != null) events.accept(report);
    }

    /** Drops what is buffered and not yet played. */
    void flush() {
      DriverEvent.Played report;
      synchronized (this) {
        queuedMicros = 0;
        report = new DriverEvent.Played(playedBytes);
      }
      events.accept(report);
    }

    synchronized void stop() {
      if (clock != null) clock.shutdownNow();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final int gen;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        deliver(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      binary.writeBytes(b);
      if (last) {
        deliver(binary.toString(StandardCharsets.UTF_8));
        binary.reset();
      }
      webSocket.request(1);
      return null;
    }

    private void deliver(String json) {
      try {
        onServerMessage(JSON.readTree(json));
      } catch (Exception e) {
        if (has(Fault.CRASHES_ON_BAD_FRAME)) {
          events.accept(new DriverEvent.Error(null, null, "unreadable server message: " + e.getMessage()));
          ws.abort();
          return;
        }
        // A frame we cannot read must not end the session; tell the application.
        events.accept(new DriverEvent.Warning("unreadable server message: " + e.getMessage()));
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (gen == generation) ReferenceClient.this.onClose(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      if (gen != generation) return;
      events.accept(new DriverEvent.Error(null, null, String.valueOf(error)));
      ready.completeExceptionally(new DriverException("connection failed: " + error, null, null));
      closed.complete(null);
    }
  }
}
