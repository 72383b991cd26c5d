package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One message from server to client. Usually one payload key; {@code usageMetadata} rides as a
 * sibling of another payload, as on the real service.
 */
public record ServerMessage(
    SetupComplete setupComplete,
    ServerContent serverContent,
    ToolCall toolCall,
    ToolCallCancellation toolCallCancellation,
    GoAway goAway,
    SessionResumptionUpdate sessionResumptionUpdate,
    UsageMetadata usageMetadata) {

  public static ServerMessage setupComplete(String sessionId) {
    return new ServerMessage(new SetupComplete(sessionId), null, null, null, null, null, null);
  }

  public static ServerMessage content(ServerContent content) {
    return new ServerMessage(null, content, null, null, null, null, null);
  }

  public static ServerMessage content(ServerContent content, UsageMetadata usage) {
    return new ServerMessage(null, content, null, null, null, null, usage);
  }

  public static ServerMessage toolCall(List<FunctionCall> calls) {
    return new ServerMessage(null, null, new ToolCall(calls), null, null, null, null);
  }

  public static ServerMessage toolCallCancellation(List<String> ids) {
    return new ServerMessage(null, null, null, new ToolCallCancellation(ids), null, null, null);
  }

  public static ServerMessage goAway(String timeLeft) {
    return new ServerMessage(null, null, null, null, new GoAway(timeLeft), null, null);
  }

  public static ServerMessage resumptionUpdate(String newHandle, boolean resumable) {
    return resumptionUpdate(newHandle, resumable, null);
  }

  /** With {@code lastConsumedClientMessageIndex} (Vertex transparent resumption), else null. */
  public static ServerMessage resumptionUpdate(String newHandle, boolean resumable, Long lastConsumed) {
    return new ServerMessage(null, null, null, null, null, new SessionResumptionUpdate(
        newHandle, resumable, lastConsumed == null ? null : Long.toString(lastConsumed)), null);
  }

  /** Names of the keys this message carries, in wire order; for journals and logs. */
  public String kind() {
    int bits = (setupComplete != null ? 1 : 0)
        | (serverContent != null ? 2 | serverContent.detailBits() << TOP_PARTS : 0)
        | (toolCall != null ? 4 : 0)
        | (toolCallCancellation != null ? 8 : 0)
        | (goAway != null ? 16 : 0)
        | (sessionResumptionUpdate != null ? 32 : 0)
        | (usageMetadata != null ? 64 : 0);
    // One string per shape, made once: the journal asks for the kind of every frame it records.
    String kind = KINDS[bits];
    if (kind == null) {
      kind = spell(bits);
      KINDS[bits] = kind; // racy: at worst two equal strings
    }
    return kind;
  }

  private static final int TOP_PARTS = 7;
  private static final String[] TOP = {
      "setupComplete", "serverContent", "toolCall", "toolCallCancellation", "goAway",
      "sessionResumptionUpdate", "usageMetadata"};
  private static final String[] DETAIL = {
      ".modelTurn", ".inputTranscription", ".outputTranscription", ".generationComplete",
      ".interrupted", ".turnComplete", ".interactionStatus"};
  private static final String[] KINDS = new String[1 << (TOP_PARTS + DETAIL.length)];

  private static String spell(int bits) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < TOP_PARTS; i++) {
      if ((bits & 1 << i) != 0) {
        if (sb.length() > 0) sb.append('+');
        sb.append(TOP[i]);
        if (i == 1) {
          for (int d = 0; d < DETAIL.length; d++) {
            if ((bits & 1 << (TOP_PARTS + d)) != 0) sb.append(DETAIL[d]);
          }
        }
      }
    }
    return sb.toString();
  }

  public record SetupComplete(String sessionId) {}

  public record ServerContent(
      Content modelTurn,
      Boolean turnComplete,
      Boolean interrupted,
      Boolean generationComplete,
      Transcription inputTranscription,
      Transcription outputTranscription,
      JsonNode groundingMetadata,
      String turnCompleteReason,
      Boolean waitingForInput,
      String interactionStatus) {

    /** The shape before {@code interactionStatus} existed. */
    public ServerContent(
        Content modelTurn,
        Boolean turnComplete,
        Boolean interrupted,
        Boolean generationComplete,
        Transcription inputTranscription,
        Transcription outputTranscription,
        JsonNode groundingMetadata,
        String turnCompleteReason,
        Boolean waitingForInput) {
      this(modelTurn, turnComplete, interrupted, generationComplete, inputTranscription,
          outputTranscription, groundingMetadata, turnCompleteReason, waitingForInput, null);
    }

    /** This content with {@code interactionStatus} set (3.8 extended thinking). */
    public ServerContent withInteractionStatus(String status) {
      return new ServerContent(modelTurn, turnComplete, interrupted, generationComplete,
          inputTranscription, outputTranscription, groundingMetadata, turnCompleteReason,
          waitingForInput, status);
    }

    public static ServerContent modelTurn(Content turn) {
      return new ServerContent(turn, null, null, null, null, null, null, null, null);
    }

    public static ServerContent empty() {
      return new ServerContent(null, null, null, null, null, null, null, null, null);
    }

    public static ServerContent endOfTurn() {
      return new ServerContent(null, true, null, null, null, null, null, null, null);
    }

    public static ServerContent endOfGeneration() {
      return new ServerContent(null, null, null, true, null, null, null, null, null);
    }

    public static ServerContent interruption() {
      return new ServerContent(null, null, true, null, null, null, null, null, null);
    }

    public static ServerContent inputTranscription(String text, Boolean finished) {
      return new ServerContent(
          null, null, null, null, new Transcription(text, finished), null, null, null, null);
    }

    public static ServerContent outputTranscription(String text) {
      return new ServerContent(
          null, null, null, null, null, new Transcription(text, null), null, null, null);
    }

    /** Which parts {@link ServerMessage#kind} names, as bits in the order of its details. */
    int detailBits() {
      return (modelTurn != null ? 1 : 0)
          | (inputTranscription != null ? 2 : 0)
          | (outputTranscription != null ? 4 : 0)
          | (Boolean.TRUE.equals(generationComplete) ? 8 : 0)
          | (Boolean.TRUE.equals(interrupted) ? 16 : 0)
          | (Boolean.TRUE.equals(turnComplete) ? 32 : 0)
          | (interactionStatus != null ? 64 : 0);
    }
  }

  public record Transcription(String text, Boolean finished) {}

  public record ToolCall(List<FunctionCall> functionCalls) {}

  public record FunctionCall(String id, String name, JsonNode args) {}

  public record ToolCallCancellation(List<String> ids) {}

  /** {@code timeLeft} is a protobuf Duration string such as {@code "50s"}. */
  public record GoAway(String timeLeft) {}

  public record SessionResumptionUpdate(
      String newHandle, Boolean resumable, String lastConsumedClientMessageIndex) {}

  /**
   * Token counts. The Developer API says {@code responseTokenCount}; Vertex says
   * {@code candidatesTokenCount}. Set the one that matches the flavour.
   */
  public record UsageMetadata(
      Integer promptTokenCount,
      Integer cachedContentTokenCount,
      Integer responseTokenCount,
      Integer candidatesTokenCount,
      Integer toolUsePromptTokenCount,
      Integer thoughtsTokenCount,
      Integer totalTokenCount,
      List<ModalityTokenCount> promptTokensDetails,
      List<ModalityTokenCount> responseTokensDetails,
      List<ModalityTokenCount> candidatesTokensDetails,
      String trafficType) {}

  public record ModalityTokenCount(String modality, Integer tokenCount) {}
}
