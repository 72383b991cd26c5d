package dev.geminilive.conformance.rules;

import static dev.geminilive.conformance.rules.RuleBuilder.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.cases.Cases;
import dev.geminilive.conformance.cases.TestSignals;
import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.Models;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.conformance.recording.ConversationRecording;
import dev.geminilive.conformance.recording.Frame;
import dev.geminilive.conformance.recording.Json;
import dev.geminilive.conformance.recording.MidSessionRecording;
import dev.geminilive.conformance.recording.SetupRecording;
import dev.geminilive.conformance.recording.VideoFrame;
import dev.geminilive.conformance.recording.VideoRecording;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chapter 6, the heart of the suite: a client must not send a model what it cannot take. It
 * translates the request, declines it with a warning, or refuses to connect; it never sends it to
 * be rejected.
 */
final class GatingRules {
  /** The mid-session calls the MID_SESSION case makes after the first model turn. */
  static final int MID_SESSION_CALLS = 3;
  /** The documented rate is about one frame per second; one more tolerates a window edge. */
  static final int MAX_FRAMES_PER_SECOND = 2;

  private GatingRules() {}

  static List<ConformanceRule<?>> rules() {
    return List.of(
        rule("GATE-31-USER-TEXT").in(Chapter.GATING, Cases.CONVERSATION)
            .needs(Capability.TEXT_INPUT).only(Models.GEMINI_3_1)
            .title("user text as realtimeInput.text on 3.1")
            .matters("The service closes the whole session with 1007 Request contains an invalid argument: the "
                + "user's text never gets an answer and the conversation ends.")
            .requires("On 3.1 every user text turn travels as realtimeInput.text, never as clientContent, before "
                + "and after the model's first turn.")
            .source("sources §5 and 5.1 (https://ai.google.dev/gemini-api/docs/live-api/capabilities: text mid-session "
                + "must be realtimeInput.text; 1007 in https://github.com/livekit/agents/pull/5251 and "
                + "https://github.com/livekit/agents/pull/5262)")
            .because("MUST: the service closes the session (1007) on a user turn sent as clientContent.")
            .after(CaseStep.TEXT_AFTER_MODEL_TURN)
            .judgedOnFrames()
            .check(GatingRules::userText31),
        rule("GATE-31-CLIENT-CONTENT").in(Chapter.GATING, Cases.MID_SESSION)
            .needs(Capability.TEXT_INPUT, Capability.MID_SESSION_UPDATES).only(Models.GEMINI_3_1)
            .title("no clientContent after the first model turn on 3.1")
            .matters("The service closes the whole session with 1007 Request contains an invalid argument.")
            .requires("On 3.1, instruction updates, context and reply requests after the first model turn never "
                + "travel as clientContent (the service closes 1007); the client declines them or uses another "
                + "legal message.")
            .source("sources §5 and 5.1 (https://ai.google.dev/gemini-api/docs/live-api/capabilities; 1007 seen in https://github.com/livekit/agents/pull/5262 and https://github.com/strands-agents/harness-sdk/issues/1999)")
            .because("MUST: the service closes the session (1007) on it.")
            .after(CaseStep.MODEL_TURN_DONE, CaseStep.UPDATES_DONE)
            .judgedOnFrames()
            .check(GatingRules::clientContent31),
        rule("GATE-31-DECLINE-VISIBLE").in(Chapter.GATING, Cases.MID_SESSION)
            .needs(Capability.TEXT_INPUT, Capability.MID_SESSION_UPDATES).only(Models.GEMINI_3_1)
            .level(Level.SHOULD)
            .title("a declined update is reported")
            .matters("The application believes its instruction or context update took effect when it did not.")
            .requires("Each mid-session call the client does not send on 3.1 is reported to the application (a "
                + "warning event or an error), never dropped silently.")
            .source("sources §5.1 (LiveKit logs a warning, or raises 'generate_reply is not compatible')")
            .because("SHOULD: nothing breaks on the wire; the application is only misinformed.")
            .after(CaseStep.UPDATES_DONE)
            .judgedOnFrames()
            .check(GatingRules::declineVisible),
        rule("GATE-31-HISTORY-CONFIG").in(Chapter.GATING, Cases.MID_SESSION)
            .needs(Capability.INITIAL_HISTORY).only(Models.GEMINI_3_1)
            .title("initial history only with historyConfig on 3.1")
            .matters("Without historyConfig, 3.1 rejects the history (1007) or silently treats it as a turn.")
            .requires("On 3.1, clientContent sent as initial history (before the first model turn) requires "
                + "setup.historyConfig.initialHistoryInClientContent = true.")
            .source("sources §2.2 and 5 (https://ai.google.dev/gemini-api/docs/live-api/capabilities; js-genai drops historyConfig: https://github.com/googleapis/js-genai/issues/1448)")
            .because("MUST: without historyConfig the service closes the session (1007) over the history.")
            .after(CaseStep.CONNECTED)
            .judgedOnFrames()
            .check(GatingRules::historyConfig),
        rule("GATE-THINKING-FIELD").in(Chapter.GATING, Cases.WRONG_CONFIG).needs(Capability.THINKING_CONFIG)
            .only(Models.GEMINI_2_5, Models.GEMINI_3_1)
            .title("thinkingLevel on 3.1, thinkingBudget on 2.5")
            .matters("The service rejects the setup, or the requested thinking setting is ignored.")
            .requires("Given the other model family's thinking field, the client translates or refuses it: 3.1 "
                + "never gets thinkingBudget, 2.5 never gets thinkingLevel.")
            .source("sources §5 and 5.2 (https://ai.google.dev/gemini-api/docs/live-api/capabilities: thinkingLevel on 3.1, thinkingBudget on 2.5)")
            .because("MUST: the service rejects a setup with the other family's field (inferred 1007), so no session starts.")
            .judgedOnFrames()
            .check(GatingRules::thinking),
        rule("GATE-31-AFFECTIVE").in(Chapter.GATING, Cases.WRONG_CONFIG).needs(Capability.AFFECTIVE_DIALOG)
            .only(Models.GEMINI_3_1)
            .title("no affective dialog or proactivity on 3.1")
            .matters("The service never answers the setup: connect hangs until the application times out.")
            .requires("On 3.1 setup carries neither enableAffectiveDialog nor proactivity (the service never "
                + "answers such a setup).")
            .source("sources §5 (https://ai.google.dev/gemini-api/docs/live-api/capabilities; no setupComplete: https://github.com/PatterAI/Patter/pull/210)")
            .because("MUST: the service never answers such a setup (observed), so connect hangs.")
            .judgedOnFrames()
            .check(r -> forbidden(r, "no enableAffectiveDialog or proactivity in setup",
                "enableAffectiveDialog", "proactivity")),
        rule("GATE-25-AFFECTIVE-V1ALPHA").in(Chapter.GATING, Cases.WRONG_CONFIG).needs(Capability.AFFECTIVE_DIALOG)
            .only(Models.GEMINI_2_5)
            .title("affective dialog and proactivity over v1alpha on 2.5")
            .matters("On other API versions the fields are unknown and the setup is rejected.")
            .requires("On 2.5 (Developer API), a setup with enableAffectiveDialog or proactivity is sent on the "
                + "v1alpha endpoint.")
            .source("sources §2.2 and 5.3 (LiveKit switches the Developer API to v1alpha whenever either field is set)")
            .because("MUST: other API versions reject the unknown fields (1007 Unknown name), so no session starts.")
            .judgedOnFrames()
            .check(GatingRules::v1alpha),
        rule("GATE-TEXT-MODALITY").in(Chapter.GATING, Cases.WRONG_CONFIG).needs(Capability.RESPONSE_MODALITIES)
            .title("no TEXT response modality on native-audio or 3.1 models")
            .matters("The session is closed right after setup (1007 or 1011): text-only or separate-TTS designs need a half-cascade model.")
            .requires("Native-audio 2.5 and 3.1 models get no TEXT response modality (1007 or 1011 otherwise); the "
                + "client refuses or uses AUDIO with output transcription.")
            .source("sources §8 (https://github.com/livekit/agents/issues/4423, https://github.com/googleapis/python-genai/issues/1780, https://github.com/googleapis/python-genai/issues/2238)")
            .because("MUST: the service closes the session right after setup (1007 on 2.5, 1011 on 3.1, observed).")
            .judgedOnFrames()
            .check(GatingRules::textModality),
        rule("GATE-38-NO-THINKING").in(Chapter.GATING, Cases.WRONG_CONFIG).needs(Capability.THINKING_CONFIG)
            .only(Models.GEMINI_3_8)
            .title("no thinking setting on 3.8 Live")
            .matters("The service closes the session at setup (1007 \"Thinking level is not supported for this "
                + "model\"): an application that carries its 3.1 thinking setting over never gets a session.")
            .requires("On gemini-3.8-live the setup carries no thinkingConfig at all (neither thinkingLevel nor "
                + "thinkingBudget); the client drops the application's setting and says so, or refuses to connect.")
            .source("https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live (migrating: omit the thinking "
                + "level); 1007 measured in rasonyang/ai-native-callcenter internal/provider/gemini/wire.go")
            .because("MUST: the service closes the session over any thinkingConfig (observed).")
            .judgedOnFrames()
            .check(r -> forbidden(r, "no thinkingConfig in setup for " + r.model(), "thinkingConfig")),
        rule("GATE-38-AFFECTIVE").in(Chapter.GATING, Cases.WRONG_CONFIG).needs(Capability.AFFECTIVE_DIALOG)
            .only(Models.GEMINI_3_8)
            .title("no affective dialog on 3.8, proactive audio never switched off")
            .matters("The service closes the session at setup (1007): affective dialog was removed from the API, "
                + "and proactive audio is always on.")
            .requires("On 3.8 setup carries no enableAffectiveDialog, and never proactivity.proactiveAudio false "
                + "(3.8 allows the proactivity field, which 3.1 never answers, but only to confirm it is on).")
            .source("https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live (affective dialog removed; "
                + "proactive audio always on, false returns an error)")
            .because("MUST: the service rejects the setup (the docs say an error; the code is inferred 1007).")
            .judgedOnFrames()
            .check(GatingRules::affective38),
        rule("GATE-38-MID-SESSION").in(Chapter.GATING, Cases.MID_SESSION)
            .needs(Capability.TEXT_INPUT, Capability.MID_SESSION_UPDATES).only(Models.GEMINI_3_8)
            .level(Level.SHOULD)
            .title("mid-session updates sent on 3.8, not declined as on 3.1")
            .matters("An application on 3.8 loses instruction and context updates for nothing: a client that "
                + "gates every 3.x model like 3.1 declines what 3.8 accepts.")
            .requires("On 3.8 instruction updates, added context and reply requests after the first model turn are "
                + "sent (as clientContent), each of the " + MID_SESSION_CALLS + " calls, none declined.")
            .source("https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live (clientContent allowed for the "
                + "whole session); https://github.com/livekit/agents/pull/7289")
            .because("SHOULD: declining is safe on the wire; only the feature is lost.")
            .after(CaseStep.MODEL_TURN_DONE, CaseStep.UPDATES_DONE)
            .judgedOnFrames()
            .check(GatingRules::midSession38),
        rule("GATE-VIDEO-FRAMES").in(Chapter.GATING, Cases.VIDEO).needs(Capability.VIDEO_INPUT)
            .level(Level.SHOULD)
            .title("video as JPEG or PNG, about one frame per second")
            .matters("Every frame costs input tokens: a camera forwarded at its own rate exhausts the context "
                + "window in seconds (video sessions are limited to about 2 minutes as it is).")
            .requires("Video frames travel as realtimeInput.video with image/jpeg or image/png data that really "
                + "is that format, and no more than " + MAX_FRAMES_PER_SECOND + " frames in any one second.")
            .source("sources §4 and 9 (https://firebase.google.com/docs/ai-logic/live-api/limits-and-specs: "
                + "JPEG, about 1 frame per second; LiveKit samples 1 fps while the user speaks)")
            .because("SHOULD: faster frames are accepted; they cost tokens and shorten the session, they do not break it.")
            .after(CaseStep.VIDEO_SENT)
            .check(GatingRules::video));
  }

  /** Index of the first server frame that ends or carries a model turn, or MAX. */
  private static long firstModelTurnSeq(List<Frame> frames) {
    for (Frame f : frames) {
      if (f.fromServer() && (f.kind().contains("modelTurn") || f.kind().contains("turnComplete"))) {
        return f.sessionIndex() * 1_000_000L + f.entry().seq();
      }
    }
    return Long.MAX_VALUE;
  }

  private static long order(Frame f) {
    return f.sessionIndex() * 1_000_000L + f.entry().seq();
  }

  /** The text of a clientContent message's turns, joined. */
  static String texts(Frame f) {
    StringBuilder sb = new StringBuilder();
    JsonNode turns = Json.field(f.payload("clientContent"), "turns");
    if (turns != null) {
      for (JsonNode t : turns) {
        JsonNode parts = Json.field(t, "parts");
        if (parts == null) continue;
        for (JsonNode p : parts) {
          JsonNode text = Json.field(p, "text");
          if (text != null) sb.append(text.asText()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static Judgement userText31(ConversationRecording r) {
    String expected = "every user text turn as realtimeInput.text, none as clientContent";
    List<Frame> frames = r.frames();
    long first = firstModelTurnSeq(frames);
    List<String> bad = new ArrayList<>();
    boolean beforeFirst = false;
    for (Frame f : frames) {
      if (!f.fromClient() || !f.kind().equals("clientContent")) continue;
      String text = texts(f);
      if (TestSignals.CONVERSATION_TEXTS.stream().anyMatch(text::contains)) {
        bad.add(f.describe());
        beforeFirst |= order(f) < first;
      }
    }
    long asText = r.clientFrames("realtimeInput.text").size();
    if (!bad.isEmpty()) {
      return Judgement.broken(expected, bad.size() + " user text turn(s) sent as clientContent ("
          + (beforeFirst ? "from the first turn on" : "after the first model turn") + "; " + asText
          + " as realtimeInput.text); the service closes the session with 1007. Fix: send the user's text as "
          + "realtimeInput.text on 3.1 (clientContent is only initial history)", bad);
    }
    return Judgement.kept(expected, asText + " user text turn(s), all as realtimeInput.text");
  }

  private static Judgement clientContent31(MidSessionRecording r) {
    String expected = "no clientContent after the first model turn";
    List<Frame> frames = r.frames();
    long first = firstModelTurnSeq(frames);
    List<String> bad = frames.stream().filter(f -> f.fromClient() && f.kind().equals("clientContent")
        && order(f) > first).map(Frame::describe).toList();
    return Judgement.check(bad.isEmpty(), expected,
        bad.isEmpty() ? "none sent" : bad.size() + " clientContent message(s) after the first model turn", bad);
  }

  private static Judgement declineVisible(MidSessionRecording r) {
    String expected = "each of the " + MID_SESSION_CALLS + " mid-session calls sent or reported";
    // An absence is only evidence once the calls were made.
    if (!r.did(CaseStep.UPDATES_DONE)) return Judgement.notReached(expected, r.whyNotReached(CaseStep.UPDATES_DONE));
    // After the service's 1007 for a clientContent (GATE-31-CLIENT-CONTENT), later calls cannot be sent.
    Optional<String> ended = r.unexpectedEnd();
    if (ended.isPresent()) return Judgement.notReached(expected, ended.get());
    List<Frame> frames = r.frames();
    long first = firstModelTurnSeq(frames);
    long sent = frames.stream().filter(f -> f.fromClient() && order(f) > first
        && !f.kind().startsWith("realtimeInput.audio")).count();
    double after = r.did(CaseStep.UPDATES_DONE) ? r.at(CaseStep.UPDATES_DONE) : 0;
    long reported = r.events().stream().filter(t -> t.millis() >= after
        && (t.event() instanceof DriverEvent.Warning || t.event() instanceof DriverEvent.Error)).count()
        + r.failedUpdates().size();
    boolean ok = sent + reported >= MID_SESSION_CALLS;
    return Judgement.check(ok, expected, sent + " message(s) sent, " + reported + " warning(s) or error(s) reported",
        ok ? List.of() : r.timeline());
  }

  private static Judgement historyConfig(MidSessionRecording r) {
    String expected = "initial-history clientContent only with historyConfig.initialHistoryInClientContent = true";
    if (r.setups().isEmpty()) return Judgement.notReached(expected, "no setup was sent");
    List<Frame> frames = r.frames();
    long first = firstModelTurnSeq(frames);
    // The history is what the application gave as initial history, not a user turn sent the same way.
    List<Frame> history = frames.stream().filter(f -> f.fromClient() && f.kind().equals("clientContent")
        && order(f) < first && TestSignals.INITIAL_HISTORY.stream().anyMatch(t -> texts(f).contains(t.text())))
        .toList();
    JsonNode flag = Json.at(r.setups().get(0), "historyConfig", "initialHistoryInClientContent");
    boolean on = flag != null && flag.asBoolean(false);
    if (history.isEmpty()) {
      return Judgement.kept(expected, "no initial history sent as clientContent" + (on ? " (historyConfig on)" : ""));
    }
    List<String> evidence = new ArrayList<>();
    evidence.add(r.clientFrames("setup").get(0).describe());
    history.forEach(f -> evidence.add(f.describe()));
    return Judgement.check(on, expected, history.size() + " history message(s); historyConfig "
        + (on ? "on" : "absent"), evidence);
  }

  /** Every field name anywhere in a JSON tree, both spellings folded to camelCase. */
  private static boolean contains(JsonNode node, String camel) {
    if (node == null) return false;
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if ((e.getKey().equals(camel) || e.getKey().equals(Json.snake(camel))) && !e.getValue().isNull()
            && !(e.getValue().isBoolean() && !e.getValue().asBoolean())) {
          return true;
        }
        if (contains(e.getValue(), camel)) return true;
      }
    } else if (node.isArray()) {
      for (JsonNode c : node) if (contains(c, camel)) return true;
    }
    return false;
  }

  private static Judgement noSetup(SetupRecording r, String expected) {
    if (r.refusedToConnect()) {
      return Judgement.kept(expected, "the client refused to connect: " + r.connectError());
    }
    return Judgement.notReached(expected, "no setup was sent");
  }

  private static Judgement forbidden(SetupRecording r, String expected, String... fields) {
    if (r.setups().isEmpty()) return noSetup(r, expected);
    List<String> found = new ArrayList<>();
    for (JsonNode s : r.setups()) {
      for (String f : fields) if (contains(s, f)) found.add(f);
    }
    return Judgement.check(found.isEmpty(), expected,
        found.isEmpty() ? "not sent" : "sent " + String.join(", ", found),
        found.isEmpty() ? List.of() : List.of(r.clientFrames("setup").get(0).describe()));
  }

  private static Judgement affective38(SetupRecording r) {
    String expected = "no enableAffectiveDialog; no proactivity.proactiveAudio false";
    if (r.setups().isEmpty()) return noSetup(r, expected);
    List<String> found = new ArrayList<>();
    for (JsonNode s : r.setups()) {
      if (contains(s, "enableAffectiveDialog")) found.add("enableAffectiveDialog");
      JsonNode p = Json.at(s, "proactivity", "proactiveAudio");
      if (p != null && p.isBoolean() && !p.asBoolean()) found.add("proactiveAudio false");
    }
    return Judgement.check(found.isEmpty(), expected, found.isEmpty() ? "not sent" : "sent " + String.join(", ", found),
        found.isEmpty() ? List.of() : List.of(r.clientFrames("setup").get(0).describe()));
  }

  private static Judgement midSession38(MidSessionRecording r) {
    String expected = "each of the " + MID_SESSION_CALLS + " mid-session calls sent";
    if (!r.did(CaseStep.UPDATES_DONE)) return Judgement.notReached(expected, r.whyNotReached(CaseStep.UPDATES_DONE));
    long first = firstModelTurnSeq(r.frames());
    long sent = r.frames().stream().filter(f -> f.fromClient() && order(f) > first
        && f.kind().equals("clientContent")).count();
    long declined = r.events().stream().filter(t -> t.millis() >= r.at(CaseStep.UPDATES_DONE)
        && t.event() instanceof DriverEvent.Warning).count();
    return Judgement.check(sent >= MID_SESSION_CALLS, expected, sent + " sent as clientContent, " + declined
        + " declined with a warning", sent >= MID_SESSION_CALLS ? List.of() : r.timeline());
  }

  private static Judgement thinking(SetupRecording r) {
    boolean is31 = Models.of(r.model()) == Models.GEMINI_3_1;
    String wrong = is31 ? "thinkingBudget" : "thinkingLevel";
    return forbidden(r, "no " + wrong + " in setup for " + r.model(), wrong);
  }

  private static Judgement v1alpha(SetupRecording r) {
    String expected = "setup with enableAffectiveDialog/proactivity sent on v1alpha";
    if (r.setups().isEmpty()) return noSetup(r, expected);
    boolean affective = contains(r.setups().get(0), "enableAffectiveDialog") || contains(r.setups().get(0), "proactivity");
    String path = r.endpoint();
    if (!affective) return Judgement.kept(expected, "neither field sent, path " + path);
    return Judgement.check(path.contains(".v1alpha."), expected, "sent on " + path,
        List.of(r.clientFrames("setup").get(0).describe()));
  }

  private static Judgement textModality(SetupRecording r) {
    String expected = "no TEXT in responseModalities";
    if (r.setups().isEmpty()) return noSetup(r, expected);
    JsonNode m = Json.at(r.setups().get(0), "generationConfig", "responseModalities");
    boolean text = m != null && m.toString().contains("TEXT");
    return Judgement.check(!text, expected, "responseModalities " + m,
        text ? List.of(r.clientFrames("setup").get(0).describe()) : List.of());
  }

  private static Judgement video(VideoRecording r) {
    String expected = "image/jpeg or image/png frames, at most " + MAX_FRAMES_PER_SECOND + " in any second";
    List<Frame> frames = r.videoFrames();
    List<Frame> chunks = r.clientFrames("realtimeInput.mediaChunks");
    if (frames.isEmpty() && chunks.isEmpty()) {
      return Judgement.broken(expected, "no video frame sent out of " + TestSignals.CAMERA_FRAMES, List.of());
    }
    List<String> bad = new ArrayList<>();
    for (VideoFrame v : r.receivedImages()) {
      boolean ok = ("image/jpeg".equals(v.mimeType()) && v.isJpeg()) || ("image/png".equals(v.mimeType()) && v.isPng());
      if (!ok) bad.add("a " + v.bytes() + "-byte frame declared " + v.mimeType() + " is not that format");
    }
    int worst = 0;
    for (int i = 0; i < frames.size(); i++) {
      int n = 0;
      for (int j = i; j < frames.size()
          && frames.get(j).entry().nanos() - frames.get(i).entry().nanos() < 1_000_000_000L; j++) {
        n++;
      }
      worst = Math.max(worst, n);
    }
    if (worst > MAX_FRAMES_PER_SECOND) bad.add(worst + " frames within one second");
    return Judgement.check(bad.isEmpty(), expected, frames.size() + " of " + TestSignals.CAMERA_FRAMES
        + " frames sent, at most " + worst + " in one second" + (bad.isEmpty() ? "" : "; " + String.join("; ", bad)),
        frames.stream().limit(4).map(Frame::describe).toList());
  }
}
