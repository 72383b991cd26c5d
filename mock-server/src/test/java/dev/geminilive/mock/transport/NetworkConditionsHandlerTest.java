package dev.geminilive.mock.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.network.NetworkConditions.Bunch;
import dev.geminilive.mock.network.NetworkConditions.Stall;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The handler on an {@link EmbeddedChannel} with frozen time: every check is on the channel's own
 * clock, advanced by the test, so nothing depends on how busy the machine is.
 */
class NetworkConditionsHandlerTest {
  private static final long MS = 1_000_000L;

  /** A channel whose clock only moves when the test says, with the handler installed. */
  private static final class Wire implements AutoCloseable {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final NetworkConditionsHandler handler;
    /** Delivered frames' text, and the time (ms since start) each was delivered. */
    final List<String> delivered = new ArrayList<>();
    final List<Long> deliveredAtMs = new ArrayList<>();
    final List<Integer> burst = new ArrayList<>();
    long nowMs;
    int bursts;

    Wire(NetworkConditions conditions) {
      channel.freezeTime();
      handler = new NetworkConditionsHandler(conditions);
      channel.pipeline().addLast(handler);
    }

    void send(String text) {
      channel.writeAndFlush(new TextWebSocketFrame(text));
      collect();
    }

    void sendAudio(int n) {
      send("{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\","
          + "\"data\":\"AAAA\"}}]}},\"n\":" + n + "}");
    }

    void advance(long ms) {
      for (long i = 0; i < ms; i++) {
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        nowMs++;
        channel.runScheduledPendingTasks();
        collect();
      }
    }

    void collect() {
      int before = delivered.size();
      Object o;
      while ((o = channel.readOutbound()) != null) {
        WebSocketFrame f = (WebSocketFrame) o;
        delivered.add(f instanceof CloseWebSocketFrame c ? "close " + c.statusCode()
            : f.content().toString(StandardCharsets.UTF_8));
        deliveredAtMs.add(nowMs);
        f.release();
      }
      if (delivered.size() > before) {
        bursts++;
        burst.add(delivered.size() - before);
      }
    }

    @Override
    public void close() {
      channel.finishAndReleaseAll();
    }
  }

  private static NetworkConditions latency(long ms, long jitter, long seed) {
    return new NetworkConditions(ms, jitter, 0, null, null, seed);
  }

  @Test
  void latencyDelaysEveryFrameByThatMuch() {
    try (Wire w = new Wire(latency(100, 0, 0))) {
      w.send("a");
      w.advance(99);
      assertThat(w.delivered).isEmpty();
      w.advance(1);
      assertThat(w.delivered).containsExactly("a");
      assertThat(w.deliveredAtMs).containsExactly(100L);
    }
  }

  @Test
  void jitterNeverReordersFramesAndTheSameSeedGivesTheSameDelays() {
    List<Long> first = null;
    for (int run = 0; run < 2; run++) {
      try (Wire w = new Wire(latency(50, 40, 7))) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          sent.add("f" + i);
          w.send("f" + i);
          w.advance(2);
        }
        w.advance(200);
        assertThat(w.delivered).containsExactlyElementsOf(sent);
        // Jitter took effect: delays differ, and some frames waited for a later-planned earlier one.
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          delays.add(w.deliveredAtMs.get(i) - 2L * i);
          assertThat(delays.get(i)).isBetween(10L, 90L + 2);
        }
        assertThat(delays.stream().distinct().count()).isGreaterThan(20);
        if (first == null) {
          first = w.deliveredAtMs;
        } else {
          assertThat(w.deliveredAtMs).isEqualTo(first);
        }
      }
    }
    try (Wire other = new Wire(latency(50, 40, 8))) {
      for (int i = 0; i < 200; i++) {
        other.send("f" + i);
        other.advance(2);
      }
      other.advance(200);
      assertThat(other.deliveredAtMs).isNotEqualTo(first);
    }
  }

  @Test
  void aStallAfterTheKthAudioChunkHoldsWhatFollowsForItsLength() {
    try (Wire w = new Wire(new NetworkConditions(0, 0, 0, null, new Stall(500, null, 3), 0))) {
      w.send("setupComplete");
      for (int i = 1; i <= 6; i++) {
        w.sendAudio(i);
        w.advance(40);
      }
      w.advance(600);
      assertThat(w.delivered).hasSize(7);
      // setupComplete and chunks 1..3 at once; chunk 4 (sent at 120 ms) waits until 80 + 500 ms.
      assertThat(w.deliveredAtMs.subList(0, 4)).containsExactly(0L, 0L, 40L, 80L);
      assertThat(w.deliveredAtMs.get(4)).isEqualTo(580L);
      assertThat(w.deliveredAtMs.get(6)).isEqualTo(580L);
    }
  }

  @Test
  void aTimedStallCoversFramesDueInsideIt() {
    try (Wire w = new Wire(new NetworkConditions(10, 0, 0, null, new Stall(300, 100L, null), 0))) {
      for (int i = 0; i < 10; i++) {
        w.send("f" + i);
        w.advance(50);
      }
      w.advance(500);
      assertThat(w.delivered).hasSize(10);
      // f0 (due 10) and f1 (due 60) pass; f2..f7 are due in [100, 400) and wait; f8 is due at 410.
      assertThat(w.deliveredAtMs).containsExactly(10L, 60L, 400L, 400L, 400L, 400L, 400L, 400L, 410L, 460L);
    }
  }

  @Test
  void aStallNowHoldsFramesAlreadyOnTheirWay() {
    try (Wire w = new Wire(latency(100, 0, 0))) {
      w.send("a");
      w.advance(50);
      w.handler.stallNow(1_000);
      w.send("b");
      w.advance(999);
      assertThat(w.delivered).isEmpty();
      w.advance(1);
      assertThat(w.delivered).containsExactly("a", "b");
      assertThat(w.deliveredAtMs).containsExactly(1_050L, 1_050L);
      assertThat(w.burst).containsExactly(2);
    }
  }

  @Test
  void bunchingDeliversFramesTogetherInOneFlush() {
    try (Wire w = new Wire(new NetworkConditions(0, 0, 0, new Bunch(5, 1_000), null, 0))) {
      for (int i = 0; i < 12; i++) {
        w.send("f" + i);
        w.advance(40);
      }
      w.advance(1_000);
      assertThat(w.delivered).hasSize(12);
      // Two full bunches as soon as their fifth frame is there, then the rest after the hold.
      assertThat(w.burst).containsExactly(5, 5, 2);
      assertThat(w.deliveredAtMs.get(0)).isEqualTo(160L);
      assertThat(w.deliveredAtMs.get(5)).isEqualTo(360L);
      assertThat(w.deliveredAtMs.get(10)).isEqualTo(400L + 1_000L);
    }
  }

  @Test
  void theBandwidthCapSpacesFramesByTheirSize() {
    try (Wire w = new Wire(new NetworkConditions(0, 0, 1_000, null, null, 0))) {
      String payload = "x".repeat(98); // 100 bytes on the wire with the 2-byte header
      for (int i = 0; i < 5; i++) {
        w.send(payload);
      }
      w.advance(600);
      assertThat(w.deliveredAtMs).containsExactly(100L, 200L, 300L, 400L, 500L);
    }
  }

  @Test
  void aCloseWaitsForTheFramesBeforeItAndTheCloseFrameComesLast() {
    try (Wire w = new Wire(latency(200, 0, 0))) {
      w.send("a");
      w.channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
      // Through the pipeline, as the transport's close timer does (EmbeddedChannel.close() would
      // also cancel every scheduled task).
      w.channel.pipeline().close();
      w.advance(199);
      assertThat(w.channel.isOpen()).isTrue();
      assertThat(w.delivered).isEmpty();
      w.advance(1);
      assertThat(w.delivered).containsExactly("a", "close 1000");
      w.channel.runPendingTasks();
      assertThat(w.channel.isOpen()).isFalse();
    }
  }

  @Test
  void framesHeldWhenTheConnectionEndsAreReleased() {
    try (Wire w = new Wire(latency(5_000, 0, 0))) {
      ByteBuf held = Unpooled.copiedBuffer("held", StandardCharsets.UTF_8);
      w.channel.writeAndFlush(new BinaryWebSocketFrame(held));
      w.channel.pipeline().fireChannelInactive();
      assertThat(held.refCnt()).isZero();
    }
  }

  @Test
  void clearedConditionsLeaveThePipelineOnceNothingIsHeld() {
    try (Wire w = new Wire(latency(100, 0, 0))) {
      w.send("a");
      w.handler.update(NetworkConditions.NONE);
      assertThat(w.channel.pipeline().get(NetworkConditionsHandler.class)).isNotNull();
      w.send("b"); // not before a
      w.advance(100);
      assertThat(w.delivered).containsExactly("a", "b");
      assertThat(w.channel.pipeline().get(NetworkConditionsHandler.class)).isNull();
    }
  }
}
