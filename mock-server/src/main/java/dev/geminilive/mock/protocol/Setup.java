package dev.geminilive.mock.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code setup}: the first and only configuration message of a session. */
public record Setup(
    String model,
    GenerationConfig generationConfig,
    Content systemInstruction,
    List<Tool> tools,
    RealtimeInputConfig realtimeInputConfig,
    JsonNode inputAudioTranscription,
    JsonNode outputAudioTranscription,
    SessionResumptionConfig sessionResumption,
    ContextWindowCompression contextWindowCompression,
    Proactivity proactivity,
    HistoryConfig historyConfig,
    Boolean explicitVadSignal)
    implements ClientMessage {

  @Override
  public String wireKey() {
    return "setup";
  }

  public record GenerationConfig(
      List<String> responseModalities,
      Double temperature,
      Double topP,
      Integer topK,
      Integer maxOutputTokens,
      Integer seed,
      Integer candidateCount,
      Double presencePenalty,
      Double frequencyPenalty,
      String mediaResolution,
      JsonNode speechConfig,
      ThinkingConfig thinkingConfig,
      Boolean enableAffectiveDialog) {}

  /** Either a budget (2.5 models) or a level (3.1 models); which one is legal is a profile rule. */
  public record ThinkingConfig(JsonNode thinkingBudget, String thinkingLevel, Boolean includeThoughts) {}

  public record Tool(
      List<FunctionDeclaration> functionDeclarations,
      JsonNode googleSearch,
      JsonNode codeExecution,
      JsonNode urlContext,
      JsonNode googleMaps) {}

  public record FunctionDeclaration(
      String name,
      String description,
      JsonNode parameters,
      JsonNode parametersJsonSchema,
      JsonNode response,
      String behavior) {}

  public record RealtimeInputConfig(
      AutomaticActivityDetection automaticActivityDetection,
      String activityHandling,
      String turnCoverage) {}

  public record AutomaticActivityDetection(
      Boolean disabled,
      String startOfSpeechSensitivity,
      String endOfSpeechSensitivity,
      Integer prefixPaddingMs,
      Integer silenceDurationMs) {}

  /**
   * {@code handle} stays a raw node: {@code {}}, {@code {"handle": null}} and a string handle are
   * three different requests on the real service.
   */
  public record SessionResumptionConfig(JsonNode handle, Boolean transparent) {}

  public record ContextWindowCompression(Long triggerTokens, SlidingWindow slidingWindow) {}

  public record SlidingWindow(Long targetTokens) {}

  public record Proactivity(Boolean proactiveAudio) {}

  public record HistoryConfig(Boolean initialHistoryInClientContent) {}

  /** True when the client asked for automatic activity detection (the default). */
  public boolean automaticActivityDetection() {
    return realtimeInputConfig == null
        || realtimeInputConfig.automaticActivityDetection() == null
        || !Boolean.TRUE.equals(realtimeInputConfig.automaticActivityDetection().disabled());
  }

  /** The response modalities, AUDIO when none were given (the documented default). */
  public List<String> responseModalities() {
    if (generationConfig == null
        || generationConfig.responseModalities() == null
        || generationConfig.responseModalities().isEmpty()) {
      return List.of("AUDIO");
    }
    return generationConfig.responseModalities();
  }

  /** Silence that ends a user turn under automatic detection; the service default is not published. */
  public int silenceDurationMs(int fallback) {
    if (realtimeInputConfig == null || realtimeInputConfig.automaticActivityDetection() == null) {
      return fallback;
    }
    Integer ms = realtimeInputConfig.automaticActivityDetection().silenceDurationMs();
    return ms == null || ms <= 0 ? fallback : ms;
  }

  /** Whether setup names the end-of-speech silence itself (the service then follows it). */
  public boolean hasSilenceDuration() {
    return silenceDurationMs(-1) > 0;
  }

  /** {@code END_SENSITIVITY_LOW}, {@code END_SENSITIVITY_HIGH}, or null when setup does not say. */
  public String endOfSpeechSensitivity() {
    return realtimeInputConfig == null || realtimeInputConfig.automaticActivityDetection() == null
        ? null : realtimeInputConfig.automaticActivityDetection().endOfSpeechSensitivity();
  }

  public boolean interruptsOnActivity() {
    return realtimeInputConfig == null
        || !"NO_INTERRUPTION".equals(realtimeInputConfig.activityHandling());
  }
}
