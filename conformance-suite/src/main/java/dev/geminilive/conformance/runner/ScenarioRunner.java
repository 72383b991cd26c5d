package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.DriverException;
import dev.geminilive.conformance.driver.FunctionDeclaration;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.driver.ToolAnswer;
import dev.geminilive.conformance.driver.Turn;
import dev.geminilive.conformance.rules.Models;
import dev.geminilive.conformance.rules.Recording;
import dev.geminilive.conformance.rules.Scenario;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Plays one scenario: a fresh driver, a scripted server, and afterwards a {@link Recording} of
 * what happened on the wire and in the client. "Must happen" waits are generous; "must not
 * happen" windows are short and only ever cost time, never a verdict.
 */
public final class ScenarioRunner {
  /** Generous: an event that must arrive over loopback. */
  static final long MUST_HAPPEN_MS = 3_000;
  /** Short: a window in which nothing more is expected. */
  static final long SETTLE_MS = 250;
  static final long CONNECT_MS = 5_000;
  /** Longer than the rule's bound, so a slow failure is measured, not cut off. */
  static final long EARLY_CLOSE_CONNECT_MS = 6_500;
  static final String GO_AWAY_CLOSE_REASON = "Session lifetime ended.";

  private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "conformance-driver-call");
    t.setDaemon(true);
    return t;
  });

  private final SuiteServer server;
  private final DriverFactory drivers;

  public ScenarioRunner(SuiteServer server, DriverFactory drivers) {
    this.server = server;
    this.drivers = drivers;
  }

  /** Capabilities a scenario cannot run without; its rules are UNSUPPORTED otherwise. */
  static Set<Capability> required(Scenario s) {
    return switch (s) {
      case TEXT_TURN, INTERRUPT -> EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT);
      case AUDIO_AUTO -> EnumSet.of(Capability.AUDIO_INPUT);
      case AUDIO_MANUAL -> EnumSet.of(Capability.AUDIO_INPUT, Capability.MANUAL_ACTIVITY);
      case TOOLS -> EnumSet.of(Capability.TEXT_INPUT, Capability.TOOLS);
      case MID_SESSION -> EnumSet.of(Capability.TEXT_INPUT);
      case WRONG_CONFIG -> EnumSet.noneOf(Capability.class);
      case SERVER_CLOSE, EARLY_CLOSE -> EnumSet.of(Capability.CLOSE_REPORTING);
      case VIDEO -> EnumSet.of(Capability.VIDEO_INPUT);
      case BAD_SERVER_FRAMES -> EnumSet.of(Capability.TEXT_INPUT, Capability.AUDIO_OUTPUT);
      case GO_AWAY -> EnumSet.of(Capability.SESSION_RESUMPTION);
    };
  }

  public Recording run(Scenario scenario, String model, Set<Capability> capabilities) {
    Run run = new Run(scenario, model, capabilities);
    if (!capabilities.containsAll(required(scenario))) {
      return run.recording();
    }
    LiveDriver driver;
    try {
      driver = drivers.create();
    } catch (Exception e) {
      run.driverErrors.add("create: " + e.getMessage());
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

  /** One scenario's state while it plays. */
  private final class Run {
    final Scenario scenario;
    final String model;
    final Set<Capability> caps;
    final long startNanos = System.nanoTime();
    final Set<String> sessionsBefore = new HashSet<>();
    final List<TimedEvent> events = new CopyOnWriteArrayList<>();
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<String> driverErrors = new CopyOnWriteArrayList<>();
    final List<SuiteSession> suiteSessions = new ArrayList<>();
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

    Run(Scenario scenario, String model, Set<Capability> caps) {
      this.scenario = scenario;
      this.model = model;
      this.caps = caps;
      server.forgetSessions();
      server.journalSessions().forEach(s -> sessionsBefore.add(s.sessionId()));
    }

    double now() {
      return (System.nanoTime() - startNanos) / 1e6;
    }

    boolean has(Capability c) {
      return caps.contains(c);
    }

    void play() throws Exception {
      ConnectRequest basic = ConnectRequest.basic(server.baseUrl(), model);
      switch (scenario) {
        case TEXT_TURN -> {
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !sendUserText(s)) return;
          played = TestSignals.modelVoice(TestSignals.REPLY_MS);
          playReply(s, played, new int[] {1920, 2880, 960, 3840}, true);
          awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
          Thread.sleep(SETTLE_MS);
        }
        case INTERRUPT -> {
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !sendUserText(s)) return;
          byte[] voice = TestSignals.modelVoice(280);
          played = Arrays.copyOf(voice, 4 * 1920);
          byte[] stale = Arrays.copyOfRange(voice, 4 * 1920, voice.length);
          s.run(c -> {
            for (byte[] chunk : chunks(played, new int[] {1920})) c.send(audio(chunk));
            c.send(ServerMessage.content(ServerContent.interruption()));
            // Audio of the interrupted turn still in flight: a client must not play it.
            for (byte[] chunk : chunks(stale, new int[] {1920})) c.send(audio(chunk));
            c.send(ServerMessage.content(ServerContent.endOfTurn()));
          });
          steps.add("reply-played");
          awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
          Thread.sleep(SETTLE_MS);
        }
        case AUDIO_AUTO, AUDIO_MANUAL -> {
          boolean manual = scenario == Scenario.AUDIO_MANUAL;
          if (!connect(basic.withAutomaticActivityDetection(!manual), CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          fedRate = driver.nativeInputRate();
          fed = manual ? TestSignals.shortTone(fedRate, 200) : TestSignals.microphone(fedRate);
          if (manual && !call("activityStart", driver::activityStart)) return;
          long t0 = System.nanoTime();
          if (!call("sendAudio", () -> driver.sendAudio(fed, fedRate))) return;
          sendAudioMillis = (System.nanoTime() - t0) / 1e6;
          steps.add("audio-sent");
          if (manual && !call("activityEnd", driver::activityEnd)) return;
          if (!call("endAudio", driver::endAudio)) return;
          steps.add("end-audio");
          awaitQuiet(s);
        }
        case TOOLS -> {
          ConnectRequest req = basic.withTools(List.of(
              new FunctionDeclaration(TestSignals.WEATHER_FUNCTION, "Current weather for a city.", "NON_BLOCKING"),
              new FunctionDeclaration(TestSignals.TIME_FUNCTION, "The local time.", null)));
          if (!connect(req, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !sendUserText(s)) return;
          s.run(c -> {
            c.send(ServerMessage.toolCall(List.of(
                new FunctionCall(TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION,
                    LiveJson.mapper().createObjectNode().put("city", "Paris")),
                new FunctionCall(TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION,
                    LiveJson.mapper().createObjectNode()))));
            c.send(ServerMessage.toolCallCancellation(List.of(TestSignals.TIME_CALL_ID)));
          });
          awaitEvent(e -> e instanceof DriverEvent.ToolCancel, MUST_HAPPEN_MS);
          // The application was slow: it answers both calls, the cancelled one too.
          if (!call("respondToTool", () -> driver.respondToTool(List.of(
              new ToolAnswer(TestSignals.WEATHER_CALL_ID, TestSignals.WEATHER_FUNCTION, Map.of("temp_c", 21), "WHEN_IDLE"),
              new ToolAnswer(TestSignals.TIME_CALL_ID, TestSignals.TIME_FUNCTION, Map.of("time", "12:00"), null))))) {
            return;
          }
          steps.add("tools-answered");
          awaitServer(s, m -> m instanceof ToolResponse, 1_000);
          Thread.sleep(SETTLE_MS);
        }
        case MID_SESSION -> {
          ConnectRequest req = has(Capability.INITIAL_HISTORY)
              ? basic.withInitialHistory(List.of(new Turn("user", "My name is Ada."),
                  new Turn("model", "Nice to meet you, Ada.")))
              : basic;
          if (!connect(req, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null || !sendUserText(s)) return;
          playReply(s, TestSignals.modelVoice(40), new int[] {1920}, false);
          awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
          if (!has(Capability.MID_SESSION_UPDATES)) return;
          steps.add("updates-at:" + now());
          call("updateInstructions", () -> driver.updateInstructions("Answer in one sentence."));
          call("addContext", () -> driver.addContext(List.of(new Turn("user", "I moved to Paris."))));
          call("requestReply", driver::requestReply);
          steps.add("updates-done");
          Thread.sleep(SETTLE_MS);
        }
        case WRONG_CONFIG -> {
          ConnectRequest req = basic;
          if (has(Capability.THINKING_CONFIG)) {
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
          s.run(c -> {
            c.sendRaw(TestSignals.NOT_JSON_FRAME);
            c.sendRaw(TestSignals.UNKNOWN_MESSAGE);
          });
          steps.add("bad-frames-sent");
          Thread.sleep(SETTLE_MS);
          if (!sendUserText(s)) return;
          playReply(s, TestSignals.modelVoice(40), new int[] {1920}, false);
          awaitEvent(e -> e instanceof DriverEvent.TurnComplete, MUST_HAPPEN_MS);
          Thread.sleep(SETTLE_MS);
        }
        case VIDEO -> {
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          for (int i = 0; i < TestSignals.CAMERA_FRAMES; i++) {
            byte[] frame = TestSignals.cameraFrame(i);
            if (!call("sendVideoFrame", () -> driver.sendVideoFrame(frame, "image/jpeg"))) return;
            Thread.sleep(TestSignals.CAMERA_INTERVAL_MS);
          }
          steps.add("video-sent");
          awaitQuiet(s);
        }
        case GO_AWAY -> {
          expectedClose = "1008 " + GO_AWAY_CLOSE_REASON;
          if (!connect(basic.withSessionResumption(true), CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          s.run(c -> {
            // Registered with the mock's resumption store, so resuming with it really resumes.
            c.send(ServerMessage.resumptionUpdate(c.resumptionHandle(TestSignals.RESUMPTION_HANDLE), true));
            c.send(ServerMessage.goAway("1s"));
            // As the service does when the announced time is up (scaled down).
            c.schedule(() -> c.close(1008, GO_AWAY_CLOSE_REASON), 500_000_000L);
          });
          steps.add("go-away-sent");
          SuiteSession resumed = server.nextSession(4_000);
          if (resumed != null) {
            suiteSessions.add(resumed);
            steps.add("resumed");
          }
          Thread.sleep(SETTLE_MS);
        }
        case SERVER_CLOSE -> {
          expectedClose = TestSignals.SERVER_CLOSE_CODE + " " + TestSignals.SERVER_CLOSE_REASON;
          if (!connect(basic, CONNECT_MS)) return;
          SuiteSession s = session();
          if (s == null) return;
          steps.add("server-close-at:" + now());
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

    boolean connect(ConnectRequest req, long deadlineMs) throws InterruptedException {
      long t0 = System.nanoTime();
      Future<?> f = CALLS.submit(() -> {
        driver.connect(req, e -> events.add(new TimedEvent(now(), e)));
        return null;
      });
      try {
        f.get(deadlineMs, TimeUnit.MILLISECONDS);
        connectMillis = (System.nanoTime() - t0) / 1e6;
        steps.add("connected");
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
      return false;
    }

    SuiteSession session() throws InterruptedException {
      SuiteSession s = server.nextSession(MUST_HAPPEN_MS);
      if (s != null) suiteSessions.add(s);
      return s;
    }

    boolean sendUserText(SuiteSession s) throws InterruptedException {
      if (!call("sendText", () -> driver.sendText(TestSignals.INPUT_TRANSCRIPT))) return false;
      steps.add("text-sent");
      awaitServer(s, m -> (m instanceof RealtimeInput ri && ri.text() != null) || m instanceof ClientContent,
          MUST_HAPPEN_MS);
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
      steps.add("reply-played");
    }

    boolean call(String name, ThrowingCall c) {
      try {
        c.run();
        return true;
      } catch (Exception e) {
        driverErrors.add(name + ": " + e.getMessage());
        return false;
      }
    }

    void awaitEvent(Predicate<DriverEvent> which, long millis) throws InterruptedException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end) {
        if (events.stream().anyMatch(t -> which.test(t.event()))) return;
        Thread.sleep(10);
      }
    }

    void awaitServer(SuiteSession s, Predicate<dev.geminilive.mock.protocol.ClientMessage> which, long millis)
        throws InterruptedException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end && !s.received(which)) {
        Thread.sleep(10);
      }
    }

    /** Until the client has sent nothing new for a settle window (bounded). */
    void awaitQuiet(SuiteSession s) throws InterruptedException {
      long end = System.nanoTime() + MUST_HAPPEN_MS * 1_000_000;
      int last = -1;
      while (System.nanoTime() < end) {
        int n = s.receivedCount();
        if (n == last) return;
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
        mine = server.journalSessions().stream().filter(s -> !sessionsBefore.contains(s.sessionId())).toList();
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

    Recording recording() {
      List<AudioInput> tapped = new ArrayList<>();
      List<VideoFrame> video = new ArrayList<>();
      suiteSessions.forEach(s -> {
        tapped.addAll(s.tappedAudio());
        video.addAll(s.tappedVideo());
      });
      return new Recording(scenario, model, caps, sessions, List.copyOf(events), List.copyOf(steps),
          List.copyOf(driverErrors), connectError, connectCode, connectReason, connectMillis, fed, fedRate,
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
