package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.cases.CaseContext;
import dev.geminilive.conformance.cases.CaseSession;
import dev.geminilive.conformance.cases.ConformanceCase;
import dev.geminilive.conformance.cases.ServerReplies;
import dev.geminilive.conformance.cases.TestSignals;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.DriverException;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.UnsupportedCommandException;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.RawRecording;
import dev.geminilive.conformance.recording.TimedEvent;
import dev.geminilive.conformance.recording.VideoFrame;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.ClientContent;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.session.AudioInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Plays one case: a fresh driver, a scripted server, and afterwards a {@link RawRecording} of
 * what happened on the wire and in the client. The script is the case's own
 * ({@link ConformanceCase#play}); this class keeps the shared machinery it plays on (driver
 * lifecycle, bounded waits, what goes into the recording). "Must happen" waits are generous; "must not
 * happen" windows are short and only ever cost time, never a verdict.
 */
public final class CaseRunner {
  /** How long the conversation waits for the client to surface a turn's end: pacing only, never a verdict. */
  static final long TURN_PACING_MS = 600;

  private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "conformance-driver-call");
    t.setDaemon(true);
    return t;
  });

  private static final java.util.concurrent.atomic.AtomicLong CASES = new java.util.concurrent.atomic.AtomicLong();

  private final SuiteServer server;
  private final DriverFactory drivers;

  public CaseRunner(SuiteServer server, DriverFactory drivers) {
    this.server = server;
    this.drivers = drivers;
  }

  public RawRecording run(ConformanceCase<?> testCase, String model, Set<Capability> capabilities) {
    Run run = new Run(testCase, model, capabilities);
    if (!capabilities.containsAll(testCase.needs())) {
      return run.recording();
    }
    LiveDriver driver;
    try {
      driver = drivers.create();
    } catch (Exception e) {
      run.driverErrors.add("create: " + e.getMessage());
      run.block(CaseStep.CONNECTED, "the driver could not be started: " + e.getMessage());
      return run.recording();
    }
    run.driver = driver;
    try {
      testCase.play(run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      run.driverErrors.add("script: " + e);
    } finally {
      run.finish();
    }
    return run.recording();
  }

  /** One testCase's state while it plays. */
  private final class Run implements CaseContext {
    final ConformanceCase<?> testCase;
    final String model;
    final Set<Capability> caps;
    final long startNanos = System.nanoTime();
    /**
     * Carried in the system instruction, so a session is known to be this case's: a client of an
     * earlier case that connected after its case gave up must not be taken for this one.
     */
    final String tag = "case " + CASES.incrementAndGet();
    final Set<String> sessionsBefore = new HashSet<>();
    final List<TimedEvent> events = new CopyOnWriteArrayList<>();
    final Map<CaseStep, Double> reached = new ConcurrentHashMap<>();
    final Set<Capability> unsupported = EnumSet.noneOf(Capability.class);
    final Set<String> unsupportedCommands = new java.util.TreeSet<>();
    final List<String> driverErrors = new CopyOnWriteArrayList<>();
    final List<SuiteSession> suiteSessions = new ArrayList<>();
    volatile RawRecording.Blocked blocked;
    LiveDriver driver;
    String connectError;
    Integer connectCode;
    String connectReason;
    double connectMillis;
    byte[] fed;
    int fedRate;
    byte[] played;
    double sendAudioMillis;
    String expectedClose;
    List<SessionJournal> sessions = List.of();

    Run(ConformanceCase<?> testCase, String model, Set<Capability> caps) {
      this.testCase = testCase;
      this.model = model;
      this.caps = caps;
      server.forgetSessions();
      server.journalSessions().forEach(s -> sessionsBefore.add(s.sessionId()));
    }

    @Override
    public double now() {
      return (System.nanoTime() - startNanos) / 1e6;
    }

    @Override
    public boolean has(Capability c) {
      return caps.contains(c) && !unsupported.contains(c);
    }

    @Override
    public void reach(CaseStep step) {
      reached.putIfAbsent(step, now());
    }

    /**
     * The script cannot go on: record the step and why, with how the session ended if it did
     * (read from the journal now, so a close by the client itself is named too).
     */
    @Override
    public boolean block(CaseStep step, String why) {
      if (blocked == null) {
        // A failed call often means the connection just went: give the journal a moment to say how.
        String end = "";
        for (int i = 0; i < 10 && end.isEmpty(); i++) {
          List<SessionJournal> mine = server.journalSessions().stream()
              .filter(s -> !sessionsBefore.contains(s.sessionId())).toList();
          end = RawRecording.endOf(RawRecording.framesOf(mine), expectedClose, true).map(e -> "; " + e).orElse("");
          if (end.isEmpty() && !why.contains("failed") && suiteSessions.stream().noneMatch(SuiteSession::ended)) break;
          if (end.isEmpty()) sleepQuietly(20);
        }
        blocked = new RawRecording.Blocked(step, why + end);
      }
      return false;
    }

    /** Before the server acts on a session: a moment for a close already under way to land. */
    @Override
    public boolean stillOpen(CaseSession s, CaseStep step) throws InterruptedException {
      Thread.sleep(100);
      return !s.ended() || block(step, "the session had already ended");
    }

    void sleepQuietly(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String model() {
      return model;
    }

    @Override
    public LiveDriver driver() {
      return driver;
    }

    @Override
    public ConnectRequest basicRequest() {
      return ConnectRequest.basic(server.baseUrl(), model)
          .withSystemInstruction("You are a test persona (" + tag + ").");
    }

    @Override
    public boolean declares(Capability c) {
      return caps.contains(c);
    }

    @Override
    public void reachAt(CaseStep step, double millis) {
      reached.put(step, millis);
    }

    @Override
    public void recordFed(byte[] pcm, int rate) {
      fed = pcm;
      fedRate = rate;
    }

    @Override
    public void recordSendAudioMillis(double millis) {
      sendAudioMillis = millis;
    }

    @Override
    public void recordPlayed(byte[] pcm) {
      played = pcm;
    }

    @Override
    public void expectClose(String codeAndReason) {
      expectedClose = codeAndReason;
    }

    @Override
    public boolean feed(byte[] pcm, int rate) {
      int buffer = rate * TestSignals.APP_BUFFER_MS / 1000 * 2;
      for (int at = 0; at < pcm.length; at += buffer) {
        byte[] part = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + buffer));
        if (call("sendAudio", Capability.AUDIO_INPUT, () -> driver.sendAudio(part, rate)) != Call.DONE) {
          return block(CaseStep.AUDIO_SENT, "sendAudio failed: " + lastError());
        }
      }
      return true;
    }

    @Override
    public String lastError() {
      return driverErrors.isEmpty() ? "(no message)" : driverErrors.get(driverErrors.size() - 1);
    }

    @Override
    public boolean connect(ConnectRequest req, long deadlineMs) throws InterruptedException {
      long t0 = System.nanoTime();
      Future<?> f = CALLS.submit(() -> {
        driver.connect(req, e -> events.add(new TimedEvent(now(), e)));
        return null;
      });
      try {
        f.get(deadlineMs, TimeUnit.MILLISECONDS);
        connectMillis = (System.nanoTime() - t0) / 1e6;
        reach(CaseStep.CONNECTED);
        return true;
      } catch (TimeoutException e) {
        connectMillis = (System.nanoTime() - t0) / 1e6;
        connectError = "connect did not complete within " + deadlineMs + " ms";
        f.cancel(true);
      } catch (ExecutionException e) {
        connectMillis = (System.nanoTime() - t0) / 1e6;
        Throwable cause = e.getCause();
        connectError = String.valueOf(cause.getMessage());
        if (cause instanceof DriverException d) {
          connectCode = d.code();
          connectReason = d.reason();
        }
      }
      return block(CaseStep.CONNECTED, "connect failed: " + connectError
          + (connectCode == null ? "" : " (close " + connectCode + " " + connectReason + ")"));
    }

    /** The next session of this case (by its tag; one without any instruction is taken as ours). */
    SuiteSession nextOwnSession(long millis) throws InterruptedException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (true) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) return null;
        SuiteSession s = server.nextSession(left);
        if (s == null) return null;
        String instruction = s.instruction();
        if (instruction.isEmpty() || instruction.contains("(" + tag + ")")) return s;
      }
    }

    @Override
    public CaseSession nextSession(long millis) throws InterruptedException {
      SuiteSession s = nextOwnSession(millis);
      if (s != null) suiteSessions.add(s);
      return s;
    }

    @Override
    public CaseSession session() throws InterruptedException {
      SuiteSession s = nextOwnSession(MUST_HAPPEN_MS);
      if (s != null) {
        suiteSessions.add(s);
      } else {
        block(CaseStep.CONNECTED, "connect returned but no session reached the server within " + MUST_HAPPEN_MS + " ms");
      }
      return s;
    }

    @Override
    public boolean userText(CaseSession s, CaseStep step, String text) throws InterruptedException {
      CaseStep as = step == null ? CaseStep.CONVERSATION_DONE : step;
      if (s.ended()) return block(as, "the session had already ended before the text turn");
      int before = s.receivedCount();
      Call c = call("sendText", Capability.TEXT_INPUT, () -> driver.sendText(text));
      if (c != Call.DONE) return block(as, "sendText " + (c == Call.UNSUPPORTED ? "is unsupported" : "failed: " + lastError()));
      if (!awaitServer(s, before, m -> (m instanceof RealtimeInput ri && ri.text() != null) || m instanceof ClientContent,
          MUST_HAPPEN_MS)) {
        return block(as, s.ended() ? "the session ended when the text was sent"
            : "the text did not reach the server within " + MUST_HAPPEN_MS + " ms");
      }
      if (step != null) reach(step);
      return true;
    }

    @Override
    public boolean reply(CaseSession s) throws InterruptedException {
      // A moment for the server to end the session over what was just sent (e.g. 1007).
      Thread.sleep(20);
      if (s.ended()) return block(reached.containsKey(CaseStep.MODEL_TURN_DONE) ? CaseStep.CONVERSATION_DONE
          : CaseStep.MODEL_TURN_DONE, "the session ended before the model's reply");
      double t = now();
      playReply(s, TestSignals.modelVoice(40), new int[] {1920}, false);
      reach(CaseStep.MODEL_TURN_DONE);
      awaitEvent(e -> e instanceof DriverEvent.TurnComplete, t, TURN_PACING_MS);
      return true;
    }

    @Override
    public void playReply(CaseSession s, byte[] pcm, int[] sizes, boolean transcripts) {
      s.run(c -> {
        if (transcripts) {
          c.send(ServerMessage.content(ServerContent.inputTranscription(TestSignals.INPUT_TRANSCRIPT, true)));
        }
        List<byte[]> chunks = ServerReplies.chunks(pcm, sizes);
        for (int i = 0; i < chunks.size(); i++) {
          c.send(ServerReplies.audio(chunks.get(i)));
          if (transcripts && i < TestSignals.OUTPUT_TRANSCRIPT.size()) {
            c.send(ServerMessage.content(ServerContent.outputTranscription(TestSignals.OUTPUT_TRANSCRIPT.get(i))));
          }
        }
        c.send(ServerMessage.content(ServerContent.endOfGeneration()));
        c.send(ServerMessage.content(ServerContent.endOfTurn()));
      });
    }

    /**
     * Runs a driver call; "unsupported" removes {@code capability} for this case's rules (null: the
     * command is optional within its capability, e.g. endAudio, and only the rules that need it are
     * UNSUPPORTED).
     */
    @Override
    public Call call(String name, Capability capability, DriverCall c) {
      try {
        c.run();
        return Call.DONE;
      } catch (UnsupportedCommandException | UnsupportedOperationException e) {
        synchronized (unsupported) {
          if (capability != null) unsupported.add(capability);
          unsupportedCommands.add(name);
        }
        return Call.UNSUPPORTED;
      } catch (Exception e) {
        driverErrors.add(name + ": " + e.getMessage());
        return Call.FAILED;
      }
    }

    @Override
    public void awaitEvent(Predicate<DriverEvent> which, long millis) throws InterruptedException {
      awaitEvent(which, -1, millis);
    }

    /** Until an event matching {@code which} arrived after {@code afterMs}, bounded. */
    void awaitEvent(Predicate<DriverEvent> which, double afterMs, long millis) throws InterruptedException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end) {
        if (events.stream().anyMatch(t -> t.millis() >= afterMs && which.test(t.event()))) return;
        Thread.sleep(5);
      }
    }

    @Override
    public boolean awaitServer(CaseSession s, int from, Predicate<ClientMessage> which, long millis)
        throws InterruptedException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end) {
        if (s.receivedSince(from, which) > 0) return true;
        if (s.ended()) return s.receivedSince(from, which) > 0;
        Thread.sleep(5);
      }
      return false;
    }

    @Override
    public void awaitQuiet(CaseSession s) throws InterruptedException {
      long end = System.nanoTime() + MUST_HAPPEN_MS * 1_000_000;
      int last = -1;
      while (System.nanoTime() < end) {
        int n = s.receivedCount();
        if (n == last || s.ended()) return;
        last = n;
        Thread.sleep(SETTLE_MS);
      }
    }

    void finish() {
      if (driver != null) {
        Future<?> f = CALLS.submit(driver::close);
        try {
          f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          driverErrors.add("close: " + e);
          f.cancel(true);
        }
      }
      long end = System.nanoTime() + 1_500_000_000L;
      List<SessionJournal> mine = List.of();
      while (System.nanoTime() < end) {
        mine = server.journalSessions().stream().filter(s -> !sessionsBefore.contains(s.sessionId()))
            .filter(this::notAnotherCase).toList();
        if (mine.stream().allMatch(SessionJournal::isClosed)) break;
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      sessions = mine;
    }

    /** False for a session whose setup carries another case's tag (a late client of an earlier case). */
    boolean notAnotherCase(SessionJournal journal) {
      for (var e : journal.entries()) {
        if (e.fromClient() && "setup".equals(e.kind()) && e.json() != null) {
          String setup = e.json().toString();
          return !setup.contains("(case ") || setup.contains("(" + tag + ")");
        }
      }
      return true;
    }

    RawRecording recording() {
      List<AudioInput> tapped = new ArrayList<>();
      List<VideoFrame> video = new ArrayList<>();
      suiteSessions.forEach(s -> {
        tapped.addAll(s.tappedAudio());
        video.addAll(s.tappedVideo());
      });
      Set<Capability> lost;
      Set<String> lostCommands;
      synchronized (unsupported) {
        lost = unsupported.isEmpty() ? Set.of() : EnumSet.copyOf(unsupported);
        lostCommands = Set.copyOf(unsupportedCommands);
      }
      return new RawRecording(testCase.id(), model, caps, sessions, List.copyOf(events), Map.copyOf(reached), blocked,
          lost, lostCommands, List.copyOf(driverErrors), connectError, connectCode, connectReason, connectMillis, fed, fedRate,
          tapped, video, played, sendAudioMillis, expectedClose);
    }
  }
}
