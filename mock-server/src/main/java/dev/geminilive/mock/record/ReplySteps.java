package dev.geminilive.mock.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.scenario.AudioClip;
import dev.geminilive.mock.scenario.Captures;
import dev.geminilive.mock.scenario.Step;
import dev.geminilive.mock.scenario.engine.ServerMessages;
import dev.geminilive.mock.session.MultiPartEvents;
import dev.geminilive.mock.session.PacedPlayback;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns a run of recorded server messages into scenario steps. Each shorthand step ({@code say},
 * {@code toolCall}, {@code goAway}, {@code resumptionUpdate}, {@code usage}, {@code interrupt}) is
 * used only where the engine's expansion of it gives exactly the recorded JSON (ids aside); every
 * other message becomes a {@code send} of itself. So the shorthands are for reading, never a
 * source of difference.
 */
final class ReplySteps {
  private static final ObjectMapper JSON = LiveJson.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A step and the span of recorded time it covers. */
  record Written(ObjectNode step, long firstNanos, long lastNanos, String comment) {}

  /** A server message as the mock can send it (fields it does not know removed). */
  record Message(long nanos, JsonNode tree) {}

  private final ApiFlavour flavour;
  private final GeneratedIds ids;
  /** Saves a clip beside the scenario and returns the name to write in {@code audio.file}. */
  private final BiFunction<byte[], Integer, String> clips;
  private boolean inputTranscription;
  private boolean outputTranscription;
  private boolean multiPart;

  ReplySteps(ApiFlavour flavour, GeneratedIds ids, BiFunction<byte[], Integer, String> clips) {
    this.flavour = flavour;
    this.ids = ids;
    this.clips = clips;
  }

  /**
   * The steps for {@code run}, in order.
   *
   * @param inputTranscription whether the session's setup asked for input transcription (a
   *     {@code say} sends its transcripts only then, as the real service does)
   * @param outputTranscription the same for output transcription (or the profile sends it unasked)
   * @param multiPart the model's profile merges parts into one event (the engine does the same)
   */
  List<Written> fold(List<Message> run, boolean inputTranscription, boolean outputTranscription,
      boolean multiPart) {
    this.inputTranscription = inputTranscription;
    this.outputTranscription = outputTranscription;
    this.multiPart = multiPart;
    List<Written> out = new ArrayList<>();
    int i = 0;
    while (i < run.size()) {
      int used = say(run, i, out, true);
      if (used == 0) used = say(run, i, out, false);
      if (used == 0) used = toolCall(run, i, out);
      if (used == 0) used = interrupt(run, i, out);
      if (used == 0) used = single(run, i, out);
      i += used;
    }
    return out;
  }

  // ---- say ----

  /**
   * A {@code say} from {@code from}: with {@code full}, input transcription, text, audio, output
   * transcription and the completion flags as one step; otherwise the audio alone.
   */
  private int say(List<Message> run, int from, List<Written> out, boolean full) {
    int j = from;
    String inputTranscript = null;
    String text = null;
    String transcript = null;
    if (full && j < run.size() && only(run.get(j).tree, "inputTranscription") != null) {
      JsonNode t = only(run.get(j).tree, "inputTranscription");
      if (t.path("text").isTextual()) {
        inputTranscript = t.path("text").asText();
        j++;
      }
    }
    if (full && j < run.size() && textPart(run.get(j).tree) != null) {
      text = textPart(run.get(j).tree);
      j++;
    }
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    int rate = 0;
    int chunkBytes = 0;
    int chunks = 0;
    int audioEvents = 0;
    long firstChunk = 0;
    long lastChunk = 0;
    boolean ended = false;
    while (j < run.size() && !ended) {
      // One event may carry several audio parts and the transcription (3.1, 3.8); each part is a chunk.
      AudioEvent a = audioEvent(run.get(j).tree);
      if (a == null || (rate != 0 && a.rate() != rate) || (a.transcript() != null && (!full || transcript != null))) {
        break;
      }
      int size = chunkBytes == 0 ? a.parts().get(0).length : chunkBytes;
      boolean fits = true;
      for (int k = 0; k < a.parts().size(); k++) {
        byte[] part = a.parts().get(k);
        boolean last = k == a.parts().size() - 1;
        if (part.length > size || (!last && (part.length < size || !wholeMillis(size, a.rate())))) {
          fits = false; // a short or odd chunk may only end the say's audio
          break;
        }
      }
      if (!fits) {
        break;
      }
      if (chunks == 0) {
        rate = a.rate();
        chunkBytes = size;
        firstChunk = run.get(j).nanos;
      }
      for (byte[] part : a.parts()) {
        pcm.writeBytes(part);
        chunks++;
      }
      if (a.transcript() != null) {
        transcript = a.transcript();
      }
      lastChunk = run.get(j).nanos;
      byte[] lastPart = a.parts().get(a.parts().size() - 1);
      j++;
      audioEvents++;
      if (full && audioEvents == 1 && transcript == null && j < run.size()
          && only(run.get(j).tree, "outputTranscription") != null) {
        JsonNode t = only(run.get(j).tree, "outputTranscription");
        if (t.path("text").isTextual() && !t.has("finished")) {
          transcript = t.path("text").asText();
          j++;
        }
      }
      // A short chunk ends a say's audio; a chunk that is not a whole number of milliseconds
      // cannot be cut again from a clip by chunkMs, so it is a say of its own.
      ended = lastPart.length < chunkBytes || !wholeMillis(chunkBytes, rate);
    }
    if (full && chunks == 0 && j < run.size() && only(run.get(j).tree, "outputTranscription") != null) {
      JsonNode t = only(run.get(j).tree, "outputTranscription");
      if (t.path("text").isTextual() && !t.has("finished")) {
        transcript = t.path("text").asText();
        j++;
      }
    }
    if (inputTranscript == null && text == null && chunks == 0 && transcript == null) {
      return 0;
    }
    boolean generationComplete = full && j < run.size() && flag(run.get(j).tree, "generationComplete");
    if (generationComplete) j++;
    boolean turnComplete = full && j < run.size() && flag(run.get(j).tree, "turnComplete");
    if (turnComplete) j++;
    int chunkMs = 40;
    AudioClip clip = null;
    boolean realtime = false;
    if (chunks > 0) {
      // The chunk length must be a whole number of milliseconds to cut the clip where it was cut.
      long samples = chunkBytes / 2;
      if ((samples * 1000) % rate != 0 || samples * 1000 / rate < 5 || samples * 1000 / rate > 5000) {
        if (chunks > 1) {
          return 0;
        }
        chunkMs = (int) Math.min(5000, Math.max(5, (samples * 1000 + rate - 1) / rate));
        if ((long) rate * chunkMs / 1000 * 2 < chunkBytes) {
          return 0;
        }
      } else {
        chunkMs = (int) (samples * 1000 / rate);
      }
      clip = new AudioClip(pcm.toByteArray(), rate, "recorded");
      // Paced when the chunks arrived spread over at least half their playing time.
      long spread = lastChunk - firstChunk;
      realtime = chunks > 1 && spread * 2 >= (long) (chunks - 1) * chunkMs * 1_000_000L;
    }
    Step.Say candidate = new Step.Say(text, clip, chunkMs, realtime, transcript, inputTranscript,
        generationComplete, turnComplete, false, null, null);
    List<PacedPlayback.Timed> expansion =
        ServerMessages.say(candidate, new Captures(), inputTranscription, outputTranscription);
    if (multiPart) {
      expansion = MultiPartEvents.group(expansion); // as the engine sends it for this family
    }
    if (!sameAs(expansion.stream().map(PacedPlayback.Timed::message).toList(), run.subList(from, j))) {
      return 0;
    }
    ObjectNode say = NODES.objectNode();
    if (inputTranscript != null) say.put("inputTranscript", inputTranscript);
    if (text != null) say.put("text", text);
    String comment = null;
    if (clip != null) {
      say.set("audio", NODES.objectNode().put("file", clips.apply(clip.pcm(), rate)));
      say.put("chunkMs", chunkMs);
      say.put("pace", realtime ? "realtime" : "fast");
      comment = String.format("%d ms of audio in %d chunk(s)", Math.round(clip.durationMillis()), chunks);
    }
    if (transcript != null) say.put("transcript", transcript);
    if (!generationComplete) say.put("generationComplete", false);
    if (!turnComplete) say.put("turnComplete", false);
    out.add(new Written(step("say", say), run.get(from).nanos, run.get(j - 1).nanos, comment));
    return j - from;
  }

  private static boolean wholeMillis(int bytes, int rate) {
    long samples = bytes / 2;
    return (samples * 1000) % rate == 0 && samples * 1000 / rate >= 5 && samples * 1000 / rate <= 5000;
  }

  /** The audio parts (in order) of a model-turn event, and its output transcription if it has one. */
  private record AudioEvent(List<byte[]> parts, int rate, String transcript) {}

  /**
   * A message whose serverContent is a model turn of audio parts only (all at one rate),
   * optionally with an output transcription in the same event; else null.
   */
  private static AudioEvent audioEvent(JsonNode tree) {
    if (tree.size() != 1 || !tree.has("serverContent")) {
      return null;
    }
    JsonNode content = tree.get("serverContent");
    JsonNode turn = content.get("modelTurn");
    String transcript = null;
    if (content.has("outputTranscription")) {
      JsonNode t = content.get("outputTranscription");
      if (t.size() != 1 || !t.path("text").isTextual()) {
        return null;
      }
      transcript = t.get("text").asText();
    }
    if (turn == null || content.size() != (transcript == null ? 1 : 2) || turn.size() != 2
        || !"model".equals(turn.path("role").asText()) || turn.path("parts").isEmpty()) {
      return null;
    }
    List<byte[]> parts = new ArrayList<>();
    int rate = 0;
    for (JsonNode part : turn.path("parts")) {
      JsonNode blob = part.path("inlineData");
      if (part.size() != 1 || blob.size() != 2 || !blob.path("data").isTextual()) {
        return null;
      }
      PcmFormat format = PcmFormat.parse(blob.path("mimeType").asText());
      if (!format.pcm() || !blob.path("mimeType").asText().equals("audio/pcm;rate=" + format.sampleRate())
          || (rate != 0 && format.sampleRate() != rate)) {
        return null;
      }
      rate = format.sampleRate();
      try {
        parts.add(Base64.getDecoder().decode(blob.path("data").asText()));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return new AudioEvent(parts, rate, transcript);
  }

  private static String textPart(JsonNode tree) {
    JsonNode turn = only(tree, "modelTurn");
    if (turn == null || turn.size() != 2 || !"model".equals(turn.path("role").asText())
        || turn.path("parts").size() != 1) {
      return null;
    }
    JsonNode part = turn.path("parts").get(0);
    return part.size() == 1 && part.path("text").isTextual() ? part.path("text").asText() : null;
  }

  // ---- toolCall, interrupt ----

  private int toolCall(List<Message> run, int from, List<Written> out) {
    JsonNode tree = run.get(from).tree;
    if (tree.size() != 1 || !tree.has("toolCall") || tree.get("toolCall").size() != 1) {
      return 0;
    }
    JsonNode calls = tree.path("toolCall").path("functionCalls");
    if (!calls.isArray() || calls.isEmpty()) {
      return 0;
    }
    for (JsonNode c : calls) {
      if (!c.path("id").isTextual() || !c.path("name").isTextual()) {
        return 0; // without an id the engine would invent one the recording did not have
      }
    }
    ArrayNode written = NODES.arrayNode();
    for (JsonNode c : calls) {
      ObjectNode call = NODES.objectNode();
      call.put("name", c.path("name").asText());
      if (c.has("args")) {
        call.set("args", ids.substitute(c.get("args")));
      }
      call.put("capture", ids.newCall(c.path("id").asText()));
      written.add(call);
    }
    ObjectNode step = NODES.objectNode();
    step.set("calls", written);
    out.add(new Written(step("toolCall", step), run.get(from).nanos, run.get(from).nanos,
        "ids are generated on replay; the recording had " + ids(calls)));
    return 1;
  }

  private static String ids(JsonNode calls) {
    List<String> list = new ArrayList<>();
    calls.forEach(c -> list.add(c.path("id").asText()));
    return String.join(", ", list);
  }

  private int interrupt(List<Message> run, int from, List<Written> out) {
    if (!sameAs(List.of(ServerMessages.interrupted()), run.subList(from, from + 1))) {
      return 0;
    }
    boolean turnComplete = from + 1 < run.size() && flag(run.get(from + 1).tree, "turnComplete");
    ObjectNode step = NODES.objectNode();
    if (!turnComplete) {
      step.put("turnComplete", false);
    }
    int used = turnComplete ? 2 : 1;
    out.add(new Written(step("interrupt", step), run.get(from).nanos, run.get(from + used - 1).nanos, null));
    return used;
  }

  // ---- one message ----

  private int single(List<Message> run, int from, List<Written> out) {
    Message m = run.get(from);
    JsonNode tree = m.tree;
    ObjectNode step = null;
    if (tree.size() == 1 && tree.has("goAway") && tree.get("goAway").size() == 1
        && tree.path("goAway").path("timeLeft").isTextual()) {
      // The recording has the upstream's own end of the connection; the engine must not add one.
      step = step("goAway", NODES.objectNode().put("timeLeft", tree.path("goAway").path("timeLeft").asText())
          .put("endConnection", false));
    } else if (tree.size() == 1 && tree.has("sessionResumptionUpdate")) {
      JsonNode u = tree.get("sessionResumptionUpdate");
      if (u.size() == 2 && u.path("newHandle").isTextual() && u.path("resumable").isBoolean()) {
        // The handle is generated on replay (and kept by the mock, so a resume really works).
        step = step("resumptionUpdate", NODES.objectNode()
            .put("resumable", u.path("resumable").asBoolean())
            .put("capture", ids.newHandle(u.path("newHandle").asText())));
      }
    } else if (tree.size() == 1 && tree.has("usageMetadata")) {
      step = usage(tree);
    }
    if (step == null) {
      step = step("send", ids.substitute(tree));
    }
    out.add(new Written(step, m.nanos, m.nanos, null));
    return 1;
  }

  private ObjectNode usage(JsonNode tree) {
    JsonNode u = tree.get("usageMetadata");
    Integer prompt = u.has("promptTokenCount") ? u.get("promptTokenCount").asInt() : null;
    String replyField = flavour == ApiFlavour.VERTEX ? "candidatesTokenCount" : "responseTokenCount";
    Integer reply = u.has(replyField) ? u.get(replyField).asInt() : null;
    Integer total = u.has("totalTokenCount") ? u.get("totalTokenCount").asInt() : null;
    Step.Usage candidate = new Step.Usage(prompt, reply, total, null, null);
    if (!sameAs(List.of(ServerMessages.usage(candidate, flavour)), List.of(new Message(0, tree)))) {
      return null;
    }
    ObjectNode usage = NODES.objectNode();
    if (prompt != null) usage.put("promptTokens", prompt);
    if (reply != null) usage.put("responseTokens", reply);
    if (total != null) usage.put("totalTokens", total);
    return step("usage", usage);
  }

  // ---- helpers ----

  private static ObjectNode step(String name, JsonNode body) {
    ObjectNode step = NODES.objectNode();
    step.set(name, body);
    return step;
  }

  /** The value of {@code serverContent.<field>} when the message carries that field only. */
  private static JsonNode only(JsonNode tree, String field) {
    if (tree.size() != 1 || !tree.has("serverContent")) {
      return null;
    }
    JsonNode content = tree.get("serverContent");
    return content.size() == 1 && content.has(field) ? content.get(field) : null;
  }

  private static boolean flag(JsonNode tree, String field) {
    JsonNode v = only(tree, field);
    return v != null && v.isBoolean() && v.asBoolean();
  }

  private static boolean sameAs(List<ServerMessage> expansion, List<Message> recorded) {
    if (expansion.size() != recorded.size()) {
      return false;
    }
    for (int i = 0; i < expansion.size(); i++) {
      if (!JSON.valueToTree(expansion.get(i)).equals(recorded.get(i).tree)) {
        return false;
      }
    }
    return true;
  }

  /** The recorded tree as the mock can send it, and the fields it had to leave out. */
  static Message typed(long nanos, JsonNode tree, List<String> lost) {
    try {
      ServerMessage message = JSON.treeToValue(tree, ServerMessage.class);
      JsonNode back = JSON.valueToTree(message);
      collectLoss(tree, back, "", lost);
      return new Message(nanos, back);
    } catch (Exception e) {
      lost.add("(whole message: " + e.getMessage().lines().findFirst().orElse("") + ")");
      return null;
    }
  }

  private static void collectLoss(JsonNode a, JsonNode b, String path, List<String> lost) {
    if (a.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (b == null || !b.has(e.getKey())) {
          if (!e.getValue().isNull()) {
            lost.add(p);
          }
        } else {
          collectLoss(e.getValue(), b.get(e.getKey()), p, lost);
        }
      }
    } else if (a.isArray() && b != null && b.isArray()) {
      for (int i = 0; i < a.size() && i < b.size(); i++) {
        collectLoss(a.get(i), b.get(i), path + "[" + i + "]", lost);
      }
    }
  }
}
