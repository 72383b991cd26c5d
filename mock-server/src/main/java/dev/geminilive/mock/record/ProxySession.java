package dev.geminilive.mock.record;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.record.SessionTape.Ending;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One proxied Live session: the client's connection and the upstream's, both on the client's
 * event loop. Every data frame is passed on unchanged (same frame type, same order) and put on the
 * session's {@link SessionTape}; close frames are passed on both ways, so each side sees the
 * other's code and reason. Nothing here is shared with another session.
 */
final class ProxySession {
  /** What the real service says when it cannot serve (observed: kazunori279/adk-streaming-guide#11). */
  static final String UNAVAILABLE = "The service is currently unavailable.";
  /** What the real service says when an operation outlives its deadline (observed: google/adk-python#4140). */
  static final String DEADLINE = "Deadline expired before operation could complete.";

  private static final ObjectMapper JSON = LiveJson.mapper();
  /** Client messages as the scenario engine's matchers see them (see ScenarioRun). */
  private static final ObjectMapper MESSAGE_TREES =
      LiveJson.mapper().copy().setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
  /** Client messages after which the upstream owes an answer; a silence after them is a stall. */
  private static final Set<String> AWAITS_ANSWER = Set.of("setup", "clientContent", "realtimeInput.text",
      "toolResponse", "realtimeInput.activityEnd", "realtimeInput.audioStreamEnd");

  private final Channel client;
  private final SessionTape tape;
  private final long startNanos;
  private final long stallMillis;
  private final long closeTimeoutMillis;
  private final Runnable onEnd;
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();
  private Channel upstream;
  private boolean closeFromClient;
  private boolean closeFromUpstream;
  private boolean ended;
  private ScheduledFuture<?> stallTimer;

  /**
   * @param onEnd runs once, on the event loop, when both connections are gone
   */
  ProxySession(Channel client, SessionTape tape, long startNanos, long stallMillis, long closeTimeoutMillis,
      Runnable onEnd) {
    this.client = client;
    this.tape = tape;
    this.startNanos = startNanos;
    this.stallMillis = stallMillis;
    this.closeTimeoutMillis = closeTimeoutMillis;
    this.onEnd = onEnd;
  }

  private long now() {
    return System.nanoTime() - startNanos;
  }

  // ---- wiring ----

  /** The client's handler, added after the client's handshake. */
  SimpleChannelInboundHandler<WebSocketFrame> clientSide() {
    return new Side(true);
  }

  /** Joins the open upstream channel to this session. */
  void attach(Channel upstreamChannel) {
    this.upstream = upstreamChannel;
    upstreamChannel.pipeline().addLast("proxy", new Side(false));
    upstreamChannel.closeFuture().addListener(f -> maybeEnd());
    client.closeFuture().addListener(f -> {
      if (!closeFromClient && !closeFromUpstream) {
        // Noted before the upstream is closed, so that its end is not taken for the upstream's fault.
        end(Ending.CLIENT_CLOSED, 1006, "connection lost without a close frame");
      }
      if (upstream.isActive()) {
        upstream.close(); // the client is gone: nobody is left to answer
      }
      maybeEnd();
    });
  }

  /** The upstream could not be opened: the client gets the real service's "unavailable". */
  void unavailable(String why) {
    tape.markIncomplete("the upstream could not be reached: " + why);
    closeClient(1011, UNAVAILABLE);
    client.closeFuture().addListener(f -> maybeEnd());
  }

  private void maybeEnd() {
    if (!ended && !client.isActive() && (upstream == null || !upstream.isActive())) {
      ended = true;
      cancelStall();
      onEnd.run();
    }
  }

  // ---- frames ----

  private final class Side extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final boolean fromClient;

    Side(boolean fromClient) {
      this.fromClient = fromClient;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof PingWebSocketFrame) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof PongWebSocketFrame) {
        // keep-alive answer; nothing to pass on
      } else if (frame instanceof CloseWebSocketFrame close) {
        onClose(fromClient, close);
      } else if (fromClient) {
        fromClient(frame);
      } else {
        fromUpstream(frame);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (fromClient) {
        if (!closeFromClient && !closeFromUpstream) {
          end(Ending.CLIENT_CLOSED, 1006, "connection lost without a close frame");
        }
      } else if (!closeFromUpstream && !closeFromClient && !tape.ended()) {
        // The upstream vanished mid-session: the client sees what a lost connection looks like.
        tape.markIncomplete("the upstream's connection ended without a close frame");
        end(Ending.UPSTREAM_DROPPED, 1006, null);
        abortClient();
      } else if (client.isActive() && !closeFromClient) {
        client.close();
      }
      super.channelInactive(ctx);
    }

    /**
     * A side that does not read its messages holds back the other side's reading (instead of
     * the proxy buffering without bound); TCP then slows the sender, as it would without a proxy.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
      Channel other = fromClient ? upstream : client;
      if (other != null) {
        other.config().setAutoRead(ctx.channel().isWritable());
      }
      super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (fromClient) {
        ctx.close();
      } else {
        tape.note("Upstream error: " + UpstreamConnector.describe(cause) + ".");
        ctx.close();
      }
    }
  }

  private void fromClient(WebSocketFrame frame) {
    if (closeFromClient) {
      return;
    }
    ByteBuf content = frame.content();
    tapeClient(content);
    if (upstream != null && upstream.isActive() && !closeFromUpstream) {
      upstream.writeAndFlush(copyOf(frame));
    }
  }

  private void fromUpstream(WebSocketFrame frame) {
    cancelStall();
    ByteBuf content = frame.content();
    boolean binary = frame instanceof BinaryWebSocketFrame;
    JsonNode tree = null;
    String text = null;
    try {
      tree = JSON.readTree(ByteBufUtil.getBytes(content));
    } catch (Exception e) {
      text = content.toString(StandardCharsets.UTF_8);
    }
    tape.add(new SessionTape.FromServer(now(), tree != null && tree.isObject() ? tree : null,
        tree != null && tree.isObject() ? null : text == null ? String.valueOf(tree) : text, binary));
    if (client.isActive() && !closeFromClient) {
      client.writeAndFlush(copyOf(frame));
    }
  }

  private static WebSocketFrame copyOf(WebSocketFrame frame) {
    ByteBuf data = frame.content().retainedDuplicate();
    return frame instanceof TextWebSocketFrame ? new TextWebSocketFrame(data) : new BinaryWebSocketFrame(data);
  }

  private void tapeClient(ByteBuf content) {
    ClientMessageDecoder.Decoded decoded;
    try {
      decoded = decoder.decode(ByteBufUtil.getBytes(content));
    } catch (ProtocolViolation v) {
      tape.add(new SessionTape.FromClient(now(), "invalid", null, 0));
      return;
    }
    ClientMessage message = decoded.message();
    String kind = message.kind();
    if (message instanceof RealtimeInput in && in.audio() != null) {
      tape.add(new SessionTape.FromClient(now(), kind, null, audioMillis(in)));
      return;
    }
    ObjectNode tree = JSON.createObjectNode();
    tree.set(message.wireKey(), MESSAGE_TREES.valueToTree(message));
    tape.add(new SessionTape.FromClient(now(), kind, tree, 0));
    if (AWAITS_ANSWER.contains(kind)) {
      armStall(kind);
    }
  }

  private static double audioMillis(RealtimeInput in) {
    String data = in.audio().data() == null ? "" : in.audio().data();
    int padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
    long bytes = data.length() / 4L * 3 - padding;
    int rate = PcmFormat.parse(in.audio().mimeType()).sampleRate();
    return rate <= 0 ? 0 : bytes / 2.0 * 1000.0 / rate;
  }

  // ---- stall ----

  private void armStall(String after) {
    if (stallMillis <= 0 || stallTimer != null) {
      return;
    }
    stallTimer = client.eventLoop().schedule(() -> {
      stallTimer = null;
      if (ended || closeFromClient || closeFromUpstream) {
        return;
      }
      tape.markIncomplete("the upstream sent nothing for " + stallMillis + " ms after the client's " + after);
      end(Ending.PROXY_CLOSED, 1011, DEADLINE);
      closeClient(1011, DEADLINE);
      if (upstream != null && upstream.isActive()) {
        upstream.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
      }
    }, stallMillis, TimeUnit.MILLISECONDS);
  }

  private void cancelStall() {
    if (stallTimer != null) {
      stallTimer.cancel(false);
      stallTimer = null;
    }
  }

  // ---- closing ----

  private void onClose(boolean fromClient, CloseWebSocketFrame close) {
    int code = close.statusCode() < 0 ? 1005 : close.statusCode();
    String reason = close.reasonText();
    if (fromClient) {
      if (closeFromClient) {
        return;
      }
      closeFromClient = true;
      if (!closeFromUpstream) {
        end(Ending.CLIENT_CLOSED, code, reason);
      }
      // Pass the close on (or, if the upstream closed first, it is the client's answer).
      forwardClose(upstream, close, code, reason);
      if (closeFromUpstream || upstream == null || !upstream.isActive()) {
        client.close();
      }
    } else {
      if (closeFromUpstream) {
        return;
      }
      closeFromUpstream = true;
      cancelStall();
      if (!closeFromClient) {
        end(Ending.UPSTREAM_CLOSED, code, reason);
      }
      io.netty.channel.ChannelFuture sent = forwardClose(client, close, code, reason);
      if (closeFromClient || !client.isActive()) {
        upstream.close();
        if (sent == null) {
          client.close();
        } else {
          sent.addListener(ChannelFutureListener.CLOSE);
        }
      }
    }
    // Whoever started the closing handshake, neither side waits forever for the other.
    client.eventLoop().schedule(() -> {
      client.close();
      if (upstream != null) {
        upstream.close();
      }
    }, closeTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  private static io.netty.channel.ChannelFuture forwardClose(
      Channel to, CloseWebSocketFrame close, int code, String reason) {
    if (to == null || !to.isActive()) {
      return null;
    }
    CloseWebSocketFrame copy = close.statusCode() < 0 ? new CloseWebSocketFrame()
        : new CloseWebSocketFrame(code, reason);
    return to.writeAndFlush(copy);
  }

  private void end(Ending how, int code, String reason) {
    if (!tape.ended()) {
      tape.add(new SessionTape.Ended(now(), how, code, reason));
    }
  }

  /** Closes the client with a close frame (then the connection, when answered or after the timeout). */
  void closeClient(int code, String reason) {
    if (!tape.ended()) {
      tape.add(new SessionTape.Ended(now(), Ending.PROXY_CLOSED, code, reason));
    }
    closeFromUpstream = true; // the proxy speaks for the upstream from here on
    if (client.isActive()) {
      client.writeAndFlush(new CloseWebSocketFrame(code, reason));
      client.eventLoop().schedule(() -> { client.close(); }, closeTimeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void abortClient() {
    if (client.isActive()) {
      // A TCP reset: the client sees a lost connection (1006), as it would from the service.
      client.config().setOption(ChannelOption.SO_LINGER, 0);
      client.close();
    }
  }
}
