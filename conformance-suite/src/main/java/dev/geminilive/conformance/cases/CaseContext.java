package dev.geminilive.conformance.cases;

import dev.geminilive.conformance.driver.Capability;
import dev.geminilive.conformance.driver.ConnectRequest;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.conformance.driver.LiveDriver;
import dev.geminilive.conformance.recording.CaseStep;
import dev.geminilive.mock.protocol.ClientMessage;
import java.util.function.Predicate;

/**
 * The shared machinery a case's script plays on (the runner implements it): the driver and its
 * declared capabilities, the scripted server, bounded waits, and what goes into the recording.
 * "Must happen" waits are generous; "must not happen" windows are short and only ever cost time,
 * never a verdict.
 */
public interface CaseContext {
  /** Generous: an event that must arrive over loopback. */
  long MUST_HAPPEN_MS = 5_000;
  /** Short: a window in which nothing more is expected. */
  long SETTLE_MS = 250;
  long CONNECT_MS = 10_000;

  /** How a driver call went. */
  enum Call { DONE, UNSUPPORTED, FAILED }

  /** A driver command. */
  interface DriverCall {
    void run() throws Exception;
  }

  String model();

  LiveDriver driver();

  /** The basic connect request, tagged so the case's own sessions are known. */
  ConnectRequest basicRequest();

  /** Declared by the driver. */
  boolean declares(Capability c);

  /** Declared and not answered "unsupported" so far. */
  boolean has(Capability c);

  double now();

  void reach(CaseStep step);

  /** Records {@code step} as reached at {@code millis} (when it began rather than now). */
  void reachAt(CaseStep step, double millis);

  /** The script cannot go on: records the step and why (with how the session ended); false. */
  boolean block(CaseStep step, String why);

  String lastError();

  /**
   * Runs a driver call; "unsupported" removes {@code capability} for this case's rules (null: the
   * command is optional within its capability, and only the rules that need it are UNSUPPORTED).
   */
  Call call(String name, Capability capability, DriverCall call);

  /** Connects within {@code deadlineMs}; false (after recording why) if it did not. */
  boolean connect(ConnectRequest request, long deadlineMs) throws InterruptedException;

  /** The case's session on the server after connect, or null (blocked at CONNECTED). */
  CaseSession session() throws InterruptedException;

  /** A further session of this case within {@code millis} (e.g. a resumption), or null. */
  CaseSession nextSession(long millis) throws InterruptedException;

  /** Before the server acts on a session: a moment for a close already under way to land. */
  boolean stillOpen(CaseSession s, CaseStep step) throws InterruptedException;

  /** A user text turn; {@code step} (if any) is reached once the text arrived at the server. */
  boolean userText(CaseSession s, CaseStep step, String text) throws InterruptedException;

  /** A short model reply ending the turn; the client's turnComplete only paces the script. */
  boolean reply(CaseSession s) throws InterruptedException;

  /** A model reply: {@code pcm} in chunks of {@code sizes}, optionally with transcriptions, then the turn's end. */
  void playReply(CaseSession s, byte[] pcm, int[] sizes, boolean transcripts);

  /** The microphone: {@code pcm} handed over in application-sized buffers, as a capture callback does. */
  boolean feed(byte[] pcm, int rate);

  /** Until an event matching {@code which} arrived, bounded. */
  void awaitEvent(Predicate<DriverEvent> which, long millis) throws InterruptedException;

  /** Until the server received a matching message (counting from the {@code from}-th), bounded; false if not. */
  boolean awaitServer(CaseSession s, int from, Predicate<ClientMessage> which, long millis)
      throws InterruptedException;

  /** Until the client has sent nothing new for a settle window (bounded). */
  void awaitQuiet(CaseSession s) throws InterruptedException;

  /** The microphone signal the script hands to the client, for the recording. */
  void recordFed(byte[] pcm, int rate);

  /** How long handing the microphone signal over took. */
  void recordSendAudioMillis(double millis);

  /** The model audio the server played, for the recording. */
  void recordPlayed(byte[] pcm);

  /** The close the server is scripted to make, so it is not taken for an unexpected end. */
  void expectClose(String codeAndReason);
}
