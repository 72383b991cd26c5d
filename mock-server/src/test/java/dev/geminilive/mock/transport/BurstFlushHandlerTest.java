package dev.geminilive.mock.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstFlushHandlerTest {
  /** Counts the flushes that get past the handler under test, towards the socket. */
  static final class FlushCounter extends ChannelOutboundHandlerAdapter {
    int flushes;
    final List<Integer> writtenBeforeEachFlush = new ArrayList<>();
    int writes;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
      writes++;
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes++;
      writtenBeforeEachFlush.add(writes);
      ctx.flush();
    }
  }

  /** Answers every inbound message with three frames, each written and flushed on its own. */
  static final class ThreeFrameReply extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      for (int i = 0; i < 3; i++) {
        ctx.writeAndFlush("frame " + i);
      }
    }
  }

  @Test
  void framesWrittenWhileReadingGoOutWithOneFlushWhenTheReadCompletes() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(counter, new BurstFlushHandler(), new ThreeFrameReply());

    ch.writeInbound("hello"); // read, then read complete

    assertThat(counter.flushes).isEqualTo(1);
    assertThat(counter.writtenBeforeEachFlush).containsExactly(3);
    assertThat(ch.outboundMessages()).hasSize(3);
  }

  @Test
  void framesWrittenOutsideReadsAndTimerBatchesAreFlushedAtOnce() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(counter, new BurstFlushHandler());

    ch.writeAndFlush("a");
    assertThat(counter.flushes).isEqualTo(1);
    ch.writeAndFlush("b");
    assertThat(counter.flushes).isEqualTo(2);
  }

  @Test
  void aReadCompletingRunsTheTimersDueSendsAndTheirBatchFlushesOnce() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(DueSendsHandler.INSTANCE, counter, new BurstFlushHandler());
    List<String> ran = new ArrayList<>();
    LoopTimer.schedule(ch.eventLoop(), () -> {
      ran.add("chunk");
      ch.writeAndFlush("chunk");
      ch.writeAndFlush("transcript");
    }, 0);
    LoopTimer.schedule(ch.eventLoop(), () -> ran.add("later"), 60_000_000_000L);

    // No scheduled task of the loop has run: only the read completing gives the timer its turn.
    assertThat(ran).isEmpty();
    ch.pipeline().fireChannelReadComplete();

    assertThat(ran).containsExactly("chunk");
    assertThat(counter.flushes).isEqualTo(1);
    assertThat(counter.writtenBeforeEachFlush).containsExactly(2);
    ch.finishAndReleaseAll();
  }

  @Test
  void aPendingFlushIsNotLostWhenTheConnectionCloses() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel(counter, new BurstFlushHandler(), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.writeAndFlush("last words");
        ctx.close();
      }
    });

    ch.pipeline().fireChannelRead("bye"); // no read complete: the close must flush

    assertThat(counter.flushes).isEqualTo(1);
    assertThat(counter.writtenBeforeEachFlush).containsExactly(1);
  }
}
