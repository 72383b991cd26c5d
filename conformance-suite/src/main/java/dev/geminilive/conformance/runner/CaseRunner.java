package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.DriverException;
import dev.geminilive.conformance.driver.FunctionDeclaration;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.ToolAnswer;
import dev.geminilive.conformance.driver.Turn;
import dev.geminilive.conformance.driver.UnsupportedCommandException;
import dev.geminilive.conformance.rules.Models;
import dev.geminilive.conformance.rules.Recording;
import dev.geminilive.conformance.rules.ConformanceCase;
import dev.geminilive.conformance.rules.CaseStep;
import dev.geminilive.conformance.rules.TestSignals;
import dev.geminilive.conformance.rules.TimedEvent;
import dev.geminilive.conformance.rules.VideoFrame;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.ClientContent;
import dev.geminilive.mock.protocol.Content;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.FunctionCall;
import dev.geminilive.mock.protocol.ServerMessage.ServerContent;
import dev.geminilive.mock.protocol.ToolResponse;
import dev.geminilive.mock.session.AudioInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * Plays one testCase: a fresh driver, a scripted server, and afterwards a {@link Recording} of
 * what happened on the wire and in the client. "Must happen" waits are generous; "must not
 * happen" windows are short and only ever cost time, never a verdict.
 */
public final class CaseRunner {
  /** Generous: an event that must arrive over loopback. */
  static final long MUST_HAPPEN_MS = 5_000;
  /** Short: a window in which nothing more is expected. */
  static final long SETTLE_MS = 250;
  static final long CONNECT_MS = 10_000;
  /** Longer than the rule's bound, so a slow failure is measured, not cut off. */
  static final long EARLY_CLOSE_CONNECT_MS = 6_500;
  static final String GO_AWAY_CLOSE_REASON = "Session lifetime ended.";
  /** How long the conversation waits for the client to surface a turn's end: pacing only, never a verdict. */
  static final long TURN_PACING_MS = 600;
  /** After interrupted, how long a player that did not flush is given to show it. */
  static final long BARGE_IN_WINDOW_MS = 700;

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

  public Recording run(ConformanceCase testCase, String model, Set<Capability> capabilities) {
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
      run.play();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      run.driverErrors.add("script: " + e);
    } finally {
      run.finish();
    }
    return run.recording();
  }

  /** How a driver call went. */
  enum Call { DONE, UNSUPPORTED, FAILED }

  /** One testCase's state while it plays. */
  private final class Run {
    final ConformanceCase testCase;
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
    volatile Recording.Blocked blocked;
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

    Run(ConformanceCase testCase, String model, Set<Capability> caps) {
      this.testCase = testCase;
      this.model = model;
      this.caps = caps;
      server.forgetSessions();
      server.journalSessions().forEach(s -> sessionsBefore.add(s.sessionId()));
    }

    double now() {
      return (System.nanoTime() - startNanos) / 1e6;
    }

    boolean has(Capability c) {
      return caps.contains(c) && !unsupported.contains(c);
    }

    void reach(CaseStep step) {
      reached.putIfAbsent(step, now());
    }

    /**
     * The script cannot go on: record the step and why, with how the session ended if it did
     * (read from the journal now, so a close by the client itself is named too).
     */
    boolean block(CaseStep step, String why) {
      if (blocked == null) {
        // A failed call often means the connection just went: give the journal a moment to say how.
        String end = "";
        for (int i = 0; i < 10 && end.isEmpty(); i++) {
          List<SessionJournal> mine = server.journalSessions().stream()
              .filter(s -> !sessionsBefore.contains(s.sessionId())).toList();
          end = Recording.endOf(Recording.framesOf(mine), expectedClose, true).map(e -> "; " + e).orElse("");
          if (end.isEmpty() && !why.contains("failed") && suiteSessions.stream().noneMatch(SuiteSession::ended)) break;
          if (end.isEmpty()) sleepQuietly(20);
        }
        blocked = new Recording.Blocked(step, why + end);
      }
      return false;
    }

    /** Before the server acts on a session: a moment for a close already under way to land. */
    boolean stillOpen(SuiteSession s, CaseStep step) throws InterruptedException {
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

    void play() throws Exception {
      ConnectRequest basic = ConnectRequest.basic(server.baseUrl(), model)
          .withSystemInstruction("You are a test persona (" + tag + ").");
      switch (testCase) {
        case CONVERSATION -> conversation(basic);
        case TEXT_TURN -> {
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
          played = TestSignals.modelVoice(TestSignals.REPLY_MS);
          playReply(s, played, new int[] {1920, 2880, 960, 3840}, true);
          reach(CaseStep.REPLY_PLAYED);
          awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
          Thread.sleep(SETTLE_MS);
        }
        case INTERRUPT -> interrupt(basic);
        case AUDIO_AUTO, AUDIO_MANUAL -> {
          boolean manual = testCase == ConformanceCase.AUDIO_MANUAL;
          if (!connect(basic.withAutomaticActivityDetection(!manual), CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          fedRate = driver.nativeInputRate();
          fed = manual ? TestSignals.shortTone(fedRate, 200) : TestSignals.microphone(fedRate);
          if (manual && call("activityStart", Capability.MANUAL_ACTIVITY, driver::activityStart) != Call.DONE) {
            block(CaseStep.AUDIO_SENT, "activityStart failed");
            return;
          }
          long t0 = System.nanoTime();
          if (!feed(fed, fedRate)) return;
          sendAudioMillis = (System.nanoTime() - t0) / 1e6;
          reach(CaseStep.AUDIO_SENT);
          if (manual && call("activityEnd", Capability.MANUAL_ACTIVITY, driver::activityEnd) != Call.DONE) {
            block(CaseStep.AUDIO_ENDED, "activityEnd failed");
            return;
          }
          Call ended = call("endAudio", null, driver::endAudio);
          if (ended != Call.DONE) {
            block(CaseStep.AUDIO_ENDED, ended == Call.UNSUPPORTED ? "the driver answered endAudio \"unsupported\""
                : "endAudio failed: " + lastError());
            awaitQuiet(s);
            return;
          }
          reach(CaseStep.AUDIO_ENDED);
          awaitQuiet(s);
        }
        case TOOLS -> {
          ConnectRequest req = basic.withTools(List.of(
              new FunctionDeclaration(TestSignals.WEATHER_FUNCTION, "Current weather for a city.", "NON_BLOCKING"),
              new FunctionDeclaration(TestSignals.TIME_FUNCTION, "The local time.", null)));
          if (!connect(req, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
          s.run(c -> {
            c.send(ServerMessage.toolCall(List.of(
                new FunctionCall(TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION,
                    LiveJson.mapper().createObjectNode().put("city", "Paris")),
                new FunctionCall(TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION,
                    LiveJson.mapper().createObjectNode()))));
            c.send(ServerMessage.toolCallCancellation(List.of(TestSignals.TIME_CALL_ID)));
          });
          reach(CaseStep.TOOL_CALLS_SURFACED);
          awaitEvent(e -> e instanceof DriverEvent.ToolCancel, MUST_HAPPEN_MS);
          // The application was slow: it answers both calls, the cancelled one too.
          if (call("respondToTool", Capability.TOOLS, () -> driver.respondToTool(List.of(
              new ToolAnswer(TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION, Map.of("temp_c", 21), "WHEN_IDLE"),
              new ToolAnswer(TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION, Map.of("time", "12:00"), null))))
              != Call.DONE) {
            block(CaseStep.TOOLS_ANSWERED, "respondToTool failed");
            return;
          }
          reach(CaseStep.TOOLS_ANSWERED);
          awaitServer(s, m -> m instanceof ToolResponse, 1_000);
          Thread.sleep(SETTLE_MS);
        }
        case MID_SESSION -> {
          ConnectRequest req = has(Capability.INITIAL_HISTORY)
              ? basic.withInitialHistory(TestSignals.INITIAL_HISTORY)
              : basic;
          if (!connect(req, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
          if (!reply(s)) return;
          if (!caps.contains(Capability.MID_SESSION_UPDATES)) return;
          double at = now();
          call("updateInstructions", Capability.MID_SESSION_UPDATES,
              () -> driver.updateInstructions("Answer in one sentence."));
          call("addContext", Capability.MID_SESSION_UPDATES,
              () -> driver.addContext(List.of(new Turn("user", "I moved to Paris."))));
          call("requestReply", Capability.MID_SESSION_UPDATES, driver::requestReply);
          reached.put(CaseStep.UPDATES_DONE, at);
          Thread.sleep(SETTLE_MS);
        }
        case WRONG_CONFIG -> {
          ConnectRequest req = basic;
          if (has(Capability.THINKING_CONFIG)) {
            // The other family's field on 2.5 and 3.1; on 3.8 Live any thinking setting at all.
            req = Models.of(model) == Models.GEMINI_3_1 ? req.withThinking(null, 512) : req.withThinking("LOW", null);
          }
          if (has(Capability.AFFECTIVE_DIALOG)) req = req.withAffective(true, true);
          if (has(Capability.RESPONSE_MODALITIES)) req = req.withResponseModalities(List.of("TEXT"));
          // The service may never answer such a setup: a short deadline, the verdict is on the frame.
          connect(req, 2_000);
          Thread.sleep(SETTLE_MS);
        }
        case BAD_SERVER_FRAMES -> {
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          if (!stillOpen(s, CaseStep.BAD_FRAMES_SENT)) return;
          s.run(c -> {
            c.sendRaw(TestSignals.NOT_JSON_FRAME);
            c.sendRaw(TestSignals.UNKNOWN_MESSAGE);
          });
          reach(CaseStep.BAD_FRAMES_SENT);
          Thread.sleep(SETTLE_MS);
          if (!userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
          playReply(s, TestSignals.modelVoice(40), new int[] {1920}, false);
          reach(CaseStep.REPLY_PLAYED);
          awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
          Thread.sleep(SETTLE_MS);
        }
        case VIDEO -> {
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          for (int i = 0; i < TestSignals.CAMERA_FRAMES; i++) {
            byte[] frame = TestSignals.cameraFrame(i);
            if (call("sendVideoFrame", Capability.VIDEO_INPUT, () -> driver.sendVideoFrame(frame, "image/jpeg"))
                != Call.DONE) {
              block(CaseStep.VIDEO_SENT, "sendVideoFrame failed");
              return;
            }
            Thread.sleep(TestSignals.CAMERA_INTERVAL_MS);
          }
          reach(CaseStep.VIDEO_SENT);
          awaitQuiet(s);
        }
        case GO_AWAY -> {
          expectedClose = "1008 " + GO_AWAY_CLOSE_REASON;
          if (!connect(basic.withSessionResumption(true), CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          if (!stillOpen(s, CaseStep.GO_AWAY_SENT)) return;
          reach(CaseStep.GO_AWAY_SENT);
          s.run(c -> {
            // Registered with the mock's resumption store, so resuming with it really resumes.
            c.send(ServerMessage.resumptionUpdate(c.resumptionHandle(TestSignals.RESUMPTION_HANDLE), true));
            c.send(ServerMessage.goAway("1s"));
            // As the service does when the announced time is up (scaled down).
            c.schedule(() -> c.close(1008, GO_AWAY_CLOSE_REASON), 500_000_000L);
          });
          SuiteSession resumed = nextOwnSession(4_000);
          if (resumed != null) suiteSessions.add(resumed);
          Thread.sleep(SETTLE_MS);
        }
        case SERVER_CLOSE -> {
          expectedClose = TestSignals.SERVER_CLOSE_CODE + " " + TestSignals.SERVER_CLOSE_REASON;
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          if (!stillOpen(s, CaseStep.SERVER_CLOSED)) return;
          reach(CaseStep.SERVER_CLOSED);
          s.run(c -> c.close(TestSignals.SERVER_CLOSE_CODE, TestSignals.SERVER_CLOSE_REASON));
          awaitEvent(e -> e instanceof DriverEvent.Closed || e instanceof DriverEvent.Error, 5_500);
          Thread.sleep(SETTLE_MS);
        }
        case EARLY_CLOSE -> {
          expectedClose = "1008";
          connect(basic.withModel(model + "-no-such-variant"), EARLY_CLOSE_CONNECT_MS);
          Thread.sleep(SETTLE_MS);
        }
      }
    }

    /**
     * Ordinary use of the model: text, a reply, text after the model turn, an audio turn, a tool
     * call in the middle, one more text turn. A gate that only bites after the first model turn
     * (3.1's clientContent) is exercised, and a session that dies under ordinary use is seen.
     */
    void conversation(ConnectRequest basic) throws Exception {
      ConnectRequest req = has(Capability.TOOLS)
          ? basic.withTools(List.of(new FunctionDeclaration(TestSignals.WEATHER_FUNCTION,
              "Current weather for a city.", null)))
          : basic;
      if (!connect(req, CONNECT_MS)) return;
      SuiteSession s = session();
      if (s == null) return;
      if (!userText(s, CaseStep.TEXT_SENT, TestSignals.CONVERSATION_TEXTS.get(0)) || !reply(s)) return;
      if (!userText(s, CaseStep.TEXT_AFTER_MODEL_TURN, TestSignals.CONVERSATION_TEXTS.get(1)) || !reply(s)) return;
      if (has(Capability.AUDIO_INPUT)) {
        int rate = driver.nativeInputRate();
        int before = s.receivedCount();
        if (!feed(TestSignals.shortTone(rate, 400), rate)) return;
        if (call("endAudio", null, driver::endAudio) == Call.FAILED) {
          block(CaseStep.AUDIO_TURN, "endAudio failed: " + lastError());
          return;
        }
        if (!awaitServer(s, before, m -> m instanceof RealtimeInput ri && (ri.audio() != null || ri.mediaChunks() != null),
            MUST_HAPPEN_MS)) {
          block(CaseStep.AUDIO_TURN, s.ended() ? "the session ended during the audio turn"
              : "no audio reached the server within " + MUST_HAPPEN_MS + " ms");
          return;
        }
        if (!reply(s)) return;
        reach(CaseStep.AUDIO_TURN);
      }
      if (has(Capability.TOOLS)) {
        if (!userText(s, null, TestSignals.CONVERSATION_TEXTS.get(2))) return;
        int before = s.receivedCount();
        s.run(c -> c.send(ServerMessage.toolCall(List.of(new FunctionCall(TestSignals.CONVERSATION_CALL_ID,
            TestSignals.WEATHER_FUNCTION, LiveJson.mapper().createObjectNode().put("city", "Paris"))))));
        awaitEvent(e -> e instanceof DriverEvent.ToolCall, MUST_HAPPEN_MS);
        if (s.ended()) {
          block(CaseStep.TOOL_ANSWERED, "the session ended before the tool call was answered");
          return;
        }
        Call answered = call("respondToTool", Capability.TOOLS, () -> driver.respondToTool(List.of(new ToolAnswer(
            TestSignals.CONVERSATION_CALL_ID, TestSignals.WEATHER_FUNCTION, Map.of("temp_c", 21), null))));
        if (answered == Call.FAILED) {
          block(CaseStep.TOOL_ANSWERED, "respondToTool failed: " + lastError());
          return;
        }
        if (answered == Call.DONE) {
          if (!awaitServer(s, before, m -> m instanceof ToolResponse, MUST_HAPPEN_MS)) {
            block(CaseStep.TOOL_ANSWERED, s.ended() ? "the session ended before the tool response arrived"
                : "no toolResponse the server could act on within " + MUST_HAPPEN_MS + " ms (a response that "
                    + "answers no call the server made is dropped, and the model waits for its result)");
            return;
          }
          if (!reply(s)) return;
          reach(CaseStep.TOOL_ANSWERED);
        }
      }
      if (!userText(s, null, TestSignals.CONVERSATION_TEXTS.get(3)) || !reply(s)) return;
      Thread.sleep(SETTLE_MS);
      if (s.ended()) {
        block(CaseStep.CONVERSATION_DONE, "the session ended after the last turn");
        return;
      }
      reach(CaseStep.CONVERSATION_DONE);
    }

    /**
     * Barge-in as the service does it: the reply's audio streams in faster than real time, the
     * client starts playing it, the user speaks, and the server sends interrupted then
     * turnComplete; nothing of the interrupted turn comes after interrupted.
     */
    void interrupt(ConnectRequest basic) throws Exception {
      if (!connect(basic, CONNECT_MS)) return;
      SuiteSession s = session();
      if (s == null || !userText(s, CaseStep.TEXT_SENT, TestSignals.INPUT_TRANSCRIPT)) return;
      played = TestSignals.modelVoice(TestSignals.INTERRUPTED_REPLY_MS);
      s.run(c -> {
        for (byte[] chunk : chunks(played, new int[] {3840})) c.send(audio(chunk));
      });
      reach(CaseStep.REPLY_PLAYED);
      // Until the client has started playing (or, without playback reports, has the audio).
      awaitEvent(e -> e instanceof DriverEvent.Played p ? p.bytes() > 0
          : !caps.contains(Capability.PLAYBACK) && e instanceof DriverEvent.Audio, MUST_HAPPEN_MS);
      s.run(c -> {
        c.send(ServerMessage.content(ServerContent.interruption()));
        c.send(ServerMessage.content(ServerContent.endOfTurn()));
      });
      reach(CaseStep.INTERRUPTED_SENT);
      awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
      // Long enough for a player that did not flush to play on well past the output latency.
      Thread.sleep(caps.contains(Capability.PLAYBACK) ? BARGE_IN_WINDOW_MS : SETTLE_MS);
    }

    /** The microphone: {@code pcm} handed over in application-sized buffers, as a capture callback does. */
    boolean feed(byte[] pcm, int rate) {
      int buffer = rate * TestSignals.APP_BUFFER_MS / 1000 * 2;
      for (int at = 0; at < pcm.length; at += buffer) {
        byte[] part = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + buffer));
        if (call("sendAudio", Capability.AUDIO_INPUT, () -> driver.sendAudio(part, rate)) != Call.DONE) {
          return block(CaseStep.AUDIO_SENT, "sendAudio failed: " + lastError());
        }
      }
      return true;
    }

    String lastError() {
      return driverErrors.isEmpty() ? "(no message)" : driverErrors.get(driverErrors.size() - 1);
    }

    boolean connect(ConnectRequest req, long deadlineMs) throws InterruptedException {
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

    SuiteSession session() throws InterruptedException {
      SuiteSession s = nextOwnSession(MUST_HAPPEN_MS);
      if (s != null) {
        suiteSessions.add(s);
      } else {
        block(CaseStep.CONNECTED, "connect returned but no session reached the server within " + MUST_HAPPEN_MS + " ms");
      }
      return s;
    }

    /** A user text turn; {@code step} (if any) is reached once the text arrived at the server. */
    boolean userText(SuiteSession s, CaseStep step, String text) throws InterruptedException {
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

    /** A short model reply ending the turn; the client's turnComplete only paces the script. */
    boolean reply(SuiteSession s) throws InterruptedException {
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

    void playReply(SuiteSession s, byte[] pcm, int[] sizes, boolean transcripts) {
      s.run(c -> {
        if (transcripts) {
          c.send(ServerMessage.content(ServerContent.inputTranscription(TestSignals.INPUT_TRANSCRIPT, true)));
        }
        List<byte[]> chunks = chunks(pcm, sizes);
        for (int i = 0; i < chunks.size(); i++) {
          c.send(audio(chunks.get(i)));
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
    Call call(String name, Capability capability, ThrowingCall c) {
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

    void awaitEvent(Predicate<DriverEvent> which, long millis) throws InterruptedException {
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

    boolean awaitServer(SuiteSession s, Predicate<dev.geminilive.mock.protocol.ClientMessage> which, long millis)
        throws InterruptedException {
      return awaitServer(s, 0, which, millis);
    }

    /** Until the server received a matching message (counting from the {@code from}-th), bounded; false if not. */
    boolean awaitServer(SuiteSession s, int from, Predicate<dev.geminilive.mock.protocol.ClientMessage> which,
        long millis) throws InterruptedException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end) {
        if (s.receivedSince(from, which) > 0) return true;
        if (s.ended()) return s.receivedSince(from, which) > 0;
        Thread.sleep(5);
      }
      return false;
    }

    /** Until the client has sent nothing new for a settle window (bounded). */
    void awaitQuiet(SuiteSession s) throws InterruptedException {
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

    Recording recording() {
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
      return new Recording(testCase, model, caps, sessions, List.copyOf(events), Map.copyOf(reached), blocked,
          lost, lostCommands, List.copyOf(driverErrors), connectError, connectCode, connectReason, connectMillis, fed, fedRate,
          tapped, video, played, sendAudioMillis, expectedClose);
    }
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  static List<byte[]> chunks(byte[] pcm, int[] sizes) {
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    int i = 0;
    while (at < pcm.length) {
      int n = Math.min(sizes[i++ % sizes.length], pcm.length - at);
      out.add(Arrays.copyOfRange(pcm, at, at + n));
      at += n;
    }
    return out;
  }

  static ServerMessage audio(byte[] pcm) {
    return ServerMessage.content(ServerContent.modelTurn(new Content("model", List.of(Content.Part.inlineData(
        new Blob(Base64.getEncoder().encodeToString(pcm), "audio/pcm;rate=" + TestSignals.OUTPUT_RATE))))));
  }
}
