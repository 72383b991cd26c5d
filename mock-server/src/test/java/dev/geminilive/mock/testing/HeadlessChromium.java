package dev.geminilive.mock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket, with the JDK's own
 * client): navigate, evaluate JavaScript in the page, take screenshots. Enough for a test to read
 * a live page's DOM without a browser-automation dependency. Returns null from {@link #find()}
 * where Chromium is not installed, so the test can skip with the reason.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private final Path profile;

  private HeadlessChromium(Process process, WebSocket socket, Path profile) {
    this.process = process;
    this.socket = socket;
    this.profile = profile;
  }

  /** The Chromium binary, or null when none is installed. */
  public static String find() {
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }

  /**
   * Starts a fresh browser with one blank page; its log goes to {@code dir}. The profile lives in a
   * temporary folder of its own, not under {@code dir}: Chromium's helper processes can still be
   * writing to it for a moment after the browser exits, which made JUnit's cleanup of a
   * {@code @TempDir} fail.
   */
  public static HeadlessChromium start(String binary, Path dir, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IOException("chromium did not open its DevTools port; see " + dir.resolve("chromium.log"));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    while (pageSocket == null) {
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) {
          pageSocket = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageSocket == null) {
        if (System.nanoTime() > deadline) {
          throw new IOException("chromium opened no page");
        }
        Thread.sleep(50);
      }
    }
    Listener listener = new Listener();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).get(10, TimeUnit.SECONDS);
    HeadlessChromium browser = new HeadlessChromium(process, socket, profile);
    listener.owner = browser;
    browser.call("Page.enable", JSON.createObjectNode());
    browser.call("Runtime.enable", JSON.createObjectNode());
    return browser;
  }

  /**
   * Answers every HTTP authentication challenge the way a person would in the browser's login
   * prompt: with {@code user} and {@code password} (for the mock, any user name and the admin
   * token). Headless Chromium shows no prompt, so without this a guarded page stays a 401.
   */
  public void answerLoginPrompts(String user, String password) throws Exception {
    credentials = new String[] {user, password};
    ObjectNode params = JSON.createObjectNode().put("handleAuthRequests", true);
    params.putArray("patterns").addObject().put("urlPattern", "*");
    call("Fetch.enable", params);
  }

  private volatile String[] credentials;

  /** Protocol events: with Fetch enabled, every request waits for us, and challenges need answers. */
  private void onEvent(JsonNode message) {
    String method = message.path("method").asText();
    JsonNode params = message.path("params");
    ObjectNode reply = JSON.createObjectNode().put("id", ids.incrementAndGet());
    if (method.equals("Fetch.requestPaused")) {
      reply.put("method", "Fetch.continueRequest").putObject("params")
          .put("requestId", params.path("requestId").asText());
    } else if (method.equals("Fetch.authRequired") && credentials != null) {
      ObjectNode p = reply.put("method", "Fetch.continueWithAuth").putObject("params")
          .put("requestId", params.path("requestId").asText());
      p.putObject("authChallengeResponse").put("response", "ProvideCredentials")
          .put("username", credentials[0]).put("password", credentials[1]);
    } else {
      return;
    }
    send(reply.toString());
  }

  /** The JDK's WebSocket allows one send at a time; the test thread and the listener both send. */
  private synchronized void send(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  public void navigate(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** Evaluates {@code expression} in the page (promises awaited) and returns its JSON value. */
  public JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("page threw: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /**
   * Evaluates {@code expression} until {@code done} accepts its value (a page that updates itself
   * gets the time it needs; the bound only stops a test that would otherwise hang).
   */
  public JsonNode waitFor(String expression, Predicate<JsonNode> done, Duration bound) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = eval(expression);
        if (done.test(last)) {
          return last;
        }
      } catch (AssertionError e) {
        last = JSON.getNodeFactory().textNode(e.getMessage()); // the page may be navigating
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the page never showed what was expected; last value of `" + expression + "`: " + last);
  }

  public void screenshot(Path file) throws Exception {
    JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", false));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    send(message.toString());
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IOException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  private static final class Listener implements WebSocket.Listener {
    volatile HeadlessChromium owner;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          if (message.has("id") && owner != null) {
            CompletableFuture<JsonNode> f = owner.pending.remove(message.get("id").asInt());
            if (f != null) {
              f.complete(message);
            }
          } else if (message.has("method") && owner != null) {
            owner.onEvent(message);
          }
        } catch (IOException e) {
          // not ours to judge: an unreadable event is skipped
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    socket.abort();
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    helpers.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle h : helpers) {
        h.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (Exception e) {
      helpers.forEach(ProcessHandle::destroyForcibly);
    }
    deleteQuietly(profile);
  }

  /** Best effort: a profile file still held by a dying helper process must not fail the test. */
  private static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // left for the OS's temp cleaning
    }
  }
}
