package dev.geminilive.mock.transport;

import dev.geminilive.mock.journal.WireBlobs;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.session.SessionTransport;
import dev.geminilive.mock.session.WireTap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A session's view of its Netty channel: frames out, close handshake, timers on its loop. Whether
 * the session may still send is the session's {@link dev.geminilive.mock.session.CloseState}; this
 * class only refuses to write to a channel that is gone.
 */
final class NettySessionTransport implements SessionTransport {
  private static final ObjectWriter WRITER = BlobWriter.WRITER;

  private final Channel channel;
  private final boolean binary;
  private final long closeTimeoutMillis;
  private final PacingStats pacing;
  private int sizeHint = 256;

  NettySessionTransport(Channel channel, boolean binary, long closeTimeoutMillis, PacingStats pacing) {
    this.pacing = pacing;
    this.channel = channel;
    this.binary = binary;
    this.closeTimeoutMillis = closeTimeoutMillis;
  }

  @Override
  public void send(ServerMessage message) {
    send(message, null);
  }

  @Override
  public boolean send(ServerMessage message, WireTap tap) {
    if (!channel.isActive()) {
      return false;
    }
    EncodedFrames.Entry known = EncodedFrames.lookup(message);
    ByteBuf buf;
    WireBlobs marks;
    if (known != null && known.wire() != null) {
      buf = known.frame();
      marks = known.blobs();
    } else {
      BlobWriter.Marks fresh = BlobWriter.MARKS.get().reset();
      // Serialise straight into a pooled buffer: no intermediate byte[] per audio chunk. Start at
      // the last message's size, so that an audio chunk does not grow the buffer five times.
      buf = channel.alloc().buffer(sizeHint);
      try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
        WRITER.writeValue((java.io.OutputStream) out, message);
      } catch (IOException e) {
        buf.release();
        throw new IllegalStateException("cannot encode " + message.kind(), e);
      }
      sizeHint = Math.max(256, Math.min(64 * 1024, buf.readableBytes() + 64));
      if (known != null) { // the second time this very message goes out: keep its encoding
        EncodedFrames.keep(message, buf, fresh);
      }
      marks = fresh;
    }
    if (tap != null) {
      try {
        tap.encoded(buf.nioBuffer(), marks);
      } catch (RuntimeException e) {
        buf.release();
        throw e;
      }
    }
    channel.writeAndFlush(binary ? new BinaryWebSocketFrame(buf) : new TextWebSocketFrame(buf));
    return true;
  }

  @Override
  public void sendRaw(String text) {
    if (!channel.isActive()) {
      return;
    }
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  @Override
  public void close(int code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
    // The client should answer with its own close frame; some never do (google-genai Java 2.0.0).
    channel.eventLoop().schedule(() -> { channel.close(); }, closeTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void abort() {
    // SO_LINGER 0 turns close() into a TCP reset: the client sees a dropped network, not a close.
    channel.config().setOption(ChannelOption.SO_LINGER, 0);
    channel.close();
  }

  @Override
  public Future<?> schedule(Runnable task, long delayNanos) {
    return LoopTimer.schedule(channel.eventLoop(), task, delayNanos);
  }

  @Override
  public void paced(long latenessNanos) {
    pacing.record(latenessNanos);
  }

  @Override
  public void network(NetworkConditions conditions, String source) {
    NetworkLink.of(channel).ifPresent(link -> link.apply(conditions, source));
  }
}
