package dev.geminilive.mock.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Runs one probe against one Live endpoint with the JDK's WebSocket client and reduces what came
 * back to an outcome: whether the setup was answered, then per awaited turn the kinds of content
 * seen ({@code text}, {@code audio}, {@code toolCall}, {@code resumptionUpdate}) and how it ended
 * ({@code turnComplete}, {@code close <code>}, or {@code no answer}).
 */
final class ProbeRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A frame or the end of the connection. */
  private record Event(JsonNode message, String text, Integer closeCode, String closeReason) {}

  private final HttpClient http;
  private final long timeoutMillis;

  ProbeRunner(SSLContext tls, long timeoutMillis) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMillis));
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * @param url the Live endpoint ({@code ws(s)://.../ws/...BidiGenerateContent})
   * @param headers sent on the upgrade (the credential); never logged
   */
  Exchange run(Probe probe, String model, String url, Map<String, String> headers) {
    Exchange exchange = new Exchange();
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    WebSocket socket;
    try {
      WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofMillis(timeoutMillis));
      headers.forEach(builder::header);
      socket = builder.buildAsync(URI.create(url), new Listener(events)).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      exchange.error("could not connect: " + cause);
      exchange.segment("connect failed");
      return exchange;
    }
    try {
      String extra = probe.setupFields().isEmpty() ? "" : "," + probe.setupFields();
      send(socket, exchange, "{\"setup\":{\"model\":\"models/" + model + "\"" + extra + "}}");
      Event first = next(events, exchange, timeoutMillis);
      if (first == null) {
        exchange.segment("no answer to setup");
        return exchange;
      }
      if (first.closeCode() != null) {
        exchange.segment("close " + first.closeCode());
        return exchange;
      }
      if (first.message() == null || !first.message().has("setupComplete")) {
        exchange.segment("unexpected first message");
        return exchange;
      }
      exchange.segment("setupComplete");
      for (Probe.Action action : probe.actions()) {
        if (action instanceof Probe.Send s) {
          send(socket, exchange, s.json());
        } else if (action instanceof Probe.AwaitTurn) {
          if (!collect(events, exchange, timeoutMillis, true)) {
            return exchange;
          }
        } else if (action instanceof Probe.Listen l) {
          if (!collect(events, exchange, l.ms(), false)) {
            return exchange;
          }
        }
      }
      return exchange;
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
      socket.abort();
    }
  }

  /** Reads until turnComplete (when {@code untilTurn}), a close or the time is up; false when closed. */
  private boolean collect(BlockingQueue<Event> events, Exchange exchange, long millis, boolean untilTurn) {
    Set<String> seen = new LinkedHashSet<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      Event e = left <= 0 ? null : next(events, exchange, left);
      if (e == null) {
        if (untilTurn) seen.add("no answer");
        exchange.segment(String.join(" ", seen));
        return true;
      }
      if (e.closeCode() != null) {
        seen.add("close " + e.closeCode());
        exchange.segment(String.join(" ", seen));
        return false;
      }
      JsonNode m = e.message();
      if (m == null) {
        seen.add("non-JSON");
        continue;
      }
      JsonNode content = m.path("serverContent");
      for (JsonNode part : content.path("modelTurn").path("parts")) {
        if (part.path("thought").asBoolean(false)) seen.add("thought");
        else if (part.has("text")) seen.add("text");
        if (part.has("inlineData")) seen.add("audio");
      }
      if (m.has("toolCall")) seen.add("toolCall");
      if (m.path("sessionResumptionUpdate").path("newHandle").isTextual()) seen.add("resumptionUpdate");
      if (m.has("goAway")) seen.add("goAway");
      if (untilTurn && content.path("turnComplete").asBoolean(false)) {
        seen.add("turnComplete");
        exchange.segment(String.join(" ", seen));
        return true;
      }
    }
  }

  private Event next(BlockingQueue<Event> events, Exchange exchange, long millis) {
    try {
      Event e = events.poll(millis, TimeUnit.MILLISECONDS);
      if (e != null) {
        if (e.closeCode() != null) exchange.closed(e.closeCode(), e.closeReason());
        else if (e.message() != null) exchange.server(e.message());
        else exchange.serverText(e.text());
      }
      return e;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static void send(WebSocket socket, Exchange exchange, String json) {
    try {
      exchange.client(JSON.readTree(json));
      socket.sendText(json, true).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      exchange.error("send failed: " + e);
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final BlockingQueue<Event> events;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    Listener(BlockingQueue<Event> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        offer(text.toString());
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
        offer(binary.toString(StandardCharsets.UTF_8));
        binary.reset();
      }
      ws.request(1);
      return null;
    }

    private void offer(String s) {
      try {
        events.add(new Event(JSON.readTree(s), null, null, null));
      } catch (Exception e) {
        events.add(new Event(null, s, null, null));
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      events.add(new Event(null, null, statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      events.add(new Event(null, null, 1006, String.valueOf(error)));
    }
  }
}
