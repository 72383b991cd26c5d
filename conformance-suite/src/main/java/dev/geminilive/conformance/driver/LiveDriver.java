package dev.geminilive.conformance.driver;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one class a client author writes: it plays the application around a Live client. The suite
 * calls these methods as an application would and reads back, through {@code events}, what the
 * client surfaced. A driver passes requests through; it must not fix up what its client does,
 * or the verdicts measure the driver instead of the client.
 *
 * <p>Calls come from one suite thread, in order. Events may be delivered from any thread. A
 * method the client has no API for throws {@link UnsupportedCommandException} (or leaves the
 * default, which throws {@link UnsupportedOperationException}): the rules that need it become
 * UNSUPPORTED; any other exception is a failure of the client.
 */
public interface LiveDriver extends AutoCloseable {
  /** A short name for reports, e.g. {@code google-genai-java 2.0.0}. */
  String name();

  /**
   * The layer the driver measures, e.g. {@code bare library} or {@code plugin + AgentSession}
   * (verdicts differ between a bare library and the framework around it); reports show it with
   * the name. Null when the name already says it.
   */
  default String layer() {
    return null;
  }

  Set<Capability> capabilities();

  /**
   * What the client can do with this model, when that differs per model (e.g. initial history
   * on 2.5 but not on 3.1); by default {@link #capabilities()}.
   */
  default Set<Capability> capabilities(String model) {
    return capabilities();
  }

  /** The rate of the audio the application gives the client (16000, 24000, 48000, ...). */
  default int nativeInputRate() {
    return 16_000;
  }

  /** True when the client only speaks {@code wss}; the suite then runs the mock with TLS. */
  default boolean requiresTls() {
    return false;
  }

  /**
   * Connects and returns once the client reports the session ready; throws when the client
   * reports the connect failed. The suite applies its own deadline.
   */
  void connect(ConnectRequest request, Consumer<DriverEvent> events) throws Exception;

  void sendText(String text) throws Exception;

  /** Gives the client microphone audio, PCM16LE mono at {@code sampleRate}; returns when sent. */
  void sendAudio(byte[] pcm, int sampleRate) throws Exception;

  /** The microphone stopped (end of the user's audio stream). */
  void endAudio() throws Exception;

  default void activityStart() throws Exception {
    throw new UnsupportedOperationException("activityStart");
  }

  default void activityEnd() throws Exception {
    throw new UnsupportedOperationException("activityEnd");
  }

  /** A camera frame from the application ({@code image/jpeg} or {@code image/png} bytes). */
  default void sendVideoFrame(byte[] image, String mimeType) throws Exception {
    throw new UnsupportedOperationException("sendVideoFrame");
  }

  default void updateInstructions(String text) throws Exception {
    throw new UnsupportedOperationException("updateInstructions");
  }

  default void addContext(List<Turn> turns) throws Exception {
    throw new UnsupportedOperationException("addContext");
  }

  default void requestReply() throws Exception {
    throw new UnsupportedOperationException("requestReply");
  }

  default void respondToTool(List<ToolAnswer> answers) throws Exception {
    throw new UnsupportedOperationException("respondToTool");
  }

  /** Closes the session (normal closure); safe to call twice or when never connected. */
  @Override
  void close();
}
