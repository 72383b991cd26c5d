package dev.geminilive.mock.scenario.engine;

import static dev.geminilive.mock.scenario.Step.AudioExpectation.STARTED;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.audio.SpeechTurnDetector;
import dev.geminilive.mock.journal.BlobSummarizer;
import dev.geminilive.mock.profile.ModelName;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.ServerMessage.FunctionCall;
import dev.geminilive.mock.scenario.Captures;
import dev.geminilive.mock.scenario.FieldMatcher;
import dev.geminilive.mock.scenario.JsonPath;
import dev.geminilive.mock.scenario.Rule;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.Script;
import dev.geminilive.mock.scenario.Step;
import dev.geminilive.mock.session.AudioInput;
import dev.geminilive.mock.session.MultiPartEvents;
import dev.geminilive.mock.session.PacedPlayback;
import dev.geminilive.mock.timing.ReplyPlan;
import dev.geminilive.mock.timing.ReplyPlan.Trigger;
import dev.geminilive.mock.timing.TimingSampler;
import dev.geminilive.mock.session.Responder;
import dev.geminilive.mock.session.SessionControl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One session running one scenario: its own cursor, captures, timers and backlog, on the
 * session's event loop only. The {@link Scenario} it runs is shared and never changed.
 *
 * <p>The script advances step by step. An {@code expect} waits for its message; messages that
 * arrive while the server is still busy (a {@code say}, a {@code wait}) queue up and are matched
 * when the script reaches its next {@code expect}. {@code on} rules see every message first.
 */
public final class ScenarioRun implements Responder {
  private static final ObjectMapper JSON = LiveJson.mapper();
  /**
   * Client messages as the matchers see them: the typed model written back as camelCase JSON, so
   * snake_case from an SDK matches the same paths. Derived "is" getters are left out, so a field
   * the client did not send stays absent (ClientContent.isTurnComplete() would invent one).
   */
  private static final ObjectMapper MESSAGE_TREES =
      LiveJson.mapper().copy().setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
  /** A client streaming audio into a stalled or slow script must not grow memory without end. */
  private static final int MAX_BACKLOG = 10_000;

  private enum Waiting { EXPECT, NOTHING, SAY, WAIT }

  /** A client message with the JSON the matchers read. */
  private record Incoming(String kind, ObjectNode tree, AudioInput audio) {}

  private final Scenario scenario;
  private final String selectedBy;
  /** Which connection of the scenario this is (0 for most scenarios). */
  private final int connection;
  private final List<Step> steps;
  private final List<Rule> rules;
  private final ScenarioFlows.Flow flow;
  private final Captures captures;
  private final ArrayDeque<Incoming> backlog = new ArrayDeque<>();
  private final Set<Integer> firedRules = new HashSet<>();
  private SessionControl control;
  private int cursor;
  private Waiting waiting;
  private int token;
  private Future<?> timer;
  private PacedPlayback speaking;
  private AudioProgress audio;
  private boolean done;
  private boolean stalled;
  private boolean pumping;
  private boolean endNoted;
  private int generatedIds;
  private Future<?> goAwayEnd;
  private boolean transcriptNoted;
  /** This session's timing draws (realistic timing). */
  private TimingSampler sampler;
  /** The client message the next say answers (its first-audio delay depends on it), or null. */
  private String replyTo;

  public ScenarioRun(Scenario scenario, String selectedBy) {
    this(new ScenarioFlows.Flow(scenario), 0, selectedBy);
  }

  /** Connection {@code connection} of a (multi-connection) run, with the run's shared captures. */
  ScenarioRun(ScenarioFlows.Flow flow, int connection, String selectedBy) {
    this.scenario = flow.scenario;
    this.flow = flow;
    this.connection = connection;
    this.selectedBy = selectedBy;
    this.captures = flow.captures;
    this.steps = scenario.connections().get(connection).steps();
    this.rules = scenario.connections().get(connection).rules();
  }

  public Scenario scenario() {
    return scenario;
  }

  // ---- Responder ----

  @Override
  public boolean admitSetup(SessionControl control) {
    this.control = control;
    control.note("scenario", "running " + scenario.id() + " from " + scenario.file() + connectionLabel()
        + " (selected by " + selectedBy + ")");
    if (scenario.connections().size() > 1) {
      control.attribute("scenarioConnection", Integer.toString(connection + 1));
    }
    captures.put("sessionId", control.connection().sessionId());
    sampler = control.settings().sampler(control.connection().sessionId());
    if (control.settings().realistic()) {
      control.note("timing", "realistic timing, --timing-seed " + control.settings().timingSeed()
          + " (this session's draws: " + sampler.seed() + ")");
    }
    Script script = scenario.connections().get(connection);
    if (script.network() != null) {
      // Before setupComplete: the scenario's network carries the whole session.
      control.network(script.network(), "scenario " + scenario.id() + ", line " + script.networkWhere().line());
    }
    ObjectNode setupTree = JSON.createObjectNode();
    setupTree.set("setup", MESSAGE_TREES.valueToTree(control.setup()));
    Incoming setup = new Incoming("setup", setupTree, null);
    if (scenario.flavour() != null && scenario.flavour() != control.connection().flavour()) {
      mismatch(null, setup, List.of("the scenario is for the " + scenario.flavour().name().toLowerCase()
          + " API, the client came through " + control.connection().flavour().name().toLowerCase()));
      return false;
    }
    if (scenario.model() != null) {
      String id = ModelName.parse(control.setup().model(), control.connection().flavour()).id();
      if (!scenario.model().equals(id)) {
        mismatch(null, setup, List.of("setup.model: expected " + scenario.model() + ", got " + control.setup().model()));
        return false;
      }
    }
    if (!steps.isEmpty() && steps.get(0) instanceof Step.Expect e && "setup".equals(e.type())) {
      List<String> failures = failures(e, setup);
      if (!failures.isEmpty()) {
        mismatch(e, setup, failures);
        return false;
      }
      capture(e, setup.tree());
      cursor = 1;
    }
    // close, drop or stall straight after the setup: the setup is refused, no setupComplete.
    if (cursor < steps.size() && steps.get(cursor).terminal()) {
      execute(steps.get(cursor));
      return false;
    }
    return true;
  }

  /** A message the profile told the server to ignore is still a message the script checks. */
  @Override
  public void onIgnored(ClientMessage message, SessionControl control) {
    onMessage(message, null, control);
  }

  @Override
  public void start(SessionControl control) {
    this.control = control;
    pump();
  }

  @Override
  public void onMessage(ClientMessage message, AudioInput audioInput, SessionControl control) {
    if (done || stalled) {
      return; // the journal already has the frame
    }
    ObjectNode tree = JSON.createObjectNode();
    tree.set(message.wireKey(), MESSAGE_TREES.valueToTree(message));
    Incoming in = new Incoming(message.kind(), tree, audioInput);
    if (applyRules(in)) {
      pump();
      return;
    }
    if (waiting == Waiting.EXPECT || waiting == Waiting.NOTHING) {
      handleScripted(in);
      pump();
    } else if (cursor >= steps.size()) {
      control.note("scenario-ignored", in.kind() + " after the script ended");
    } else if (backlog.size() < MAX_BACKLOG) {
      backlog.add(in);
    } else {
      control.note("scenario-ignored", in.kind() + ": backlog full");
    }
  }

  @Override
  public void stop() {
    if (!done && !stalled) {
      flow.ready(); // the connection ended on script (e.g. the client left after goAway)
    }
    done = true;
    cancelTimer();
    cancelGoAwayEnd();
    if (speaking != null) {
      speaking.cancel();
    }
  }

  @Override
  public boolean ownsResumptionUpdates() {
    // Scenario-wide: a later connection must not hand out handles the script knows nothing of.
    return scenario.scriptsResumption();
  }

  @Override
  public void onProfileRule(String rule, String reaction, SessionControl control) {
    String at = cursor < steps.size()
        ? "step " + (cursor + 1) + " (" + steps.get(cursor).where() + ")"
        : "the end of the script";
    String text = "the model profile's rule " + rule + " ended the session at " + at
        + " before the script could answer: " + reaction;
    control.note("scenario-preempted", text);
    control.attribute("scenarioPreemptedBy", rule);
  }

  private String connectionLabel() {
    return scenario.connections().size() > 1
        ? ", connection " + (connection + 1) + " of " + scenario.connections().size() : "";
  }

  // ---- the script ----

  private void pump() {
    if (pumping) {
      return;
    }
    pumping = true;
    try {
      while (!done && !stalled) {
        if (waiting == Waiting.EXPECT) {
          if (backlog.isEmpty()) {
            return;
          }
          handleScripted(backlog.poll());
          continue;
        }
        if (waiting != null) {
          return; // a say, a wait or an expectNothing window is running
        }
        if (cursor >= steps.size()) {
          if (!endNoted) {
            endNoted = true;
            flow.ready();
            control.note("scenario-end", "script of " + scenario.id() + connectionLabel() + " finished");
          }
          return;
        }
        begin(steps.get(cursor));
      }
    } finally {
      pumping = false;
    }
  }

  private void begin(Step step) {
    int t = ++token;
    if (step instanceof Step.Expect e) {
      waiting = Waiting.EXPECT;
      audio = e.audio() == null ? null : new AudioProgress(e.audio());
      int ms = e.timeoutMs() != null ? e.timeoutMs() : scenario.defaultTimeoutMs();
      // Expectation timeouts are about the client's speed, so the time scale does not apply.
      timer = control.schedule(() -> timedOut(t, e, ms), TimeUnit.MILLISECONDS.toNanos(ms));
    } else if (step instanceof Step.ExpectNothing n) {
      waiting = Waiting.NOTHING;
      timer = control.schedule(() -> finishWaiting(t), TimeUnit.MILLISECONDS.toNanos(n.ms()));
    } else if (step instanceof Step.Wait w) {
      waiting = Waiting.WAIT;
      timer = control.schedule(() -> finishWaiting(t),
          control.settings().scaledNanos(TimeUnit.MILLISECONDS.toNanos(w.ms())));
    } else if (step instanceof Step.Say s) {
      say(s);
    } else {
      execute(step);
      if (!done && !stalled) {
        cursor++;
      }
    }
  }

  private void finishWaiting(int t) {
    if (t != token || done) {
      return;
    }
    advance();
    pump();
  }

  /** The current step is done: move on. */
  private void advance() {
    if (cursor < steps.size()) {
      Step step = steps.get(cursor);
      // Which step was met when: the dashboard draws these on the session's time axis.
      control.note("scenario-step", "line " + step.where().line() + ": " + stepName(step) + " done");
    }
    cancelTimer();
    waiting = null;
    audio = null;
    token++;
    cursor++;
  }

  private void timedOut(int t, Step.Expect e, int ms) {
    if (t != token || done) {
      return;
    }
    String got = audio != null ? " (" + audio.progress() + ")" : "";
    mismatch(e, null, List.of("timed out after " + ms + " ms waiting for " + e.type() + got));
  }

  private void handleScripted(Incoming in) {
    Step step = steps.get(cursor);
    if (waiting == Waiting.NOTHING) {
      if (!scenario.ignore().contains(in.kind()) && !(scenario.ambientAudio() && isAudio(in))) {
        mismatch(step, in, List.of("expected no client message for " + ((Step.ExpectNothing) step).ms()
            + " ms, got " + in.kind()));
      }
      return;
    }
    Step.Expect e = (Step.Expect) step;
    if (e.audio() != null) {
      handleAudio(e, in);
      return;
    }
    if (!e.type().equals(in.kind())) {
      if (!scenario.ignore().contains(in.kind()) && !ambient(e, in)) {
        mismatch(e, in, List.of("expected " + e.type() + ", got " + in.kind()));
      }
      return;
    }
    List<String> failures = failures(e, in);
    if (!failures.isEmpty()) {
      mismatch(e, in, failures);
      return;
    }
    capture(e, in.tree());
    advance();
  }

  private void handleAudio(Step.Expect e, Incoming in) {
    Step.AudioExpectation spec = e.audio();
    String kind = in.kind();
    if (kind.equals("realtimeInput.audio")) {
      List<String> failures = failures(e, in);
      if (!failures.isEmpty()) {
        mismatch(e, in, failures);
        return;
      }
      if (!audio.captured) {
        capture(e, in.tree());
        audio.captured = true;
      }
      if (audio.feed(in.audio())) {
        advance();
      }
    } else if (kind.equals("realtimeInput.activityStart")) {
      return; // part of a spoken turn under manual activity detection
    } else if (kind.equals(spec.until())) {
      if (spec.minSpeechMs() != null && audio.speechMillis < spec.minSpeechMs()) {
        mismatch(e, in, List.of("expected at least " + spec.minSpeechMs() + " ms of speech before " + kind
            + ", got " + audio.progress()));
        return;
      }
      if (spec.minMs() != null && audio.millis < spec.minMs()) {
        mismatch(e, in, List.of("expected at least " + spec.minMs() + " ms of audio before " + kind
            + ", got " + Math.round(audio.millis) + " ms"));
        return;
      }
      advance();
    } else if (!scenario.ignore().contains(kind)) {
      mismatch(e, in, List.of("expected audio (" + describe(spec) + "), got " + kind
          + " after " + audio.progress()));
    }
  }

  private static boolean isAudio(Incoming in) {
    return in.kind().equals("realtimeInput.audio");
  }

  /**
   * Microphone audio that arrives while the script waits for something else: voice clients
   * stream all the time, so it passes unless the step or the scenario says otherwise.
   */
  private boolean ambient(Step.Expect e, Incoming in) {
    boolean allowed = e.ambientAudio() != null ? e.ambientAudio() : scenario.ambientAudio();
    return allowed && isAudio(in);
  }

  private static String describe(Step.AudioExpectation spec) {
    List<String> parts = new ArrayList<>();
    if (spec.minMs() != null) parts.add("at least " + spec.minMs() + " ms");
    if (STARTED.equals(spec.speech())) parts.add("speech started");
    if (spec.minSpeechMs() != null) parts.add("at least " + spec.minSpeechMs() + " ms of speech");
    if (spec.endSilenceMs() != null) parts.add("speech then " + spec.endSilenceMs() + " ms of silence");
    if (spec.until() != null) parts.add("until " + spec.until());
    return String.join(", ", parts);
  }

  private List<String> failures(Step.Expect e, Incoming in) {
    List<String> out = new ArrayList<>();
    for (FieldMatcher m : e.matchers()) {
      String f = m.check(in.tree(), captures);
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  private void capture(Step.Expect e, JsonNode tree) {
    replyTo = e.type();
    for (Map.Entry<String, JsonPath> c : e.captures().entrySet()) {
      JsonNode v = c.getValue().first(tree);
      if (v != null) {
        captures.put(c.getKey(), v.isValueNode() ? v.asText() : v.toString());
      }
    }
  }

  // ---- rules ----

  private boolean applyRules(Incoming in) {
        for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (!r.type().equals(in.kind()) || (r.once() && firedRules.contains(i))) {
        continue;
      }
      if (r.whileSpeaking() && (speaking == null || speaking.finished())) {
        continue;
      }
      boolean matches = true;
      for (FieldMatcher m : r.matchers()) {
        matches &= m.check(in.tree(), captures) == null;
      }
      if (!matches) {
        continue;
      }
      firedRules.add(i);
      control.note("scenario-rule", "rule at line " + r.where().line() + " fired on " + in.kind());
      for (Step action : r.actions()) {
        if (done || stalled) {
          break;
        }
        execute(action);
      }
      return true;
    }
    return false;
  }

  // ---- steps that act at once ----

  private void execute(Step step) {
    if (step instanceof Step.Send s) {
      send(s);
    } else if (step instanceof Step.ToolCall t) {
      toolCall(t);
    } else if (step instanceof Step.Interrupt i) {
      interrupt(i);
    } else if (step instanceof Step.GoAway g) {
      goAway(g);
    } else if (step instanceof Step.ResumptionUpdate u) {
      // Registered with the server's resumption store, so a later setup can really resume with it.
      String handle = control.resumptionHandle(u.handle() != null ? captures.resolve(u.handle()) : null);
      flow.handles.add(handle);
      if (u.capture() != null) {
        captures.put(u.capture(), handle);
      }
      control.send(ServerMessage.resumptionUpdate(handle, u.resumable()));
    } else if (step instanceof Step.Usage u) {
      control.send(ServerMessages.usage(u, control.connection().flavour()));
    } else if (step instanceof Step.Close c) {
      done = true;
      flow.ready(); // the script ended as written: the next connection may continue the run
      cancelAll();
      control.close(c.code(), captures.resolve(c.reason()));
    } else if (step instanceof Step.Drop) {
      done = true;
      flow.ready();
      cancelAll();
      control.abort();
    } else if (step instanceof Step.Network n) {
      control.network(n.conditions(), "scenario " + scenario.id() + ", line " + n.where().line());
    } else if (step instanceof Step.Stall st) {
      stalled = true;
      flow.ready();
      cancelAll();
      control.note("scenario-stall", "the scenario stopped answering at line " + st.where().line());
    } else {
      throw new IllegalStateException("not an instant step: " + step.name());
    }
  }

  /**
   * Sends goAway and, as the real service does, ends the connection when {@code timeLeft} runs
   * out (on the time scale, like {@code wait}) unless the step says {@code endConnection: false}
   * or the script ends it first. The close is the profile's connection-lifetime close.
   */
  private void goAway(Step.GoAway g) {
    control.send(ServerMessage.goAway(g.timeLeft()));
    flow.ready(); // the client may reconnect from now on
    java.time.Duration left = dev.geminilive.mock.profile.DurationText.parseOrNull(g.timeLeft());
    double scale = control.settings().timeScale();
    if (!g.endConnection() || left == null || scale <= 0) {
      return;
    }
    cancelGoAwayEnd();
    int line = g.where().line();
    goAwayEnd = control.schedule(() -> {
      if (done) {
        return;
      }
      dev.geminilive.mock.profile.Reaction end = control.profile().limits().connectionEnd();
      int code = end.closes() && end.code() != null ? end.code() : 1008;
      String reason = end.reasonOr("The connection lifetime has ended.");
      control.note("scenario", "the goAway at line " + line + " gave " + g.timeLeft()
          + "; the time is up, so the connection ends as on the real service (limits.connectionEnd)");
      done = true;
      cancelAll();
      control.close(code, reason);
    }, control.settings().scaledNanos(left.toNanos()));
  }

  private void cancelGoAwayEnd() {
    if (goAwayEnd != null) {
      goAwayEnd.cancel(false);
      goAwayEnd = null;
    }
  }

  private void send(Step.Send s) {
    try {
      control.send(JSON.treeToValue(captures.resolve(s.message()), ServerMessage.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The validator converts every raw message once; this only guards a capture that broke it.
      control.note("scenario-error", "send at line " + s.where().line()
          + " is not a server message once its captures are filled in");
    }
  }

  private void toolCall(Step.ToolCall t) {
    List<FunctionCall> calls = new ArrayList<>();
    for (Step.Call c : t.calls()) {
      String id = c.id() != null ? captures.resolve(c.id()) : "call-" + (++generatedIds) + "-" + randomHex();
      if (c.capture() != null) {
        captures.put(c.capture(), id);
      }
      calls.add(new FunctionCall(id, c.name(), captures.resolve(c.args())));
    }
    control.send(ServerMessage.toolCall(calls));
  }

  private void interrupt(Step.Interrupt i) {
    boolean wasSpeaking = speaking != null && !speaking.finished();
    if (speaking != null) {
      speaking.cancel();
      speaking = null;
    }
    control.send(ServerMessages.interrupted());
    if (!i.cancelToolCalls().isEmpty()) {
      List<String> ids = new ArrayList<>();
      i.cancelToolCalls().forEach(id -> ids.add(captures.resolve(id)));
      control.send(ServerMessage.toolCallCancellation(ids));
    }
    if (i.turnComplete()) {
      control.send(ServerMessages.turnComplete());
    }
    if (wasSpeaking && waiting == Waiting.SAY) {
      advance(); // the interrupted say is over; the script goes on
    }
  }

  private void say(Step.Say s) {
    if (speaking != null && !speaking.finished()) {
      speaking.cancel();
      control.note("scenario", "a new say at line " + s.where().line() + " cut the previous one short");
    }
    boolean blocks = !s.background();
    int t = token;
    if (blocks) {
      waiting = Waiting.SAY;
    } else {
      cursor++;
    }
    boolean input = control.setup().inputAudioTranscription() != null;
    // Some families send the output transcription unasked (3.8: measured); the profile says so.
    boolean output = control.setup().outputAudioTranscription() != null
        || control.profile().output().outputTranscriptionAlways();
    if (!transcriptNoted && ((s.transcript() != null && !output) || (s.inputTranscript() != null && !input))) {
      transcriptNoted = true; // once per session: the journal says why no transcription came
      control.note("scenario", "the say at line " + s.where().line() + " has a transcript the setup did not ask for"
          + " (" + (!output && s.transcript() != null ? "outputAudioTranscription" : "inputAudioTranscription")
          + "); as on the real service, it is not sent");
    }
    List<PacedPlayback.Timed> messages = ServerMessages.say(s, captures, input, output, plan(s));
    if (control.profile().multiPartMessages()) {
      messages = MultiPartEvents.group(messages); // 3.1, 3.8: several parts per event
    }
    speaking = new PacedPlayback(messages, control, () -> {
      if (blocks && t == token && waiting == Waiting.SAY && !done) {
        advance();
        pump();
      }
    });
    speaking.start();
  }

  /**
   * When the parts of {@code s} go out. Fast timing: as written ({@code pace}, {@code chunkMs}).
   * Realistic timing: the first say after a matched client message waits the family's time to
   * first audio for that kind of message, and chunks go at the family's delivery speed unless
   * {@code pace} is written. {@code firstAudioMs} and {@code cadenceMs} win in both modes.
   */
  private ReplyPlan plan(Step.Say s) {
    String answers = replyTo;
    replyTo = null; // only the first say after a client turn answers it
    long chunkNanos = TimeUnit.MILLISECONDS.toNanos(s.chunkMs());
    long gap = s.realtime() ? chunkNanos : 0;
    ReplyPlan plan = new ReplyPlan(0, s.chunkMs(), gap, 0, 0, null);
    if (control.settings().realistic()) {
      Trigger trigger = answers == null ? Trigger.USER_TURN
          : answers.startsWith("toolResponse") ? Trigger.TOOL_RESPONSE
          : answers.startsWith("clientContent") ? Trigger.CLIENT_CONTENT
          : Trigger.USER_TURN;
      ReplyPlan drawn = ReplyPlan.realistic(control.profile().timing(), sampler, trigger);
      long speedGap = Math.round(chunkNanos * (double) drawn.chunkGapNanos()
          / TimeUnit.MILLISECONDS.toNanos(drawn.chunkMillis()));
      plan = new ReplyPlan(answers == null ? 0 : drawn.firstAudioNanos(), s.chunkMs(),
          s.paceGiven() ? gap : speedGap, drawn.inputTranscriptionLagNanos(),
          drawn.outputTranscriptionLagNanos(),
          s.paceGiven() && !s.realtime() ? null : drawn.turnCompleteAfterPlaybackNanos());
    }
    if (s.firstAudioMs() != null) {
      plan = plan.withFirstAudio(TimeUnit.MILLISECONDS.toNanos(s.firstAudioMs()));
    }
    if (s.cadenceMs() != null) {
      plan = plan.withChunks(s.chunkMs(), TimeUnit.MILLISECONDS.toNanos(s.cadenceMs()));
    }
    if (control.settings().realistic() || s.firstAudioMs() != null || s.cadenceMs() != null) {
      control.note("timing", "say at line " + s.where().line() + ": " + plan.describe(
          answers == null ? Trigger.USER_TURN : answers.startsWith("toolResponse") ? Trigger.TOOL_RESPONSE
              : answers.startsWith("clientContent") ? Trigger.CLIENT_CONTENT : Trigger.USER_TURN));
    }
    return plan;
  }

  // ---- mismatch ----

  private void mismatch(Step step, Incoming in, List<String> failures) {
    if (done) {
      return;
    }
    done = true;
    flow.failed();
    cancelAll();
    cancelGoAwayEnd();
    ObjectNode report = JSON.createObjectNode();
    report.put("scenario", scenario.id());
    report.put("file", scenario.file());
    if (scenario.connections().size() > 1) {
      report.put("connection", connection + 1);
    }
    String where;
    String shortWhere = null;
    if (step != null) {
      int index = steps.indexOf(step);
      report.put("step", index + 1);
      report.put("line", step.where().line());
      report.put("column", step.where().column());
      report.set("expected", step.source());
      where = "step " + (index + 1) + " (" + step.where() + ")";
      shortWhere = (scenario.connections().size() > 1 ? "connection " + (connection + 1) + " " : "")
          + "step " + (index + 1) + ", line " + step.where().line();
    } else {
      report.set("expected", JSON.createObjectNode()
          .put("model", scenario.model())
          .put("api", scenario.flavour() == null ? null : scenario.flavour().name().toLowerCase()));
      where = "scenario header (" + scenario.header() + ")";
      shortWhere = "line " + scenario.header().line();
      report.put("line", scenario.header().line());
      report.put("column", scenario.header().column());
    }
    if (in != null) {
      report.set("actual", BlobSummarizer.summarize(in.tree().deepCopy()));
    } else {
      report.putNull("actual");
    }
    ArrayNode diff = report.putArray("differences");
    failures.forEach(diff::add);
    String summary = where + ": " + String.join("; ", failures);
    control.note("scenario-mismatch", summary, report);
    control.attribute("scenarioMismatch", summary);
    // A custom reason is sent as written (to mimic the real service); the details stay in the journal.
    String reason = !scenario.mismatchReason().isEmpty() ? scenario.mismatchReason()
        : MismatchReason.compose(scenario.id(), shortWhere, failures.get(0));
    report.put("closeReason", reason);
    control.close(scenario.mismatchCode(), reason);
  }

  // ---- helpers ----

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void cancelAll() {
    cancelTimer();
    token++;
    waiting = null;
    if (speaking != null) {
      speaking.cancel();
    }
  }

  private static String randomHex() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);
  }

  /** Progress of an audio expectation, counted on the audio's own sample clock. */
  private static final class AudioProgress {
    private static final int WINDOW_MS = 10;
    /** Loud audio shorter than this is a click, not speech (as the turn detector judges it). */
    private static final int SPEECH_ONSET_MS = 30;

    private final Step.AudioExpectation spec;
    private final SpeechTurnDetector detector;
    private double millis;
    private double speechMillis;
    private double loudRunMillis;
    private boolean speechStarted;
    private boolean captured;

    AudioProgress(Step.AudioExpectation spec) {
      this.spec = spec;
      Integer silence = spec.endSilenceMs();
      this.detector = silence == null ? null : new SpeechTurnDetector(silence);
    }

    String progress() {
      String text = Math.round(millis) + " ms of audio";
      if (spec.speech() != null || spec.minSpeechMs() != null || detector != null) {
        text += ", " + Math.round(speechMillis) + " ms of it speech";
      }
      return "got " + text;
    }

    /** Adds a chunk; true when the expectation is met by audio alone. */
    boolean feed(AudioInput in) {
      millis += in.durationMillis();
      countSpeech(in.pcm(), in.sampleRate());
      boolean enough = (spec.minMs() == null || millis >= spec.minMs())
          && (spec.minSpeechMs() == null || speechMillis >= spec.minSpeechMs());
      if (spec.until() != null) {
        return false;
      }
      if (detector != null) {
        boolean ended = detector.feed(in.pcm(), in.sampleRate()) == SpeechTurnDetector.Change.TURN_ENDED;
        if (ended && !enough && spec.minSpeechMs() != null) {
          speechMillis = 0; // too short to be the turn: a cough; keep listening
          speechStarted = false;
        }
        return ended && enough;
      }
      if (STARTED.equals(spec.speech())) {
        return speechStarted && enough;
      }
      return (spec.minMs() != null || spec.minSpeechMs() != null) && enough;
    }

    /** Speech is level above the turn detector's threshold, in 10 ms windows. */
    private void countSpeech(byte[] pcm, int rate) {
      int samples = dev.geminilive.mock.audio.Pcm16.sampleCount(pcm);
      int window = Math.max(1, rate * WINDOW_MS / 1000);
      for (int from = 0; from < samples; from += window) {
        int to = Math.min(samples, from + window);
        double ms = (to - from) * 1000.0 / rate;
        if (dev.geminilive.mock.audio.Pcm16.rms(pcm, from, to) >= SpeechTurnDetector.SPEECH_RMS) {
          loudRunMillis += ms;
          if (speechStarted) {
            speechMillis += ms;
          } else if (loudRunMillis >= SPEECH_ONSET_MS) {
            speechStarted = true;
            speechMillis += loudRunMillis;
          }
        } else {
          loudRunMillis = 0;
        }
      }
    }
  }

  private static String stepName(Step step) {
    if (step instanceof Step.Expect e) {
      return "expect " + e.type();
    }
    String simple = step.getClass().getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }
}
