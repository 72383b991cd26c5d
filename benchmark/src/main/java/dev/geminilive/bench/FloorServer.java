package dev.geminilive.bench;

import dev.geminilive.mock.audio.PersonaVoice;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor: the least a Netty WebSocket server can do for these workloads. It answers
 * {@code setup} with {@code setupComplete} and a {@code clientContent} turn with the very frames the
 * mock's persona sends for a text turn (12 audio chunks, generationComplete, turnComplete), all
 * pre-encoded; everything else is dropped. Messages are told apart by their first bytes, not
 * parsed, and not validated (no UTF-8 check).
 *
 * <pre>java -cp gemini-live-benchmark.jar dev.geminilive.bench.FloorServer PORT</pre>
 */
public final class FloorServer {
  static final ByteBuf SETUP = ascii("\"setup\"");
  static final ByteBuf CLIENT_CONTENT = ascii("\"clientContent\"");
  static final ByteBuf SETUP_COMPLETE = ascii("{\"setupComplete\":{}}");
  static final List<ByteBuf> REPLY = reply();

  private FloorServer() {}

  static ByteBuf ascii(String s) {
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(s.getBytes(StandardCharsets.UTF_8)));
  }

  static List<ByteBuf> reply() {
    List<ByteBuf> out = new ArrayList<>();
    for (String chunk : PersonaVoice.base64Chunks()) {
      out.add(ascii("{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
          + "{\"data\":\"" + chunk + "\",\"mimeType\":\"audio/pcm;rate=24000\"}}]}}}"));
    }
    out.add(ascii("{\"serverContent\":{\"generationComplete\":true}}"));
    out.add(ascii("{\"serverContent\":{\"turnComplete\":true},\"usageMetadata\":{\"promptTokenCount\":1,"
        + "\"responseTokenCount\":30,\"totalTokenCount\":31}}"));
    return out;
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9126;
    long started = System.nanoTime();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    Channel ch = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(16 * 1024 * 1024)
                    // The floor checks nothing: Netty's byte-at-a-time UTF-8 validator would
                    // cost it more than the whole audio path of the mock.
                    .withUTF8Validator(false)
                    .build()),
                new Answer());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    System.out.printf("floor listening on ws://127.0.0.1:%d (started in %d ms)%n",
        ((InetSocketAddress) ch.localAddress()).getPort(), (System.nanoTime() - started) / 1_000_000);
    ch.closeFuture().sync();
  }

  /** True when {@code content} is {@code {} followed by {@code key}. */
  static boolean startsWith(ByteBuf content, ByteBuf key) {
    int at = content.readerIndex() + 1;
    int n = key.readableBytes();
    return content.readableBytes() > n
        && content.getByte(content.readerIndex()) == '{'
        && ByteBufUtil.equals(content, at, key, key.readerIndex(), n);
  }

  static final class Answer extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      ByteBuf content = frame.content();
      // The message's one key opens it ({"clientContent":..., {"setup":...): compare the prefix
      // only, so a 2 KB audio chunk costs nothing to recognise.
      if (startsWith(content, CLIENT_CONTENT)) {
        for (ByteBuf b : REPLY) {
          ctx.write(new BinaryWebSocketFrame(b.retainedDuplicate()));
        }
        ctx.flush();
      } else if (startsWith(content, SETUP)) {
        ctx.writeAndFlush(new BinaryWebSocketFrame(SETUP_COMPLETE.retainedDuplicate()));
      }
    }
  }
}
