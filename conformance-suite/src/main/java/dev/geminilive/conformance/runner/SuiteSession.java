package dev.geminilive.conformance.runner;

import dev.geminilive.conformance.cases.CaseSession;
import dev.geminilive.conformance.recording.VideoFrame;
import dev.geminilive.mock.audio.PcmFormat;
import dev.geminilive.mock.protocol.Blob;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.session.AudioInput;
import dev.geminilive.mock.session.Responder;
import dev.geminilive.mock.session.SessionControl;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The suite's own responder for one mock session: it says nothing by itself, does what the
 * case script asks, and keeps a bounded tap of the input audio the session decoded (the
 * journal keeps only summaries; the audio rules need the samples).
 */
public final class SuiteSession implements Responder, CaseSession {
  /** Upper bound of the PCM tap per session; beyond it audio is counted but not kept. */
  static final long MAX_TAP_BYTES = 8L * 1024 * 1024;

  private final BlockingQueue<SuiteSession> started;
  private final List<AudioInput> tap = new ArrayList<>();
  private final List<VideoFrame> video = new ArrayList<>();
  private final List<ClientMessage> received = new ArrayList<>();
  private long tapBytes;
  private volatile SessionControl control;
  private volatile boolean ended;

  SuiteSession(BlockingQueue<SuiteSession> started) {
    this.started = started;
  }

  @Override
  public void start(SessionControl c) {
    this.control = c;
    started.offer(this);
  }

  @Override
  public void onMessage(ClientMessage message, AudioInput audio, SessionControl c) {
    synchronized (this) {
      received.add(message);
      if (message instanceof RealtimeInput ri && ri.video() != null && video.size() < 1000) {
        byte[] head = new byte[0];
        int size = 0;
        try {
          byte[] all = Base64.getDecoder().decode(ri.video().data());
          head = java.util.Arrays.copyOf(all, Math.min(8, all.length));
          size = all.length;
        } catch (RuntimeException ignored) {
          // Not base64: the head stays empty and the video rule says so.
        }
        video.add(new VideoFrame(ri.video().mimeType(), head, size));
      }
      if (audio != null) {
        keep(audio);
      } else if (message instanceof RealtimeInput ri && ri.mediaChunks() != null) {
        // The deprecated form: decode it too, so content rules judge what was sent either way.
        for (Blob b : ri.mediaChunks()) {
          try {
            byte[] pcm = Base64.getDecoder().decode(b.data());
            PcmFormat f = PcmFormat.parse(b.mimeType());
            if (f.pcm() && pcm.length % 2 == 0) keep(new AudioInput(pcm, f.sampleRate()));
          } catch (RuntimeException ignored) {
            // Undecodable chunks are the envelope rules' business.
          }
        }
      }
    }
  }

  private void keep(AudioInput a) {
    tapBytes += a.pcm().length;
    if (tapBytes <= MAX_TAP_BYTES) tap.add(a);
  }

  @Override
  public void stop() {
    // Nothing scheduled on our own; waits in the script stop early once the session is gone.
    ended = true;
  }

  /** The system instruction of the session's setup ("" when none), which carries the case's tag. */
  public String instruction() {
    try {
      var si = control.setup().systemInstruction();
      return si == null || si.text() == null ? "" : si.text();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** True once the session has ended (either side closed it, or the connection was lost). */
  public boolean ended() {
    return ended;
  }

  /** Runs {@code action} on the session's event loop. */
  public void run(Consumer<SessionControl> action) {
    control.schedule(() -> action.accept(control), 0);
  }

  public synchronized List<AudioInput> tappedAudio() {
    return List.copyOf(tap);
  }

  public synchronized List<VideoFrame> tappedVideo() {
    return List.copyOf(video);
  }

  public synchronized int receivedCount() {
    return received.size();
  }

  public synchronized boolean received(Predicate<ClientMessage> which) {
    return received.stream().anyMatch(which);
  }

  /** How many received messages, from the {@code from}-th on, match. */
  public synchronized long receivedSince(int from, Predicate<ClientMessage> which) {
    return received.subList(Math.min(from, received.size()), received.size()).stream().filter(which).count();
  }
}
