package dev.geminilive.conformance.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.conformance.driver.DriverEvent;
import dev.geminilive.mock.journal.SessionJournal;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What every case gathers, whatever it plays: the model, the steps its script reached, the
 * frames of its sessions (the mock's journal), the events the client surfaced, how connect went,
 * the driver calls that failed and how a session ended. A case's own recording (one subclass per
 * case or family of cases) adds only the evidence that case gathers, so a rule, which declares the
 * recording type it judges, cannot read evidence its case never produces (e.g. the fed
 * microphone signal outside the microphone cases).
 */
public abstract class CaseRecording {
  private final RawRecording raw;

  protected CaseRecording(RawRecording raw) {
    this.raw = raw;
  }

  /** For the subclasses in this package: the untyped record they read their own evidence from. */
  final RawRecording raw() {
    return raw;
  }

  public final String model() {
    return raw.model();
  }

  /** True once the script reached {@code step}. */
  public final boolean did(CaseStep step) {
    return raw.did(step);
  }

  /** When {@code step} was reached (ms since the case started), or NaN. */
  public final double at(CaseStep step) {
    return raw.at(step);
  }

  /** Why {@code step} was not reached: the step that failed, the driver's error, how the session ended. */
  public final String whyNotReached(CaseStep step) {
    return raw.whyNotReached(step);
  }

  /** How the server ended a session when the script did not ask for it, if it did. */
  public final Optional<String> unexpectedEnd() {
    return raw.unexpectedEnd();
  }

  /** The first end of any session, by the server or the client, described; empty if none ended. */
  public final Optional<String> anyEnd() {
    return RawRecording.endOf(raw.frames(), null, true);
  }

  /** Why connect failed (null when it succeeded). */
  public final String connectError() {
    return raw.connectError();
  }

  /** Driver calls that threw, as {@code call: message}. */
  public final List<String> driverErrors() {
    return raw.driverErrors();
  }

  /** The journals of the case's sessions, in the order they opened. */
  public final List<SessionJournal> sessions() {
    return raw.sessions();
  }

  public final List<Frame> frames() {
    return raw.frames();
  }

  public final List<Frame> clientFrames() {
    return raw.clientFrames();
  }

  public final List<Frame> clientFrames(String kindPrefix) {
    return raw.clientFrames(kindPrefix);
  }

  /** The {@code setup} bodies the client sent, in order. */
  public final List<JsonNode> setups() {
    return raw.setups();
  }

  public final List<TimedEvent> events() {
    return raw.events();
  }

  public final <T extends DriverEvent> List<T> events(Class<T> type) {
    return raw.events(type);
  }

  public final List<TimedEvent> timed(Predicate<DriverEvent> which) {
    return raw.timed(which);
  }

  /** The close codes and reasons the client reported (closed and error events). */
  public final List<TimedEvent> closeReports() {
    return raw.timed(e -> e instanceof DriverEvent.Closed || e instanceof DriverEvent.Error);
  }

  /** A readable timeline of frames and events, for a verdict's evidence. */
  public final List<String> timeline() {
    return raw.timeline();
  }
}
