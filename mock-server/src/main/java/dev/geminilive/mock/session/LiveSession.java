package dev.geminilive.mock.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.journal.BlobSummarizer;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.profile.Finding;
import dev.geminilive.mock.profile.InputFraming;
import dev.geminilive.mock.profile.MessageGate;
import dev.geminilive.mock.profile.ModelName;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.Reaction;
import dev.geminilive.mock.profile.ResumptionRules;
import dev.geminilive.mock.profile.RuleBreak;
import dev.geminilive.mock.profile.SetupValidator;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.ClientMessageDecoder.Decoded;
import dev.geminilive.mock.protocol.CloseReasons;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * One Live session: the per-connection state machine. {@code setup} first and once, checked
 * against the model family's profile, then {@code setupComplete}, then every message passes the
 * profile's {@link MessageGate} and {@link InputFraming} checks before it reaches the
 * {@link Responder}. All calls arrive on the connection's event loop; nothing here blocks, and the
 * only state shared with other connections is a resumed session's {@link ConversationState}.
 */
public final class LiveSession implements SessionControl {
  /** Where the session is in its life. */
  public enum State {
    AWAITING_SETUP,
    ACTIVE,
    /** Setup was taken but, as the real service does for some requests, never answered. */
    HELD,
    /** Ended, however it ended: read from the session's {@link CloseState}, never stored here. */
    CLOSED
  }

  private static final ObjectMapper JSON = LiveJson.mapper();

  private final ConnectionInfo connection;
  private final SessionTransport transport;
  private final SessionJournal journal;
  private final ProfileCatalog profiles;
  private final SessionSettings settings;
  private final ResponderFactory responders;
  private final ResumptionStore resumptions;
  private final long openedNanos = System.nanoTime();
  /** Where the open session is; {@link #closing} says whether it is still open. */
  private State state = State.AWAITING_SETUP;
  private final CloseState closing = new CloseState();
  private Setup setup;
  private ModelProfile profile;
  private Responder responder;
  private MessageGate gate;
  private InputFraming framing;
  private ConversationState conversation;
  private SessionLifetime lifetime;
  private int findings;
  /** Client messages taken on this connection, setup included (transparent resumption counts them). */
  private long clientMessages;
  /** The message being encoded, for {@link #wireTap}. */
  private ServerMessage sending;
  private final WireTap wireTap = this::journalWire;

  public LiveSession(
      ConnectionInfo connection,
      SessionTransport transport,
      SessionJournal journal,
      ProfileCatalog profiles,
      SessionSettings settings,
      ResponderFactory responders) {
    this(connection, transport, journal, profiles, settings, responders, new ResumptionStore());
  }

  /** @param resumptions the server-wide handle store, so a new connection can resume a session */
  public LiveSession(
      ConnectionInfo connection,
      SessionTransport transport,
      SessionJournal journal,
      ProfileCatalog profiles,
      SessionSettings settings,
      ResponderFactory responders,
      ResumptionStore resumptions) {
    this.connection = connection;
    this.transport = transport;
    this.journal = journal;
    this.profiles = profiles;
    this.settings = settings;
    this.responders = responders;
    this.resumptions = resumptions;
  }

  public State state() {
    return closing.isOpen() ? state : State.CLOSED;
  }

  /** How this session's connection ends; the transport reads it, only the session moves it. */
  public CloseState closeState() {
    return closing;
  }

  /** A decoded client frame. */
  public void onMessage(Decoded frame) {
    ClientMessage message = frame.message();
    clientMessages++;
    DecodedPayload decoded = new DecodedPayload();
    if (frame.audioBytes() != null) {
      // The common audio frame: journalled from its decoded bytes, no tree (same JSON as the tree's).
      RealtimeInput input = (RealtimeInput) message;
      decoded.accept(input.audio().data(), frame.audioBytes());
      journal.recordJson(Direction.CLIENT_TO_SERVER, message.kind(),
          frame.withAudioData(BlobSummarizer.summaryJson(frame.audioBytes(), input.audio().mimeType())), null);
    } else if (frame.json() != null) {
      // A plain text turn: its frame is already the journal's JSON (no payload, nothing escaped).
      journal.recordJson(Direction.CLIENT_TO_SERVER, message.kind(), frame.json(), null);
    } else {
      journal.record(Direction.CLIENT_TO_SERVER, message.kind(),
          BlobSummarizer.summarize(frame.tree(), decoded), null);
    }
    switch (state()) {
      case AWAITING_SETUP -> {
        if (message instanceof Setup s) {
          onSetup(s);
        } else {
          close(
              ProtocolViolation.INVALID_PAYLOAD,
              "Invalid request: the first message must be setup, got " + message.wireKey() + ".");
        }
      }
      case ACTIVE -> {
        if (message instanceof Setup) {
          close(
              ProtocolViolation.INVALID_PAYLOAD,
              "Invalid request: setup may be sent only once per session.");
        } else {
          dispatch(message, decoded);
        }
      }
      case HELD -> journal.event("ignored", "setup is held unanswered; message not processed");
      case CLOSED -> journal.event("ignored", "message after close");
    }
  }

  /** A frame that could not be decoded: the real service answers with a close. */
  public void onViolation(ProtocolViolation violation, String rawPreview) {
    journal.record(Direction.CLIENT_TO_SERVER, "invalid", null, rawPreview);
    if (closing.isOpen()) {
      close(violation.closeCode(), violation.reason());
    }
  }

  /** The client sent a close frame or the connection went away. */
  public void onClientClosed(int code, String reason) {
    if (closing.end(CloseState.Phase.CLIENT_CLOSED)) {
      journal.ended(code, reason);
      journal.event("client-close", code + (reason == null || reason.isEmpty() ? "" : " " + reason));
      ended();
    }
  }

  private void onSetup(Setup s) {
    this.setup = s;
    ModelName name = ModelName.parse(s.model(), connection.flavour());
    journal.attribute("model", s.model());
    profile =
        name.wellFormed() ? profiles.resolve(name.id(), connection.flavour()).orElse(null) : null;
    if (profile == null) {
      close(1008, notFoundReason(s.model()));
      return;
    }
    profile = responders.profileFor(connection, s, profile);
    journal.attribute("family", profile.family());
    // Chosen before the profile's checks, so a session refused by them still names its scenario.
    responder = responders.responderFor(this);
    List<Finding> found = new ArrayList<>();
    Optional<RuleBreak> broken = new SetupValidator(profile).check(s, connection.apiVersion(), found);
    if (broken.isEmpty() && connection.flavour() == ApiFlavour.DEVELOPER && s.sessionResumption() != null
        && s.sessionResumption().transparent() != null) {
      // The Developer API's setup has no such field: its proto-JSON parser refuses the name.
      broken = Optional.of(new RuleBreak("resumption.transparent", Reaction.close(1007,
          "Invalid JSON payload received. Unknown name \"transparent\" at 'setup.session_resumption':"
              + " Cannot find field.",
          "googleapis/python-genai _live_converters (Vertex only); google/adk-python#5771", "inferred"),
          "sessionResumption.transparent is Vertex-only."));
    }
    record(found);
    if (broken.isPresent() && !apply(broken.get())) {
      return;
    }
    gate = new MessageGate(profile, s, connection.flavour());
    framing = new InputFraming(profile);
    if (!resumeOrStart(s)) {
      return;
    }
    state = State.ACTIVE;
    if (!responder.admitSetup(this)) {
      if (state() == State.ACTIVE) {
        state = State.HELD; // the responder holds the setup unanswered
      }
      return;
    }
    String sessionId = connection.flavour() == ApiFlavour.VERTEX ? connection.sessionId() : null;
    send(ServerMessage.setupComplete(sessionId));
    if (s.sessionResumption() != null && !responder.ownsResumptionUpdates()) {
      issueHandle();
    }
    lifetime = new SessionLifetime(this, profile, s, conversation);
    lifetime.start(openedNanos);
    responder.start(this);
  }

  /** Picks up the resumed session's state, or starts a new one; false when the setup was refused. */
  private boolean resumeOrStart(Setup s) {
    ResumptionRules rules = profile.resumption();
    JsonNode handle = s.sessionResumption() == null ? null : s.sessionResumption().handle();
    if (handle != null && handle.isNull()) {
      if (!apply(new RuleBreak("resumption.nullHandle", rules.nullHandle(),
          "sessionResumption.handle is null."))) {
        return false;
      }
    } else if (handle != null && !handle.isMissingNode()) {
      String text = handle.asText();
      long now = System.nanoTime();
      Optional<ConversationState> found =
          resumptions.find(text, now, rules.handleValidityDuration().toNanos());
      if (found.isEmpty()) {
        return apply(new RuleBreak("resumption.unknownHandle", rules.unknownHandle(),
            "sessionResumption.handle is unknown or expired."));
      }
      ConversationState previous = found.get();
      if (!previous.attach(connection.sessionId())) {
        return apply(new RuleBreak("resumption.resumeWhileOpen", rules.resumeWhileOpen(),
            "the session is still open on another connection."));
      }
      conversation = previous;
      if (previous.historyClosed()) {
        gate.closeHistory();
      }
      journal.attribute("resumedFrom", previous.firstSessionId());
      journal.attribute("resumedTurns", Integer.toString(previous.completedTurns()));
      journal.attribute("resumed", "true");
      journal.event("resumed", "session " + previous.firstSessionId() + " after "
          + previous.completedTurns() + " completed turns");
      return true;
    }
    conversation = new ConversationState(connection.sessionId(), openedNanos);
    return true;
  }

  private void issueHandle() {
    if (gate.historyClosed()) {
      conversation.closeHistory();
    }
    if (!gate.outstandingCallIds().isEmpty()) {
      // Not resumable while function calls are executing (sources §3.6).
      send(ServerMessage.resumptionUpdate(null, false));
      return;
    }
    // Transparent resumption (Vertex only) says which client message the state includes, so a
    // client can resend what came after it (python-genai SessionResumptionConfig.transparent).
    boolean transparent = connection.flavour() == ApiFlavour.VERTEX
        && Boolean.TRUE.equals(setup.sessionResumption().transparent());
    send(ServerMessage.resumptionUpdate(resumptions.issue(conversation), true,
        transparent ? clientMessages - 1 : null));
  }

  /** Applies a broken rule's reaction; returns true when the session goes on. */
  private boolean apply(RuleBreak broken) {
    Reaction reaction = broken.reaction();
    if (reaction.accepts()) {
      return true;
    }
    journal.event("profile-rule", broken.rule() + " -> " + reaction.describe() + ": " + broken.detail());
    if (reaction.ignores()) {
      return true;
    }
    if (responder != null) {
      responder.onProfileRule(broken.rule(), reaction.describe() + ": " + broken.detail(), this);
    }
    if (reaction.hangs()) {
      state = State.HELD;
    } else {
      close(reaction.code(), broken.closeReason());
    }
    return false;
  }

  private String notFoundReason(String model) {
    if (connection.flavour() == ApiFlavour.VERTEX) {
      return CloseReasons.truncate(
          "Publisher Model `" + model + "` was not found or your project does not have access to it.");
    }
    return CloseReasons.modelNotFound(model, connection.apiVersion());
  }

  /**
   * The payload the frame's reader or the journal's summary decoded last, handed to the audio
   * checks so that they do not decode it again. Matched by content: the gate may hand on another
   * message than the one journalled.
   */
  private static final class DecodedPayload implements java.util.function.BiConsumer<String, byte[]> {
    private String base64;
    private byte[] bytes;

    @Override
    public void accept(String base64, byte[] bytes) {
      this.base64 = base64;
      this.bytes = bytes;
    }

    /** The decoded bytes of {@code blob}'s data, or null when another payload was decoded. */
    byte[] of(dev.geminilive.mock.protocol.Blob blob) {
      return base64 != null && base64.equals(blob.data()) ? bytes : null;
    }
  }

  private void dispatch(ClientMessage message, DecodedPayload decoded) {
    List<Finding> found = new ArrayList<>();
    MessageGate.Verdict verdict = gate.check(message, found);
    record(found);
    if (verdict.broken() != null) {
      apply(verdict.broken());
      return;
    }
    if (verdict.message() == null) {
      responder.onIgnored(message, this); // the profile says to ignore it
      return;
    }
    message = verdict.message();
    AudioInput audio = null;
    if (message instanceof RealtimeInput input && input.audio() != null) {
      InputFraming.Audio checked =
          framing.audio(input.audio(), "realtime_input.audio", found, decoded.of(input.audio()));
      record(found);
      if (checked.broken() != null) {
        apply(checked.broken());
        return;
      }
      if (checked.pcm() == null) {
        return;
      }
      audio = new AudioInput(checked.pcm(), checked.sampleRate());
    } else if (message instanceof RealtimeInput input && input.video() != null) {
      if (!video(input.video(), "realtime_input.video", found)) {
        return;
      }
    } else if (message instanceof RealtimeInput input && input.mediaChunks() != null) {
      // Deprecated, but where it is accepted the service processes it like audio and video.
      audio = mediaChunks(input.mediaChunks(), found, decoded);
      if (!closing.isOpen()) {
        return;
      }
    }
    responder.onMessage(message, audio, this);
  }

  /** One video frame; false when it broke a rule that ends the session. */
  private boolean video(dev.geminilive.mock.protocol.Blob frame, String field, List<Finding> found) {
    RuleBreak broken = framing.video(frame, field, System.nanoTime(), found);
    record(found);
    if (broken != null) {
      apply(broken);
      return false;
    }
    if (!conversation.videoSeen()) {
      conversation.markVideo();
      journal.attribute("video", "true");
      lifetime.videoStarted();
    }
    return true;
  }

  /** The audio of {@code mediaChunks} (chunks at one rate, joined), after each chunk's checks. */
  private AudioInput mediaChunks(
      List<dev.geminilive.mock.protocol.Blob> chunks, List<Finding> found, DecodedPayload decoded) {
    java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
    int rate = 0;
    for (int i = 0; i < chunks.size(); i++) {
      dev.geminilive.mock.protocol.Blob chunk = chunks.get(i);
      String field = "realtime_input.media_chunks[" + i + "]";
      String mime = chunk.mimeType() == null ? "" : chunk.mimeType().toLowerCase(java.util.Locale.ROOT);
      if (mime.startsWith("image/")) {
        if (!video(chunk, field, found)) {
          return null;
        }
        continue;
      }
      InputFraming.Audio checked = framing.audio(chunk, field, found, decoded.of(chunk));
      record(found);
      if (checked.broken() != null) {
        apply(checked.broken());
        return null;
      }
      if (checked.pcm() != null && (rate == 0 || rate == checked.sampleRate())) {
        rate = checked.sampleRate();
        pcm.writeBytes(checked.pcm());
      }
    }
    return pcm.size() == 0 ? null : new AudioInput(pcm.toByteArray(), rate);
  }

  private void record(List<Finding> found) {
    for (Finding f : found) {
      finding(f.rule(), f.detail());
    }
    found.clear();
  }

  // ---- SessionControl ----

  @Override
  public Setup setup() {
    return setup;
  }

  @Override
  public ModelProfile profile() {
    return profile;
  }

  @Override
  public ConnectionInfo connection() {
    return connection;
  }

  @Override
  public SessionSettings settings() {
    return settings;
  }

  @Override
  public void send(ServerMessage message) {
    if (!closing.isOpen()) {
      return;
    }
    if (gate != null) {
      List<Finding> found = new ArrayList<>();
      gate.onServerMessage(message, found);
      record(found);
    }
    // One encoding per frame: the journal entry is built from the bytes the transport encodes for
    // the wire (payloads summarised from them); a transport that cannot share them gets the tree.
    sending = message;
    if (!transport.send(message, wireTap)) {
      journalTree(message);
      transport.send(message);
    }
    sending = null;
    if (message.serverContent() != null && Boolean.TRUE.equals(message.serverContent().turnComplete())
        && conversation != null) {
      conversation.turnCompleted();
      if (setup.sessionResumption() != null && !responder.ownsResumptionUpdates()) {
        issueHandle(); // the service sends fresh handles as the conversation moves on
      }
    }
  }

  private void journalWire(java.nio.ByteBuffer wire, dev.geminilive.mock.journal.WireBlobs blobs) {
    byte[] json = BlobSummarizer.summarizeWire(wire, blobs);
    if (json == null) {
      journalTree(sending);
    } else {
      journal.recordJson(Direction.SERVER_TO_CLIENT, sending.kind(), json, null);
    }
  }

  private void journalTree(ServerMessage message) {
    JsonNode tree = BlobSummarizer.summarize(JSON.valueToTree(message));
    journal.record(Direction.SERVER_TO_CLIENT, message.kind(), tree, null);
  }

  @Override
  public void sendRaw(String text) {
    if (!closing.isOpen()) {
      return;
    }
    journal.record(Direction.SERVER_TO_CLIENT, "raw", null, text.length() > 200 ? text.substring(0, 200) + "..." : text);
    transport.sendRaw(text);
  }

  @Override
  public void paced(long latenessNanos) {
    transport.paced(latenessNanos);
  }

  @Override
  public Future<?> schedule(Runnable task, long delayNanos) {
    return transport.schedule(
        () -> {
          if (closing.isOpen()) {
            task.run();
          }
        },
        delayNanos);
  }

  @Override
  public void close(int code, String reason) {
    if (!closing.end(CloseState.Phase.CLOSE_SENT)) {
      return;
    }
    String cut = CloseReasons.truncate(reason);
    journal.ended(code, cut);
    // The close frame carries at most 123 bytes; the journal keeps the whole reason.
    journal.event("server-close", code + " " + reason);
    ended();
    transport.close(code, cut);
  }

  @Override
  public void abort() {
    if (!closing.end(CloseState.Phase.ABORTED)) {
      return;
    }
    journal.ended(1006, "server dropped the connection");
    journal.event("server-abort", "connection reset without a close frame");
    ended();
    transport.abort();
  }

  @Override
  public void note(String kind, String text) {
    journal.event(kind, text);
  }

  @Override
  public void finding(String rule, String detail) {
    findings++;
    journal.attribute("findings", Integer.toString(findings));
    journal.event(Finding.JOURNAL_KIND, rule + ": " + detail);
  }

  @Override
  public Set<String> outstandingCallIds() {
    return gate == null ? Set.of() : gate.outstandingCallIds();
  }

  @Override
  public void dropCalls(List<String> ids) {
    if (gate != null) {
      gate.dropCalls(ids);
      journal.event("calls-dropped", String.join(", ", ids));
    }
  }

  @Override
  public String resumptionHandle(String requested) {
    return requested == null ? resumptions.issue(conversation) : resumptions.register(requested, conversation);
  }

  @Override
  public void note(String kind, String text, JsonNode detail) {
    journal.record(Direction.EVENT, kind, detail, text);
  }

  @Override
  public void attribute(String name, String value) {
    journal.attribute(name, value);
  }

  @Override
  public void network(NetworkConditions conditions, String source) {
    if (closing.isOpen()) {
      transport.network(conditions, source);
    }
  }

  private void ended() {
    if (responder != null) {
      responder.stop();
    }
    if (lifetime != null) {
      lifetime.stop();
    }
    if (conversation != null) {
      if (gate != null && gate.historyClosed()) {
        conversation.closeHistory();
      }
      conversation.detach(connection.sessionId(), System.nanoTime());
    }
  }
}
