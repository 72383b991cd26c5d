package dev.geminilive.mock.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A running summary of one session's journal for pictures: both audio streams as envelopes, the
 * speech the VAD found, and a mark per message or event that matters to a reader.
 *
 * <p>Read side only: {@link #update} copies the entries recorded since the last call
 * ({@link SessionJournal#entriesAfter}) and folds them in, so polling a long session costs what is
 * new, and the summary outlives entries the bounded journal later drops. Thread-safe.
 */
public final class SessionTimeline {
  /** Most marks kept; past it the oldest go (a live reader cares about the latest). */
  static final int MAX_MARKS = 20_000;
  /** Transcript fragments closer than this are drawn as one mark. */
  private static final double MERGE_GAP_MS = 1_500;

  private final String sessionId;
  private final AudioEnvelope client = new AudioEnvelope(AudioEnvelope.BASE_BUCKET_MS);
  private final AudioEnvelope model = new AudioEnvelope(AudioEnvelope.BASE_BUCKET_MS);
  private final List<Segment> speech = new ArrayList<>();
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private long lastSeq;
  private long unseen;
  private long marksDropped;
  private int turns;
  private int alarms;
  private double lastMs;
  private double modelAudioEndMs;
  private boolean closed;

  public SessionTimeline(String sessionId) {
    this.sessionId = sessionId;
  }

  public String sessionId() {
    return sessionId;
  }

  /** Folds in what the journal recorded since the last call; true if anything was new. */
  public boolean update(SessionJournal journal) {
    List<JournalEntry> fresh;
    synchronized (this) {
      if (journal.recordedEntries() == lastSeq) {
        return false;
      }
      fresh = journal.entriesAfter(lastSeq);
      for (JournalEntry e : fresh) {
        if (e.seq() > lastSeq + 1) {
          unseen += e.seq() - lastSeq - 1; // dropped by the journal before we looked
        }
        lastSeq = e.seq();
        fold(e);
      }
      closed = journal.isClosed();
    }
    return !fresh.isEmpty();
  }

  /** Folds in entries of a journal that is no longer live (reports). */
  public synchronized void addAll(List<JournalEntry> entries) {
    for (JournalEntry e : entries) {
      if (e.seq() > lastSeq) {
        lastSeq = e.seq();
        fold(e);
      }
    }
  }

  public synchronized int turns() {
    return turns;
  }

  /** Findings, mismatches and errors seen so far. */
  public synchronized int alarms() {
    return alarms;
  }

  /** Time of the latest entry, in ms from the session's start. */
  public synchronized double lastMs() {
    return lastMs;
  }

  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** The whole session in at most {@code maxBuckets} waveform buckets. */
  public TimelinePicture picture(int maxBuckets) {
    return picture(0, Double.NaN, maxBuckets);
  }

  /** The window {@code [fromMs, toMs)} (NaN: up to the latest entry or audio). */
  public synchronized TimelinePicture picture(double fromMs, double toMs, int maxBuckets) {
    // Open-ended: a little room after the last thing, so a close at the very end stays readable.
    double end = Double.isNaN(toMs)
        ? Math.max(lastMs, Math.max(client.endMs(), model.endMs())) * 1.04 + 1 : toMs;
    List<Wave> waves = List.of(
        new Wave("client", "client audio (sent)", client.window(fromMs, end, maxBuckets)),
        new Wave("model", "model audio (sent by the mock)", model.window(fromMs, end, maxBuckets)));
    List<Segment> inWindow = new ArrayList<>();
    for (Segment s : speech) {
      double sEnd = s.open() ? end : s.endMs();
      if (sEnd >= fromMs && s.startMs() <= end) {
        inWindow.add(s);
      }
    }
    List<Mark> shown = new ArrayList<>();
    for (Mark m : marks) {
      if (m.endMs() >= fromMs && m.atMs() <= end) {
        shown.add(m);
      }
    }
    List<String> notes = new ArrayList<>();
    if (unseen > 0) {
      notes.add(unseen + " journal entries were dropped for capacity before they were summarised;"
          + " the picture misses them");
    }
    if (marksDropped > 0) {
      notes.add(marksDropped + " older marks left out (more than " + MAX_MARKS + ")");
    }
    return new TimelinePicture(fromMs, end, waves, inWindow, shown, notes);
  }

  // ---- folding one entry ----

  private void fold(JournalEntry e) {
    double at = e.nanos() / 1e6;
    lastMs = Math.max(lastMs, at);
    switch (e.direction()) {
      case CLIENT_TO_SERVER -> fromClient(e, at);
      case SERVER_TO_CLIENT -> fromServer(e, at);
      case EVENT -> event(e, at);
    }
  }

  private void fromClient(JournalEntry e, double at) {
    String kind = e.kind();
    if (kind.equals("invalid")) {
      mark(e, at, "client", Mark.ERROR, "invalid frame: " + nonNull(e.note()), null);
      return;
    }
    JsonNode json = e.json();
    if (kind.startsWith("realtimeInput.")) {
      String what = kind.substring("realtimeInput.".length());
      switch (what) {
        case "audio", "mediaChunks" -> audio(json, at, client);
        case "video" -> { } // frames are not drawn; they stay in the journal
        case "text" -> mark(e, at, "client", Mark.TEXT, "text: " + text(Json.at(json, "realtimeInput", "text")), null);
        case "activityStart" -> {
          mark(e, at, "client", Mark.ACTIVITY, "activityStart", null);
          speech.add(new Segment(at, Double.NaN, "activity"));
        }
        case "activityEnd" -> {
          mark(e, at, "client", Mark.ACTIVITY, "activityEnd", null);
          closeSpeech(at);
        }
        default -> mark(e, at, "client", Mark.INFO, what, null);
      }
      return;
    }
    switch (kind) {
      case "setup" -> mark(e, at, "client", Mark.SETUP,
          "setup " + text(Json.at(json, "setup", "model")), null);
      case "clientContent" -> {
        StringBuilder sb = new StringBuilder();
        for (JsonNode turn : Json.each(Json.at(json, "clientContent", "turns"))) {
          for (JsonNode part : Json.each(Json.at(turn, "parts"))) {
            JsonNode t = Json.at(part, "text");
            if (t != null) {
              sb.append(sb.length() == 0 ? "" : " / ").append(t.asText());
            }
          }
        }
        mark(e, at, "client", Mark.TEXT, "content: " + sb, null);
      }
      case "toolResponse" -> {
        boolean any = false;
        for (JsonNode r : Json.each(Json.at(json, "toolResponse", "functionResponses"))) {
          String id = text(Json.at(r, "id"));
          mark(e, at, "client", Mark.TOOL_RESPONSE, "response " + text(Json.at(r, "name")), id.isEmpty() ? null : id);
          any = true;
        }
        if (!any) {
          mark(e, at, "client", Mark.TOOL_RESPONSE, "toolResponse", null);
        }
      }
      default -> mark(e, at, "client", Mark.INFO, kind, null);
    }
  }

  private void fromServer(JournalEntry e, double at) {
    JsonNode json = e.json();
    if (json == null) {
      return;
    }
    if (json.has("setupComplete")) {
      mark(e, at, "server", Mark.SETUP, "setupComplete", null);
    }
    JsonNode content = json.get("serverContent");
    if (content != null) {
      for (JsonNode part : Json.each(Json.at(content, "modelTurn", "parts"))) {
        if (part.has("inlineData")) {
          double played = audio(part.get("inlineData"), Math.max(at, modelAudioEndMs), model);
          modelAudioEndMs = Math.max(at, modelAudioEndMs) + played;
        } else if (part.has("text")) {
          boolean thought = part.path("thought").asBoolean(false);
          transcript(e, at, "model", Mark.TEXT, (thought ? "thought: " : "text: "), part.get("text").asText());
        } else if (part.has("executableCode") || part.has("codeExecutionResult")) {
          mark(e, at, "model", Mark.INFO, "code", null);
        }
      }
      JsonNode in = content.get("inputTranscription");
      if (in != null && in.has("text")) {
        transcript(e, at, "client", Mark.TRANSCRIPT, "heard: ", in.get("text").asText());
      }
      JsonNode out = content.get("outputTranscription");
      if (out != null && out.has("text")) {
        transcript(e, at, "model", Mark.TRANSCRIPT, "said: ", out.get("text").asText());
      }
      if (content.path("interrupted").asBoolean(false)) {
        modelAudioEndMs = at; // the client drops queued audio here
        mark(e, at, "model", Mark.INTERRUPTED, "interrupted", null);
      }
      if (content.path("turnComplete").asBoolean(false)) {
        turns++;
        mark(e, at, "model", Mark.TURN, "turnComplete #" + turns, null);
      }
    }
    for (JsonNode call : Json.each(Json.at(json, "toolCall", "functionCalls"))) {
      String id = text(call.get("id"));
      String args = call.has("args") ? call.get("args").toString() : "";
      mark(e, at, "model", Mark.TOOL_CALL, text(call.get("name")) + "(" + shorten(args, 60) + ")",
          id.isEmpty() ? null : id);
    }
    for (JsonNode id : Json.each(Json.at(json, "toolCallCancellation", "ids"))) {
      mark(e, at, "model", Mark.TOOL_CANCEL, "cancel " + id.asText(), id.asText());
    }
    if (json.has("goAway")) {
      mark(e, at, "server", Mark.GO_AWAY, "goAway " + text(Json.at(json, "goAway", "timeLeft")), null);
    }
    JsonNode update = json.get("sessionResumptionUpdate");
    if (update != null) {
      boolean resumable = update.path("resumable").asBoolean(false);
      mark(e, at, "server", Mark.RESUMPTION, resumable ? "resumption handle" : "not resumable now", null);
    }
  }

  private void event(JournalEntry e, double at) {
    String note = nonNull(e.note());
    switch (e.kind()) {
      case "server-close", "client-close", "server-abort" -> {
        closeSpeech(at);
        mark(e, at, "server", Mark.CLOSE, e.kind().replace('-', ' ') + " " + note, null);
      }
      case "finding", "profile-rule" -> mark(e, at, "server", Mark.FINDING, note, null);
      case "scenario-mismatch" -> mark(e, at, "server", Mark.MISMATCH, note, null);
      case "scenario-step", "scenario-end" -> mark(e, at, "server", Mark.STEP, note, null);
      case "limit", "auth", "transport-error", "scenario-error", "scenario-stall" ->
          mark(e, at, "server", Mark.ERROR, e.kind() + ": " + note, null);
      case "vad" -> {
        if (note.startsWith("speech started")) {
          speech.add(new Segment(at, Double.NaN, "speech"));
        } else {
          closeSpeech(at);
        }
      }
      default -> mark(e, at, "server", Mark.INFO, e.kind() + ": " + note, null);
    }
  }

  /** Adds every summarised PCM payload in {@code node} to {@code envelope}; returns its duration. */
  private static double audio(JsonNode node, double at, AudioEnvelope envelope) {
    double[] total = {0};
    Json.visitObjects(node, o -> {
      JsonNode d = o.get("durationMs");
      if (d != null && o.has("rms")) {
        envelope.add(at + total[0], d.asDouble(), o.get("rms").asInt());
        total[0] += d.asDouble();
      }
    });
    return total[0];
  }

  private void closeSpeech(double at) {
    if (!speech.isEmpty() && speech.get(speech.size() - 1).open()) {
      Segment s = speech.remove(speech.size() - 1);
      speech.add(new Segment(s.startMs(), Math.max(at, s.startMs()), s.label()));
    }
  }

  private void transcript(JournalEntry e, double at, String lane, String type, String prefix, String text) {
    Mark last = marks.peekLast();
    if (last != null && last.type().equals(type) && last.lane().equals(lane) && last.label().startsWith(prefix)
        && at - last.endMs() < MERGE_GAP_MS) {
      marks.pollLast();
      marks.addLast(last.extendedTo(at, text));
      return;
    }
    mark(e, at, lane, type, prefix + text, null);
  }

  private void mark(JournalEntry e, double at, String lane, String type, String label, String link) {
    Mark m = new Mark(e.seq(), at, at, lane, type, shorten(label, 200), link);
    if (m.alarming()) {
      alarms++;
    }
    marks.addLast(m);
    while (marks.size() > MAX_MARKS) {
      marks.pollFirst();
      marksDropped++;
    }
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.isTextual() ? n.asText() : n.toString();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** Whether the session had closed when last updated. */
  public synchronized boolean closed() {
    return closed;
  }
}
