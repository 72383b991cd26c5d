package dev.geminilive.mock.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.profile.ModelName;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.record.SessionTape.Ended;
import dev.geminilive.mock.record.SessionTape.Event;
import dev.geminilive.mock.record.SessionTape.FromClient;
import dev.geminilive.mock.record.SessionTape.FromServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Writes one recorded session as a scenario file ({@code DIR/<id>.yaml}) with its audio as WAV
 * clips in {@code DIR/<id>/}. The file uses the plain part of the scenario format only, so that
 * {@code validate} accepts it and {@code serve} replays it:
 *
 * <ul>
 *   <li>each client message is an {@code expect} (the setup first); microphone audio is not
 *       matched chunk by chunk but gates each reply: {@code expect: {type: audio, audio: {minMs}}}
 *       with the amount of audio the client had sent when the reply began;
 *   <li>the upstream's messages are steps (see {@link ReplySteps}), with a {@code wait} wherever
 *       the upstream took time, so replay keeps the recorded timing (scaled by {@code --time-scale});
 *   <li>the end: the upstream's close as {@code close}, a lost connection as {@code drop}.
 * </ul>
 */
final class ScenarioWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ProfileCatalog PROFILES = ProfileCatalog.bundled();
  /** Gaps shorter than this are scheduling noise, not the upstream's timing. */
  private static final long MIN_WAIT_MS = 20;

  private record Entry(ObjectNode step, String comment) {}

  private final Path dir;
  private final RecordingInfo info;
  private final SessionTape tape;
  private final GeneratedIds ids = new GeneratedIds();
  private final List<Entry> steps = new ArrayList<>();
  private final Set<String> ignore = new LinkedHashSet<>();
  private final List<String> lost = new ArrayList<>();
  private final List<ReplySteps.Message> pending = new ArrayList<>();
  private final ReplySteps replies;
  private int clips;
  private long lastNanos;
  private long lastExpectNanos;
  private long longestClientGap;
  private double audioMillis;
  private long lastAudioNanos;
  private int clientMessages;
  private int serverMessages;
  private String model;
  private boolean inputTranscription;
  private boolean outputTranscription;
  private boolean multiPart;

  private ScenarioWriter(Path dir, RecordingInfo info, SessionTape tape) {
    this.dir = dir;
    this.info = info;
    this.tape = tape;
    this.replies = new ReplySteps(info.flavour(), ids, this::clip);
  }

  /** Writes the recording and returns the scenario file. */
  static Path write(Path dir, RecordingInfo info, SessionTape tape) throws IOException {
    try {
      return new ScenarioWriter(dir, info, tape).write();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Path write() throws IOException {
    Files.createDirectories(dir);
    List<String> notes = new ArrayList<>();
    boolean ended = false;
    for (Event e : tape.events()) {
      if (e instanceof FromClient c) {
        client(c, notes);
      } else if (e instanceof FromServer s) {
        server(s, notes);
      } else if (e instanceof Ended end) {
        flush();
        end(end, notes);
        ended = true;
      }
    }
    flush();
    boolean incomplete = tape.incomplete();
    if (!ended && !incomplete) {
      incomplete = true;
      notes.add("INCOMPLETE: the recorder stopped while the session was still open.");
    }
    if (steps.isEmpty()) {
      steps.add(new Entry(step("wait", NODES.objectNode().put("ms", 1)), "nothing was exchanged"));
    }
    if (!lost.isEmpty()) {
      notes.add("Fields the mock cannot send were left out: " + String.join(", ", new LinkedHashSet<>(lost)) + ".");
    }
    notes.addAll(0, tape.notes());
    Path file = dir.resolve(info.id() + ".yaml");
    Path tmp = dir.resolve("." + info.id() + ".yaml.tmp");
    Files.writeString(tmp, yaml(notes, incomplete), StandardCharsets.UTF_8);
    // Moved into place whole: a server watching DIR never reads half a file.
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  // ---- events ----

  private void client(FromClient c, List<String> notes) {
    clientMessages++;
    switch (c.kind()) {
      case "realtimeInput.audio" -> {
        audioMillis += c.audioMillis();
        lastAudioNanos = c.nanos();
        ignore.add("realtimeInput.audio");
        return;
      }
      case "realtimeInput.video" -> {
        ignore.add("realtimeInput.video");
        return;
      }
      case "invalid" -> {
        notes.add("The client sent a frame that is not a Live message (not replayed as an expectation).");
        return;
      }
      default -> { }
    }
    flush();
    if (c.kind().equals("setup")) {
      JsonNode setup = c.tree().path("setup");
      model = setup.path("model").asText(null);
      inputTranscription = setup.has("inputAudioTranscription");
      outputTranscription = setup.has("outputAudioTranscription");
      // The replaying engine shapes a say by the model's profile: check folds against the same.
      Optional<ModelProfile> profile = model == null ? Optional.empty()
          : PROFILES.resolve(ModelName.parse(model, info.flavour()).id(), info.flavour());
      multiPart = profile.map(ModelProfile::multiPartMessages).orElse(false);
      outputTranscription |= profile.map(p -> p.output().outputTranscriptionAlways()).orElse(false);
    }
    expect(ClientExpectations.expect(c.kind(), c.tree(), ids), c.nanos(), null);
    audioMillis = 0;
  }

  private void server(FromServer s, List<String> notes) {
    if (s.tree() == null) {
      notes.add("The upstream sent a frame that is not JSON; a scenario cannot send it: "
          + abbreviate(s.text()));
      return;
    }
    serverMessages++;
    if (s.tree().size() == 1 && s.tree().has("setupComplete")) {
      // The mock answers the setup itself (after the profile's checks), so no step is written.
      flush();
      lastNanos = s.nanos();
      return;
    }
    if (pending.isEmpty() && Math.floor(audioMillis) >= 1) {
      ObjectNode gate = NODES.objectNode();
      gate.put("type", "audio");
      gate.set("audio", NODES.objectNode().put("minMs", (long) Math.floor(audioMillis + 1e-6)));
      expect(gate, lastAudioNanos, "the reply began after this much microphone audio");
      audioMillis = 0;
    }
    ReplySteps.Message m = ReplySteps.typed(s.nanos(), s.tree(), lost);
    if (m != null) {
      pending.add(m);
    }
  }

  private void expect(ObjectNode expect, long nanos, String comment) {
    longestClientGap = Math.max(longestClientGap, nanos - lastExpectNanos);
    lastExpectNanos = nanos;
    lastNanos = nanos;
    steps.add(new Entry(step("expect", expect), comment));
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    for (ReplySteps.Written w : replies.fold(pending, inputTranscription, outputTranscription, multiPart)) {
      waitUntil(w.firstNanos());
      steps.add(new Entry(w.step(), w.comment()));
      lastNanos = Math.max(lastNanos, w.lastNanos());
    }
    pending.clear();
  }

  private void waitUntil(long nanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(nanos - lastNanos);
    if (ms >= MIN_WAIT_MS) {
      steps.add(new Entry(step("wait", NODES.objectNode().put("ms", ms)), null));
    }
    lastNanos = Math.max(lastNanos, nanos);
  }

  private void end(Ended end, List<String> notes) {
    switch (end.how()) {
      case UPSTREAM_CLOSED, PROXY_CLOSED -> {
        waitUntil(end.nanos());
        int code = end.code() >= 1000 && end.code() <= 4999 && end.code() != 1005 && end.code() != 1006
            ? end.code() : 1000;
        ObjectNode close = NODES.objectNode().put("code", code);
        if (end.reason() != null && !end.reason().isEmpty()) {
          close.put("reason", end.reason());
        }
        steps.add(new Entry(step("close", close), end.how() == SessionTape.Ending.PROXY_CLOSED
            ? "the recorder's close: the upstream failed (see the description)" : "the upstream's close"));
      }
      case UPSTREAM_DROPPED -> {
        waitUntil(end.nanos());
        steps.add(new Entry(step("drop", NODES.objectNode()), "the upstream's connection ended without a close frame"));
      }
      case CLIENT_CLOSED -> notes.add("The client ended the session (close code " + end.code()
          + (end.reason() == null || end.reason().isEmpty() ? "" : ", \"" + end.reason() + "\"") + ").");
    }
  }

  // ---- output ----

  private String clip(byte[] pcm, int rate) {
    String name = info.id() + "/say-" + (++clips) + ".wav";
    try {
      Files.createDirectories(dir.resolve(info.id()));
      WavFile.write(dir.resolve(name), pcm, rate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return name;
  }

  private String yaml(List<String> notes, boolean incomplete) {
    YamlText y = new YamlText();
    y.comment("Recorded by gemini-live-mock from " + info.upstream() + " on " + info.started() + ".", 0);
    y.comment("Replay: gemini-live-mock serve --scenarios <this folder>, base URL <mock>/" + info.id(), 0);
    y.field("id", NODES.textNode(info.id()), 0);
    y.field("title", NODES.textNode((incomplete ? "INCOMPLETE recording: " : "Recorded session: ")
        + (model == null ? "no setup" : model.substring(model.lastIndexOf('/') + 1)) + " over the " + flavourName() + " API"), 0);
    StringBuilder description = new StringBuilder();
    description.append("Recorded ").append(info.started()).append(" from ").append(info.upstream())
        .append(info.method()).append(" (credential: ").append(info.credential()).append(", not stored). ")
        .append(clientMessages).append(" client and ").append(serverMessages).append(" server messages.");
    for (String n : notes) {
      description.append(' ').append(n);
    }
    y.field("description", NODES.textNode(description.toString()), 0);
    ArrayNode tags = NODES.arrayNode().add("recorded");
    if (incomplete) {
      tags.add("incomplete");
    }
    y.field("tags", tags, 0);
    y.field("api", NODES.textNode(info.flavour() == ApiFlavour.VERTEX ? "vertex" : "developer"), 0);
    // A client that took long to think when recorded may take as long on replay.
    long timeout = Math.max(10_000, (TimeUnit.NANOSECONDS.toMillis(longestClientGap) * 2 + 5_000) / 1000 * 1000);
    y.field("defaults", NODES.objectNode().put("timeoutMs", timeout), 0);
    if (!ignore.isEmpty()) {
      ArrayNode list = NODES.arrayNode();
      ignore.forEach(list::add);
      y.comment("Streamed media is not matched message by message; audio gates the replies below.", 0);
      y.field("ignore", list, 0);
    }
    y.field("steps", NODES.arrayNode(), 0);
    // The steps are written one by one so that each can carry its comment.
    String head = y.toString().replaceAll("steps: \\[]\n$", "steps:\n");
    StringBuilder out = new StringBuilder(head);
    for (Entry e : steps) {
      YamlText s = new YamlText();
      if (e.comment() != null) {
        s.comment(e.comment(), 2);
      }
      s.item(e.step(), 2);
      out.append(s);
    }
    return out.toString();
  }

  private String flavourName() {
    return info.flavour() == ApiFlavour.VERTEX ? "Vertex AI" : "Developer";
  }

  private static ObjectNode step(String name, JsonNode body) {
    ObjectNode step = NODES.objectNode();
    step.set(name, body);
    return step;
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "(empty)";
    }
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
