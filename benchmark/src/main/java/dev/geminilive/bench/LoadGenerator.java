package dev.geminilive.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: drives one workload against one server and prints one JSON line.
 *
 * <pre>
 * java -jar gemini-live-benchmark.jar --workload setup|turns|audio --url ws://127.0.0.1:PORT/ws/...
 *      --target NAME --server-pid PID [--workers N] [--seconds S] [--sessions C] [--turns K]
 * </pre>
 *
 * It runs on a single event-loop thread (pin it to its own core), pre-encodes every message it
 * sends and recognises replies by byte search, so that it costs far less than the servers it
 * measures; its own CPU time is reported next to theirs.
 */
public final class LoadGenerator {
  static final String MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025";
  static final String PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";
  static final ByteBuf SETUP = text("{\"setup\":{\"model\":\"" + MODEL + "\"}}");
  static final ByteBuf TURN = text(
      "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],\"turnComplete\":true}}");

  static final boolean DEBUG = System.getenv("BENCH_DEBUG") != null;
  static final long DEBUG_T0 = System.nanoTime();
  final Map<String, String> args;
  final URI uri;
  final long serverPid;
  final String target;
  final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  final EventLoop loop = group.next();
  final Bootstrap bootstrap;

  LoadGenerator(Map<String, String> args) {
    this.args = args;
    this.uri = URI.create(args.getOrDefault("url", "ws://127.0.0.1:9125" + PATH + "?key=bench"));
    this.serverPid = Long.parseLong(args.getOrDefault("server-pid", "-1"));
    this.target = args.getOrDefault("target", "unknown");
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
  }

  static ByteBuf text(String s) {
    return Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    LoadGenerator g = new LoadGenerator(args);
    try {
      String line = switch (args.getOrDefault("workload", "setup")) {
        case "setup" -> g.setupWorkload();
        case "turns" -> g.turnsWorkload();
        case "audio" -> g.audioWorkload();
        case "overflow" -> g.overflowWorkload();
        default -> throw new IllegalArgumentException("unknown workload " + args.get("workload"));
      };
      System.out.println(line);
    } finally {
      g.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  int intArg(String name, int def) {
    return Integer.parseInt(args.getOrDefault(name, String.valueOf(def)));
  }

  void connect(WsConnection c) {
    bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536), c);
      }
    }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
      if (!f.isSuccess()) {
        c.listener.onClosed(c, -1);
      }
    });
  }

  /** CPU and time accounting around a measured phase. */
  final class Meter {
    final long startNanos = System.nanoTime();
    final long[] serverCpu0 = ProcStats.cpuMillisUserSystem(serverPid);
    final long selfCpu0 = ProcStats.cpuMillis(ProcStats.self());
    long elapsedNanos;
    long serverCpu;
    /** The server's user-mode part of {@link #serverCpu} (both 0 when the server is unknown). */
    long serverUserCpu;
    long selfCpu;

    Meter stop() {
      elapsedNanos = System.nanoTime() - startNanos;
      long[] server = ProcStats.cpuMillisUserSystem(serverPid);
      if (server != null && serverCpu0 != null) {
        serverUserCpu = server[0] - serverCpu0[0];
        serverCpu = serverUserCpu + server[1] - serverCpu0[1];
      }
      selfCpu = ProcStats.cpuMillis(ProcStats.self()) - selfCpu0;
      return this;
    }

    double seconds() {
      return elapsedNanos / 1e9;
    }

    String json() {
      return String.format(Locale.ROOT,
          "\"seconds\":%.2f,\"serverCpuMs\":%d,\"serverCpuPct\":%.1f,\"generatorCpuMs\":%d,\"generatorCpuPct\":%.1f",
          seconds(), serverCpu, serverCpu / 10.0 / seconds(), selfCpu, selfCpu / 10.0 / seconds());
    }
  }

  String header(String workload) {
    return "{\"target\":\"" + target + "\",\"workload\":\"" + workload + "\",\"at\":\""
        + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"";
  }

  // ------------------------------------------------------------------ setup

  /** N workers loop connect, setup, setupComplete, close for S seconds. */
  String setupWorkload() throws Exception {
    int warmup = intArg("warmup-seconds", 3);
    if (warmup > 0) {
      setupRun(warmup); // JIT warm-up of both sides; not reported
    }
    return setupRun(intArg("seconds", 10));
  }

  String setupRun(long seconds) throws Exception {
    int workers = intArg("workers", 8);
    Samples latency = new Samples();
    int[] failures = {0};
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] running = {workers};
    long[] ends = {0};
    Meter[] meter = new Meter[1];
    loop.execute(() -> {
      meter[0] = new Meter();
      ends[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      for (int i = 0; i < workers; i++) {
        startSetup(i, latency, failures, ends, running, done);
      }
    });
    done.get(seconds + 120, TimeUnit.SECONDS);
    Meter m = meter[0].stop();
    int n = latency.size();
    return header("setup") + String.format(Locale.ROOT,
        ",\"workers\":%d,\"sessions\":%d,\"failures\":%d,\"sessionsPerSecond\":%.1f,\"latencyMs\":%s,%s,"
            + "\"serverCpuMsPerSession\":%.4f,\"generatorCpuMsPerSession\":%.4f}",
        workers, n, failures[0], n / m.seconds(), latency.toJson(), m.json(),
        (double) m.serverCpu / Math.max(1, n), (double) m.selfCpu / Math.max(1, n));
  }

  private void startSetup(int worker, Samples latency, int[] failures, long[] ends, int[] running,
      CompletableFuture<Void> done) {
    if (System.nanoTime() >= ends[0]) {
      if (--running[0] == 0) {
        done.complete(null);
      }
      return;
    }
    long t0 = System.nanoTime();
    connect(new WsConnection(uri, new WsConnection.Listener() {
      boolean ok;

      @Override
      public void onOpen(WsConnection c) {
        c.sendText(SETUP);
      }

      @Override
      public void onMessage(WsConnection c, ByteBuf frame) {
        if (!ok && WsConnection.contains(frame, WsConnection.SETUP_COMPLETE)) {
          ok = true;
          latency.add((System.nanoTime() - t0) / 1_000);
          c.sendClose(); // then wait for the server's close, as a polite client does
        }
      }

      @Override
      public void onClosed(WsConnection c, int code) {
        if (!ok) {
          failures[0]++;
        }
        if (c.channel != null) {
          c.channel.close();
        }
        loop.execute(() -> startSetup(worker, latency, failures, ends, running, done));
      }
    }, worker));
  }

  // ------------------------------------------------------------------ turns

  /** C sessions set up, then each does K sequential text turns; latency is send to turnComplete. */
  String turnsWorkload() throws Exception {
    int sessions = intArg("sessions", 50);
    int turns = intArg("turns", 200);
    List<WsConnection> open = openSessions(sessions, null);
    int warmup = intArg("warmup-turns", Math.max(10, turns / 4));
    if (warmup > 0) {
      runTurns(open, warmup, new Samples(), new int[1]); // JIT warm-up; not reported
    }
    Samples latency = new Samples();
    int[] failures = {0};
    Meter m = runTurns(open, turns, latency, failures);
    closeAll(open);
    int n = latency.size();
    return header("turns") + String.format(Locale.ROOT,
        ",\"sessions\":%d,\"turnsPerSession\":%d,\"turns\":%d,\"failures\":%d,\"turnsPerSecond\":%.1f,"
            + "\"latencyMs\":%s,%s,\"serverCpuMsPer1000Turns\":%.1f,\"serverUserCpuMsPer1000Turns\":%.1f,"
            + "\"generatorCpuMsPer1000Turns\":%.1f}",
        sessions, turns, n, failures[0], n / m.seconds(), latency.toJson(), m.json(),
        m.serverCpu * 1000.0 / Math.max(1, n), m.serverUserCpu * 1000.0 / Math.max(1, n),
        m.selfCpu * 1000.0 / Math.max(1, n));
  }

  Meter runTurns(List<WsConnection> open, int turns, Samples latency, int[] failures) throws Exception {
    int sessions = open.size();
    int[] remaining = {sessions};
    CompletableFuture<Meter> done = new CompletableFuture<>();
    Meter[] meter = new Meter[1];
    loop.execute(() -> {
      TurnsListener.install(open, latency, remaining, failures, done, meter);
      meter[0] = new Meter();
      for (WsConnection c : open) {
        TurnState s = new TurnState();
        s.left = turns;
        c.state = s;
        s.sentAt = System.nanoTime();
        c.sendText(TURN);
      }
    });
    return done.get(600, TimeUnit.SECONDS).stop();
  }

  static final class TurnState {
    int left;
    long sentAt;
  }

  /** Routes the frames of the open sessions to the turn loop. */
  static final class TurnsListener {
    static void install(List<WsConnection> open, Samples latency, int[] remaining, int[] failures,
        CompletableFuture<Meter> done, Meter[] meter) {
      for (WsConnection c : open) {
        ((Switchable) c.listener).delegate = new WsConnection.Listener() {
          @Override
          public void onOpen(WsConnection c) {}

          @Override
          public void onMessage(WsConnection c, ByteBuf frame) {
            TurnState s = (TurnState) c.state;
            if (s == null || !WsConnection.contains(frame, WsConnection.TURN_COMPLETE)) {
              return;
            }
            latency.add((System.nanoTime() - s.sentAt) / 1_000);
            if (--s.left > 0) {
              s.sentAt = System.nanoTime();
              c.sendText(TURN);
            } else if (--remaining[0] == 0) {
              done.complete(meter[0]);
            }
          }

          @Override
          public void onClosed(WsConnection c, int code) {
            TurnState s = (TurnState) c.state;
            if (s != null && s.left > 0) {
              failures[0]++;
              s.left = 0;
              if (--remaining[0] == 0) {
                done.complete(meter[0]);
              }
            }
          }
        };
      }
    }
  }

  /** A listener whose behaviour a workload replaces once sessions are open. */
  static final class Switchable implements WsConnection.Listener {
    final CompletableFuture<WsConnection> ready;
    WsConnection.Listener delegate;
    boolean setupDone;

    Switchable(CompletableFuture<WsConnection> ready) {
      this.ready = ready;
    }

    @Override
    public void onOpen(WsConnection c) {
      c.sendText(SETUP);
    }

    @Override
    public void onMessage(WsConnection c, ByteBuf frame) {
      if (!setupDone) {
        if (WsConnection.contains(frame, WsConnection.SETUP_COMPLETE)) {
          setupDone = true;
          ready.complete(c);
        }
        return;
      }
      if (delegate != null) {
        delegate.onMessage(c, frame);
      }
    }

    @Override
    public void onClosed(WsConnection c, int code) {
      if (!setupDone) {
        ready.completeExceptionally(new IllegalStateException("session " + c.index + " closed " + code + " before setupComplete"));
      } else if (delegate != null) {
        delegate.onClosed(c, code);
      }
    }
  }

  /** Opens and sets up {@code n} sessions, at most 64 handshakes at a time. */
  List<WsConnection> openSessions(int n, String tagPrefix) throws Exception {
    List<CompletableFuture<WsConnection>> all = new ArrayList<>();
    int batch = 64;
    for (int from = 0; from < n; from += batch) {
      List<CompletableFuture<WsConnection>> wave = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + batch); i++) {
        CompletableFuture<WsConnection> ready = new CompletableFuture<>();
        URI u = tagPrefix == null ? uri : URI.create(uri + "&" + tagPrefix + "=" + i);
        WsConnection c = new WsConnection(u, new Switchable(ready), i);
        loop.execute(() -> connect(c));
        wave.add(ready);
      }
      CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      all.addAll(wave);
    }
    List<WsConnection> open = new ArrayList<>();
    for (CompletableFuture<WsConnection> f : all) {
      open.add(f.get());
    }
    return open;
  }

  void closeAll(List<WsConnection> open) throws Exception {
    loop.submit(() -> open.forEach(c -> {
      if (c.isOpen()) {
        c.sendClose();
      }
    })).get();
    Thread.sleep(500);
  }

  // ------------------------------------------------------------------ overflow

  /**
   * C new sessions at once against a server that is (expected to be) at its session limit: each
   * connects and sends setup; reports how many were set up, how many were refused with which close
   * code and reason, and how long a refusal took. Run next to the audio workload, it shows whether
   * overload is refused cleanly while the sessions already open keep their pacing.
   */
  String overflowWorkload() throws Exception {
    int sessions = intArg("sessions", 100);
    Map<Integer, Integer> codes = new java.util.TreeMap<>();
    Samples refusal = new Samples();
    int[] admitted = {0};
    String[] reason = {null};
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] left = {sessions};
    Meter[] meter = new Meter[1];
    loop.execute(() -> {
      meter[0] = new Meter();
      for (int i = 0; i < sessions; i++) {
        long t0 = System.nanoTime();
        connect(new WsConnection(uri, new WsConnection.Listener() {
          boolean setUp;

          @Override
          public void onOpen(WsConnection c) {
            c.sendText(SETUP);
          }

          @Override
          public void onMessage(WsConnection c, ByteBuf frame) {
            if (!setUp && WsConnection.contains(frame, WsConnection.SETUP_COMPLETE)) {
              setUp = true;
              admitted[0]++;
              c.sendClose();
            }
          }

          @Override
          public void onClosed(WsConnection c, int code) {
            if (!setUp) {
              codes.merge(code, 1, Integer::sum);
              refusal.add((System.nanoTime() - t0) / 1_000);
              if (reason[0] == null && c.closeReason != null) {
                reason[0] = c.closeReason;
              }
            }
            if (c.channel != null) {
              c.channel.close();
            }
            if (--left[0] == 0) {
              done.complete(null);
            }
          }
        }, i));
      }
    });
    done.get(120, TimeUnit.SECONDS);
    Meter m = meter[0].stop();
    String reasonJson = reason[0] == null ? "null"
        : "\"" + reason[0].replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return header("overflow") + String.format(Locale.ROOT,
        ",\"sessions\":%d,\"admitted\":%d,\"closeCodes\":%s,\"reason\":%s,\"refusalMs\":%s,%s}",
        sessions, admitted[0], codes.toString().replace("=", ":").replaceAll("(\\d+):", "\"$1\":"),
        reasonJson, refusal.toJson(), m.json());
  }

  // ------------------------------------------------------------------ audio

  /** Per-session state of the audio workload. */
  static final class AudioState {
    boolean warm;
    long chunksSent;
    /** chunksSent when measuring began (after the stream warm-up). */
    long chunksBeforeMeasuring;
    long framesReceived;
    long replyStart;
    /** Audio in this reply's chunks so far: when the next chunk is due on the audio's own clock. */
    long replyAudioNanos;
    int replyIndex = -1;
    long finalSentAt;
    boolean finalFirstSeen;
    boolean finalDone;
    boolean closed;
  }

  /**
   * C sessions each do one warm-up text turn, then stream 50 ms chunks of 16 kHz PCM in real time
   * for S seconds (0.6 s of speech, then 2.4 s of silence, so the server hears a turn every 3 s and
   * answers it with paced 24 kHz audio), then each sends one text turn (spread over one second).
   * Reports the final turn's latency (to the first reply frame and to turnComplete), the pacing
   * jitter of the server's audio chunks against the wall clock as seen by the generator (an upper
   * bound: it includes the generator's own delays), server CPU and RSS sampled every 10 s.
   */
  String audioWorkload() throws Exception {
    int sessions = intArg("sessions", 100);
    int seconds = intArg("seconds", 30);
    int chunkMs = 50;
    // Seconds streamed before anything is measured (0: measure from the first chunk): the first
    // seconds of streaming are when the JIT compiles the audio path and the heap grows to its
    // working size, which a steady-state figure leaves out and a cold one includes.
    int streamWarmup = intArg("stream-warmup-seconds", 0);
    boolean[] measuring = {streamWarmup == 0};
    long replyChunkNanos = TimeUnit.MILLISECONDS.toNanos(intArg("reply-chunk-ms", 100));
    ByteBuf speech = audioMessage(tone(chunkMs));
    ByteBuf silence = audioMessage(new byte[16_000 * chunkMs / 1000 * 2]);
    int cycle = 60; // chunks: 3 s
    int speechChunks = 12;

    List<WsConnection> open = openSessions(sessions, args.containsKey("tag") ? "g" : null);
    Samples jitter = new Samples();
    Samples lateness = new Samples();
    long[] over20 = {0};
    long[] audioOutNanos = {0}; // reply audio received while streaming
    Samples finalFirst = new Samples();
    Samples finalComplete = new Samples();
    int[] closedEarly = {0};
    List<Long> rssSamples = new ArrayList<>();
    loop.submit(() -> open.forEach(c -> {
      c.state = new AudioState();
      ((Switchable) c.listener).delegate = new WsConnection.Listener() {
        @Override
        public void onOpen(WsConnection c) {}

        @Override
        public void onMessage(WsConnection c, ByteBuf frame) {
          AudioState s = (AudioState) c.state;
          long now = System.nanoTime();
          s.framesReceived++;
          if (!s.warm) { // the warm-up turn, so that no target answers the final turn with cold code
            s.warm = WsConnection.contains(frame, WsConnection.TURN_COMPLETE);
            return;
          }
          if (s.finalSentAt > 0) {
            if (!s.finalFirstSeen && WsConnection.contains(frame, WsConnection.MODEL_TURN)) {
              s.finalFirstSeen = true;
              finalFirst.add((now - s.finalSentAt) / 1_000);
            }
            if (!s.finalDone && WsConnection.contains(frame, WsConnection.TURN_COMPLETE)) {
              s.finalDone = true;
              finalComplete.add((now - s.finalSentAt) / 1_000);
            }
            return;
          }
          if (DEBUG && c.index == 0 && System.getenv("BENCH_TRACE") != null) {
            System.err.printf("%d ms %s%n", (now - DEBUG_T0) / 1_000_000,
                frame.toString(frame.readerIndex(), Math.min(80, frame.readableBytes()), StandardCharsets.UTF_8));
          }
          if (WsConnection.contains(frame, WsConnection.INLINE_DATA)) {
            long audioNanos = audioNanos(frame);
            if (measuring[0]) {
              audioOutNanos[0] += audioNanos;
            }
            if (s.replyIndex < 0) {
              s.replyStart = now;
              s.replyIndex = 0;
              s.replyAudioNanos = audioNanos;
            } else {
              // Lateness against the audio clock: first chunk's arrival + duration of the chunks before.
              long late = now - (s.replyStart + s.replyAudioNanos);
              s.replyAudioNanos += audioNanos;
              s.replyIndex++;
              long off = now - (s.replyStart + s.replyIndex * replyChunkNanos);
              if (measuring[0]) {
                lateness.add(Math.max(0, late) / 1_000);
                if (late > 20_000_000L) {
                  over20[0]++;
                }
                jitter.add(Math.abs(off) / 1_000);
              }
              if (DEBUG && Math.abs(off) > 100_000_000L) {
                System.err.printf("%d ms session %d chunk %d off by %d ms%n", (now - DEBUG_T0) / 1_000_000,
                    c.index, s.replyIndex, off / 1_000_000);
              }
            }
          } else if (WsConnection.contains(frame, WsConnection.TURN_COMPLETE)) {
            s.replyIndex = -1;
          }
        }

        @Override
        public void onClosed(WsConnection c, int code) {
          AudioState s = (AudioState) c.state;
          if (!s.closed && !s.finalDone) {
            closedEarly[0]++;
          }
          s.closed = true;
        }
      };
    })).get();

    // One text turn per session first, answered before streaming starts.
    loop.submit(() -> open.forEach(c -> c.sendText(TURN))).get();
    long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < warmDeadline
        && loop.submit(() -> open.stream().allMatch(c -> ((AudioState) c.state).warm || !c.isOpen())).get() == Boolean.FALSE) {
      Thread.sleep(50);
    }

    String pacingReset = streamWarmup > 0 ? "later" : admin("DELETE", "metrics/pacing"); // the server's own count starts here
    // Stream: every 5 ms a tenth of the sessions sends its next chunk, so each sends every 50 ms.
    int slots = 10;
    long[] tick = {0};
    Meter[] meter = new Meter[1];
    CompletableFuture<ScheduledFuture<?>> streaming = new CompletableFuture<>();
    loop.execute(() -> {
      meter[0] = new Meter();
      long start = System.nanoTime();
      ScheduledFuture<?> f = loop.scheduleAtFixedRate(() -> {
        int slot = (int) (tick[0] % slots);
        long chunk = tick[0] / slots;
        for (int i = slot; i < open.size(); i += slots) {
          WsConnection c = open.get(i);
          if (c.isOpen()) {
            // Each session starts its 3 s cycle at its own offset, so turns do not all align.
            long pos = (chunk + i * 7L) % cycle;
            c.sendText(pos < speechChunks ? speech : silence);
            ((AudioState) c.state).chunksSent++;
          }
        }
        tick[0]++;
      }, 0, chunkMs * 1000L / slots, TimeUnit.MICROSECONDS);
      streaming.complete(f);
    });
    ScheduledFuture<?> streamTask = streaming.get();
    if (streamWarmup > 0) {
      Thread.sleep(TimeUnit.SECONDS.toMillis(streamWarmup));
      loop.submit(() -> {
        measuring[0] = true;
        open.forEach(c -> ((AudioState) c.state).chunksBeforeMeasuring = ((AudioState) c.state).chunksSent);
        meter[0] = new Meter();
      }).get();
      pacingReset = admin("DELETE", "metrics/pacing");
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long peakRss = 0;
    while (System.nanoTime() < end) {
      long rss = ProcStats.rssKib(serverPid);
      rssSamples.add(rss);
      peakRss = Math.max(peakRss, rss);
      Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    long[] streamed = loop.submit(() -> {
      streamTask.cancel(false);
      long in = 0;
      for (WsConnection c : open) {
        in += ((AudioState) c.state).chunksSent - ((AudioState) c.state).chunksBeforeMeasuring;
      }
      return new long[] {in, audioOutNanos[0]};
    }).get();
    Meter m = meter[0].stop();
    double audioSeconds = streamed[0] * chunkMs / 1000.0 + streamed[1] / 1e9;
    long rssEnd = ProcStats.rssKib(serverPid);
    // Let replies in flight finish, then one text turn per session.
    Thread.sleep(3_000);
    String serverPacing = pacingReset == null ? null : admin("GET", "metrics/pacing");
    // The final turns are spread over one second, so that they measure the server, not a burst.
    loop.submit(() -> {
      for (int i = 0; i < open.size(); i++) {
        WsConnection c = open.get(i);
        loop.schedule(() -> {
          if (c.isOpen()) {
            ((AudioState) c.state).finalSentAt = System.nanoTime();
            c.sendText(TURN);
          }
        }, i * 1_000_000L / open.size(), TimeUnit.MICROSECONDS);
      }
    }).get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && finalCompleteCount(open) < open.size()) {
      Thread.sleep(100);
    }
    long sent = 0;
    long received = 0;
    for (WsConnection c : open) {
      sent += ((AudioState) c.state).chunksSent;
      received += ((AudioState) c.state).framesReceived;
    }
    String lost = args.containsKey("admin") ? journalCheck(open) : "";
    closeAll(open);
    return header("audio") + String.format(Locale.ROOT,
        ",\"sessions\":%d,\"streamWarmupSeconds\":%d,\"streamSeconds\":%d,\"chunksSent\":%d,\"framesReceived\":%d,\"closedEarly\":%d,"
            + "\"finalTurnFirstReplyMs\":%s,\"finalTurnCompleteMs\":%s,\"serverChunkJitterMs\":%s,"
            + "\"chunkLatenessMs\":%s,\"chunksOver20MsLatePct\":%.2f,\"serverPacing\":%s,%s,"
            + "\"audioSecondsInOut\":%.1f,\"serverCpuMsPerAudioSecond\":%.3f,"
            + "\"serverRssMbPeak\":%.1f,\"serverRssMbEnd\":%.1f,\"rssSlopeMbPerMin\":%.2f,\"rssSamplesMb\":%s%s}",
        sessions, streamWarmup, seconds, sent, received, closedEarly[0], finalFirst.toJson(), finalComplete.toJson(),
        jitter.toJson(), lateness.toJson(), lateness.size() == 0 ? 0.0 : over20[0] * 100.0 / lateness.size(),
        serverPacing == null ? "null" : serverPacing.replaceAll("\\s", ""), m.json(),
        audioSeconds, m.serverCpu / Math.max(1e-9, audioSeconds), peakRss / 1024.0, rssEnd / 1024.0, slopeMbPerMinute(rssSamples),
        rssSamples.stream().map(k -> String.format(Locale.ROOT, "%.1f", k / 1024.0)).toList().toString().replace(" ", ""),
        lost);
  }

  static final ByteBuf DATA_KEY = WsConnection.ascii("\"data\":\"");
  static final ByteBuf RATE = WsConnection.ascii("rate=");

  /** Duration of the PCM in an audio frame, from its base64 length and MIME rate (24 kHz if none). */
  static long audioNanos(ByteBuf frame) {
    int at = ByteBufUtil.indexOf(DATA_KEY.duplicate(), frame);
    if (at < 0) {
      return 0;
    }
    int from = at + DATA_KEY.readableBytes();
    int quote = frame.indexOf(from, frame.writerIndex(), (byte) '"');
    if (quote < 0) {
      return 0;
    }
    int chars = quote - from;
    int padding = chars >= 2 && frame.getByte(quote - 1) == '=' ? (frame.getByte(quote - 2) == '=' ? 2 : 1) : 0;
    long bytes = chars / 4 * 3L - padding;
    int rate = 24_000;
    int r = ByteBufUtil.indexOf(RATE.duplicate(), frame.slice(quote, frame.writerIndex() - quote));
    if (r >= 0) {
      int v = 0;
      for (int i = quote + r + 5; i < frame.writerIndex() && Character.isDigit(frame.getByte(i)); i++) {
        v = v * 10 + frame.getByte(i) - '0';
      }
      if (v > 0) {
        rate = v;
      }
    }
    return bytes / 2 * 1_000_000_000L / rate;
  }

  /** One admin call to the server under test (ours only has the routes); the body, or null. */
  String admin(String method, String route) {
    try {
      String base = "http://" + uri.getHost() + ":" + uri.getPort() + "/__admin/";
      java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(base + route))
          .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
          .timeout(java.time.Duration.ofSeconds(2)); // the floor and aimock have no such route
      String token = System.getenv("GEMINI_LIVE_MOCK_ADMIN_TOKEN");
      if (token != null && !token.isBlank()) {
        b.header("Authorization", "Bearer " + token.strip());
      }
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
          .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private int finalCompleteCount(List<WsConnection> open) throws Exception {
    return loop.submit(() -> (int) open.stream().filter(c -> {
      AudioState s = (AudioState) c.state;
      return s.finalDone || s.closed;
    }).count()).get();
  }

  /**
   * Least-squares slope of RSS samples taken every 10 s. The first minute (ramp-up: sessions
   * opening, heap growing to its working size) is left out when the run is long enough.
   */
  static double slopeMbPerMinute(List<Long> kib) {
    List<Long> v = kib.size() > 12 ? kib.subList(6, kib.size()) : kib.size() > 2 ? kib.subList(1, kib.size()) : kib;
    int n = v.size();
    if (n < 2) {
      return 0;
    }
    double mx = (n - 1) / 2.0;
    double my = v.stream().mapToLong(Long::longValue).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (i - mx) * (v.get(i) - my);
      den += (i - mx) * (i - mx);
    }
    return num / den / 1024.0 * 6; // per 10 s sample -> per minute
  }

  /**
   * Compares what each session sent and received with what the server's journal recorded
   * (admin API): any difference is a lost journal entry.
   */
  private String journalCheck(List<WsConnection> open) {
    try {
      String base = "http://" + uri.getHost() + ":" + uri.getPort() + "/__admin/";
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      // A mock started with an admin token (docs/security.md) wants it on every admin call.
      String token = System.getenv("GEMINI_LIVE_MOCK_ADMIN_TOKEN");
      java.util.function.Function<String, java.net.http.HttpRequest> get = route -> {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(base + route));
        if (token != null && !token.isBlank()) {
          b.header("Authorization", "Bearer " + token.strip());
        }
        return b.build();
      };
      String listing = http.send(get.apply("sessions"), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      String totals = http.send(get.apply("journal"), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      com.fasterxml.jackson.databind.JsonNode sessions =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(listing).get("sessions");
      Map<String, com.fasterxml.jackson.databind.JsonNode> byTag = new HashMap<>();
      for (com.fasterxml.jackson.databind.JsonNode s : sessions) {
        String path = s.get("path").asText();
        int at = path.lastIndexOf("&g=");
        if (at >= 0) {
          byTag.put(path.substring(at + 3), s);
        }
      }
      long lostIn = 0;
      long lostOut = 0;
      long dropped = 0;
      for (WsConnection c : open) {
        AudioState st = (AudioState) c.state;
        com.fasterxml.jackson.databind.JsonNode s = byTag.get(String.valueOf(c.index));
        if (s == null) {
          lostIn += st.chunksSent;
          continue;
        }
        // +3 client frames: setup, the warm-up turn and the final turn; +1 server frame: setupComplete.
        lostIn += Math.abs(st.chunksSent + 3 - s.get("framesFromClient").asLong());
        lostOut += Math.abs(st.framesReceived + 1 - s.get("framesFromServer").asLong());
        dropped += s.get("droppedEntries").asLong();
      }
      return String.format(Locale.ROOT,
          ",\"journal\":{\"lostClientFrames\":%d,\"lostServerFrames\":%d,\"droppedForCapacity\":%d,\"totals\":%s}",
          lostIn, lostOut, dropped, totals.replaceAll("\\s", ""));
    } catch (Exception e) {
      return ",\"journal\":{\"error\":\"" + e + "\"}";
    }
  }

  static byte[] tone(int millis) {
    int n = 16_000 * millis / 1000;
    byte[] out = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      int s = (int) Math.round(Math.sin(2 * Math.PI * 300 * i / 16_000.0) * 8_000);
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return out;
  }

  static ByteBuf audioMessage(byte[] pcm) {
    return text("{\"realtimeInput\":{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(pcm)
        + "\",\"mimeType\":\"audio/pcm;rate=16000\"}}}");
  }
}
