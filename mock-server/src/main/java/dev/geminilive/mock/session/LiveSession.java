package dev.geminilive.mock.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.mock.journal.BlobSummarizer;
import dev.geminilive.mock.journal.Direction;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.profile.ModelName;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.Reaction;
import dev.geminilive.mock.protocol.ClientMessage;
import dev.geminilive.mock.protocol.ClientMessageDecoder.Decoded;
import dev.geminilive.mock.protocol.CloseReasons;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.protocol.RealtimeInput;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.Setup;
import java.util.concurrent.Future;

/**
 * One Live session: the per-connection state machine. {@code setup} first and once, then
 * {@code setupComplete}, then every message goes to the {@link Responder}. All calls arrive on the
 * connection's event loop; nothing here blocks and nothing is shared with other sessions.
 */
public final class LiveSession implements SessionControl {
  /** Where the session is in its life. */
  public enum State {
    AWAITING_SETUP,
    ACTIVE,
    /** Setup was taken but, as the real service does for some requests, never answered. */
    HELD,
    CLOSED
  }

  private static final ObjectMapper JSON = LiveJson.mapper();

  private final ConnectionInfo connection;
  private final SessionTransport transport;
  private final SessionJournal journal;
  private final ProfileCatalog profiles;
  private final SessionSettings settings;
  private final ResponderFactory responders;
  private State state = State.AWAITING_SETUP;
  private Setup setup;
  private ModelProfile profile;
  private Responder responder;

  public LiveSession(
      ConnectionInfo connection,
      SessionTransport transport,
      SessionJournal journal,
      ProfileCatalog profiles,
      SessionSettings settings,
      ResponderFactory responders) {
    this.connection = connection;
    this.transport = transport;
    this.journal = journal;
    this.profiles = profiles;
    this.settings = settings;
    this.responders = responders;
  }

  public State state() {
    return state;
  }

  /** A decoded client frame. */
  public void onMessage(Decoded frame) {
    ClientMessage message = frame.message();
    journal.record(
        Direction.CLIENT_TO_SERVER, message.kind(), BlobSummarizer.summarize(frame.tree()), null);
    switch (state) {
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
          dispatch(message);
        }
      }
      case HELD -> journal.event("ignored", "setup is held unanswered; message not processed");
      case CLOSED -> journal.event("ignored", "message after close");
    }
  }

  /** A frame that could not be decoded: the real service answers with a close. */
  public void onViolation(ProtocolViolation violation, String rawPreview) {
    journal.record(Direction.CLIENT_TO_SERVER, "invalid", null, rawPreview);
    if (state != State.CLOSED) {
      close(violation.closeCode(), violation.reason());
    }
  }

  /** The client sent a close frame or the connection went away. */
  public void onClientClosed(int code, String reason) {
    if (state != State.CLOSED) {
      state = State.CLOSED;
      journal.ended(code, reason);
      journal.event("client-close", code + (reason == null || reason.isEmpty() ? "" : " " + reason));
      stopResponder();
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
    journal.attribute("family", profile.family());
    if (s.responseModalities().contains("TEXT") && !apply(profile.textModality(), "TEXT modality")) {
      return;
    }
    state = State.ACTIVE;
    String sessionId = connection.flavour() == ApiFlavour.VERTEX ? connection.sessionId() : null;
    send(ServerMessage.setupComplete(sessionId));
    responder = responders.responderFor(this);
    responder.start(this);
  }

  /** Applies a profile reaction; returns true when the session goes on. */
  private boolean apply(Reaction reaction, String rule) {
    if (reaction.accepts()) {
      return true;
    }
    journal.event("profile-rule", rule + " -> " + reaction.action() + " (" + reaction.source() + ")");
    if (reaction.hangs()) {
      state = State.HELD;
    } else {
      close(reaction.code(), reaction.reason());
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

  private void dispatch(ClientMessage message) {
    AudioInput audio = null;
    if (message instanceof RealtimeInput input && input.audio() != null) {
      try {
        audio = InputAudioDecoder.decode(input.audio(), "realtime_input.audio");
      } catch (ProtocolViolation v) {
        close(v.closeCode(), v.reason());
        return;
      }
    }
    responder.onMessage(message, audio, this);
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
    if (state == State.CLOSED) {
      return;
    }
    JsonNode tree = BlobSummarizer.summarize(JSON.valueToTree(message));
    journal.record(Direction.SERVER_TO_CLIENT, message.kind(), tree, null);
    transport.send(message);
  }

  @Override
  public void sendRaw(String text) {
    if (state == State.CLOSED) {
      return;
    }
    journal.record(Direction.SERVER_TO_CLIENT, "raw", null, text.length() > 200 ? text.substring(0, 200) + "..." : text);
    transport.sendRaw(text);
  }

  @Override
  public Future<?> schedule(Runnable task, long delayNanos) {
    return transport.schedule(
        () -> {
          if (state != State.CLOSED) {
            task.run();
          }
        },
        delayNanos);
  }

  @Override
  public void close(int code, String reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    String cut = CloseReasons.truncate(reason);
    journal.ended(code, cut);
    journal.event("server-close", code + " " + cut);
    stopResponder();
    transport.close(code, cut);
  }

  @Override
  public void abort() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    journal.ended(1006, "server dropped the connection");
    journal.event("server-abort", "connection reset without a close frame");
    stopResponder();
    transport.abort();
  }

  @Override
  public void note(String kind, String text) {
    journal.event(kind, text);
  }

  private void stopResponder() {
    if (responder != null) {
      responder.stop();
    }
  }
}
