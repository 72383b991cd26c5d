package dev.geminilive.conformance.report;

import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.recording.RawRecording;
import dev.geminilive.conformance.recording.TimedEvent;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.session.AudioInput;
import dev.geminilive.mock.timeline.AudioEnvelope;
import dev.geminilive.mock.timeline.SessionTimeline;
import dev.geminilive.mock.timeline.TimelinePicture;
import dev.geminilive.mock.timeline.TimelineSvg;
import dev.geminilive.mock.timeline.Wave;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case's recording drawn as the mock's dashboard draws a session (same renderer), with the
 * suite's own audio added: the signal the suite fed the client's microphone, what the mock
 * decoded from the client (on the audio's own sample clock, so a dropped or doubled chunk shows
 * as a shorter or longer signal), what the mock sent, what the client handed its application, and
 * how much of that its audio output played (where the driver reports playback). Inline SVG: the report stays one self-contained file.
 */
final class CasePicture {
  static final int WIDTH = 1100;
  /** Fine enough to show one lost 20 ms chunk in a few seconds of tone. */
  private static final double PCM_BUCKET_MS = 10;
  private static final int MAX_BUCKETS = 1000;

  /** Several outcomes share a recording (rules judged on one run): draw it once. */
  private final Map<RawRecording, String> drawn = new IdentityHashMap<>();

  String html(RawRecording r) {
    return drawn.computeIfAbsent(r, CasePicture::draw);
  }

  private static String draw(RawRecording r) {
    List<SessionJournal> sessions = r.sessions();
    if (sessions.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<div class=\"case-picture\">\n");
    for (int i = 0; i < sessions.size(); i++) {
      SessionTimeline timeline = new SessionTimeline(sessions.get(i).sessionId());
      timeline.addAll(sessions.get(i).entries());
      TimelinePicture base = timeline.picture(MAX_BUCKETS);
      TimelinePicture picture = i == 0 ? withSuiteAudio(base, r) : base;
      if (sessions.size() > 1) {
        sb.append("<p>Session ").append(i + 1).append(" of ").append(sessions.size()).append("</p>\n");
      }
      sb.append(TimelineSvg.render(picture, WIDTH));
      for (String note : picture.notes()) {
        sb.append("<p class=\"picture-note\">").append(Html.escape(note)).append("</p>\n");
      }
    }
    return sb.append("</div>\n").toString();
  }

  private static TimelinePicture withSuiteAudio(TimelinePicture base, RawRecording r) {
    Wave journalClient = base.waves().get(0);
    Wave model = base.waves().get(1);
    // The suite's audio has its own clocks; it is drawn from where the journal saw audio start.
    double clientStart = orZero(journalClient.envelope().firstAudioMs());
    double modelStart = orZero(model.envelope().firstAudioMs());
    List<Wave> waves = new ArrayList<>();
    double end = base.toMs();
    if (r.fedPcm() != null) {
      AudioEnvelope fed = AudioEnvelope.fromPcm(r.fedPcm(), r.fedRate(), clientStart, PCM_BUCKET_MS);
      waves.add(new Wave("fed", "fed to the client (the suite's microphone signal)", fed));
      end = Math.max(end, fed.endMs());
    }
    Wave sent = journalClient;
    if (!r.tappedAudio().isEmpty()) {
      ByteArrayOutputStream pcm = new ByteArrayOutputStream();
      int rate = r.tappedAudio().get(0).sampleRate();
      for (AudioInput chunk : r.tappedAudio()) {
        pcm.writeBytes(chunk.pcm());
      }
      AudioEnvelope decoded = AudioEnvelope.fromPcm(pcm.toByteArray(), rate, clientStart, PCM_BUCKET_MS);
      sent = new Wave("client", "sent by the client (decoded by the mock, chunks end to end)", decoded);
      end = Math.max(end, decoded.endMs());
    }
    waves.add(sent);
    if (r.playedPcm() != null && r.playedPcm().length > 0) {
      // What the mock sent, on its own sample clock like the playback below it.
      AudioEnvelope out = AudioEnvelope.fromPcm(r.playedPcm(), 24_000, modelStart, PCM_BUCKET_MS);
      model = new Wave("model", "model audio (sent by the mock, chunks end to end)", out);
      end = Math.max(end, out.endMs());
    }
    waves.add(model);
    byte[] handed = playedPcm(r);
    int playedRate = playedRate(r);
    long playedBytes = playbackReported(r);
    if (handed.length > 0) {
      AudioEnvelope p = AudioEnvelope.fromPcm(handed, playedRate, modelStart, PCM_BUCKET_MS);
      waves.add(new Wave("handed", "handed to the app (what the client surfaced to its application)", p));
      end = Math.max(end, p.endMs());
    }
    if (playedBytes > 0 && handed.length > 0) {
      // The driver reports how much of it its audio output played: an interrupted reply stops here.
      byte[] played = java.util.Arrays.copyOf(handed, (int) Math.min(handed.length, playedBytes & ~1L));
      AudioEnvelope p = AudioEnvelope.fromPcm(played, playedRate, modelStart, PCM_BUCKET_MS);
      waves.add(new Wave("played", "played (as far as the client reported playback)", p));
    }
    double span = end * 1.04 + 1;
    List<Wave> sized = new ArrayList<>();
    for (Wave w : waves) {
      sized.add(new Wave(w.lane(), w.title(), w.envelope().window(0, span, MAX_BUCKETS)));
    }
    return new TimelinePicture(0, span, sized, base.speech(), base.marks(), base.notes());
  }

  private static byte[] playedPcm(RawRecording r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TimedEvent t : r.events()) {
      if (t.event() instanceof DriverEvent.Audio a) {
        out.writeBytes(a.pcm());
      }
    }
    return out.toByteArray();
  }

  /** The most the driver said its audio output played (cumulative bytes), or 0 without reports. */
  private static long playbackReported(RawRecording r) {
    long most = 0;
    for (TimedEvent t : r.events()) {
      if (t.event() instanceof DriverEvent.Played p) {
        most = Math.max(most, p.bytes());
      }
    }
    return most;
  }

  private static int playedRate(RawRecording r) {
    for (TimedEvent t : r.events()) {
      if (t.event() instanceof DriverEvent.Audio a && a.sampleRate() > 0) {
        return a.sampleRate();
      }
    }
    return 24_000;
  }

  private static double orZero(double ms) {
    return Double.isNaN(ms) ? 0 : ms;
  }
}
