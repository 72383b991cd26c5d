package dev.geminilive.mock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A plain WebSocket client for tests (the JDK's own), independent of the server's code: sends
 * raw text, records every frame received with its opcode, and the close code and reason.
 */
public final class RawLiveClient implements AutoCloseable {
  public static final String DEV_PATH =
      "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";
  public static final String VERTEX_PATH =
      "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One server frame. */
  public record Frame(boolean binary, String text) {
    public JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (Exception e) {
        throw new AssertionError("server frame is not JSON: " + text, e);
      }
    }
  }

  /** How the connection ended. */
  public record Close(int code, String reason) {}

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private RawLiveClient(URI uri, Map<String, String> headers, SSLContext ssl) {
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ssl != null) {
      http.sslContext(ssl);
    }
    WebSocket.Builder builder = http.build().newWebSocketBuilder();
    headers.forEach(builder::header);
    socket = builder.buildAsync(uri, new Listener()).join();
  }

  public static RawLiveClient connect(String wsUrl) {
    return new RawLiveClient(URI.create(wsUrl), Map.of(), null);
  }

  public static RawLiveClient connect(String wsUrl, Map<String, String> headers, SSLContext ssl) {
    return new RawLiveClient(URI.create(wsUrl), headers, ssl);
  }

  /** An upgrade the server refused: its HTTP status and body. */
  public record Refusal(int status, String body) {}

  /** Tries the upgrade and expects the server to refuse it with an HTTP error. */
  public static Refusal refusal(String wsUrl, Map<String, String> headers) {
    try (RawLiveClient c = connect(wsUrl, headers, null)) {
      throw new AssertionError("the upgrade succeeded; expected a refusal");
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
        Object body = h.getResponse().body();
        return new Refusal(h.getResponse().statusCode(), body == null ? "" : body.toString());
      }
      throw e;
    }
  }

  public RawLiveClient send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  public RawLiveClient sendBinary(String text) {
    socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).join();
    return this;
  }

  /** Sends {@code setup} for {@code model} with extra JSON fields (may be empty). */
  public RawLiveClient setup(String model, String extraFields) {
    String extra = extraFields == null || extraFields.isBlank() ? "" : "," + extraFields;
    return send("{\"setup\":{\"model\":\"" + model + "\"" + extra + "}}");
  }

  /** Waits for the next frame. */
  public Frame next(long timeoutMillis) throws InterruptedException {
    Frame f = frames.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new AssertionError("no server frame within " + timeoutMillis + " ms; closed=" + closed.getNow(null));
    }
    return f;
  }

  /** Reads frames until one matches; returns all frames read, the match last. */
  public List<Frame> until(Predicate<JsonNode> match, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    List<Frame> seen = new ArrayList<>();
    while (true) {
      long left = deadline - System.currentTimeMillis();
      Frame f = frames.poll(Math.max(0, left), TimeUnit.MILLISECONDS);
      if (f == null) {
        throw new AssertionError("no matching frame within " + timeoutMillis + " ms; saw " + seen
            + "; closed=" + closed.getNow(null));
      }
      seen.add(f);
      if (match.test(f.json())) {
        return seen;
      }
    }
  }

  /** Frames that arrive within {@code millis}. */
  public List<Frame> drain(long millis) throws InterruptedException {
    List<Frame> seen = new ArrayList<>();
    long deadline = System.currentTimeMillis() + millis;
    Frame f;
    while ((f = frames.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) != null) {
      seen.add(f);
    }
    return seen;
  }

  public Close awaitClose(long timeoutMillis) {
    try {
      return closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("connection not closed within " + timeoutMillis + " ms", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Ends the TCP connection without a close frame, as a crashed client would. */
  public void abortWithoutClose() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(1000, "test done").exceptionally(e -> null);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        frames.add(new Frame(false, text.toString()));
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      binary.writeBytes(bytes);
      if (last) {
        frames.add(new Frame(true, binary.toString(StandardCharsets.UTF_8)));
        binary.reset();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(new Close(1006, String.valueOf(error)));
    }
  }
}
