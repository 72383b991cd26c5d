package dev.geminilive.conformance.driver;

import java.util.List;

/**
 * What the application asks its client for when it connects. Fields a test does not need are
 * null (or empty); a driver passes every non-null field to its client the way an application
 * would, and lets the client decide what goes on the wire.
 *
 * @param baseUrl the mock's base URL ({@code http://...} or {@code https://...}), as an SDK's
 *     {@code httpOptions.baseUrl}
 * @param apiKey any non-empty key
 * @param model the bare model id, e.g. {@code gemini-3.1-flash-live-preview}
 * @param systemInstruction initial instructions, or null
 * @param responseModalities e.g. {@code [AUDIO]}; null for the client's default
 * @param automaticActivityDetection false disables server-side voice activity detection
 * @param inputTranscription ask for input transcription
 * @param outputTranscription ask for output transcription
 * @param tools function declarations, empty for none
 * @param thinkingLevel {@code MINIMAL|LOW|MEDIUM|HIGH}, or null
 * @param thinkingBudget tokens, or null
 * @param affectiveDialog {@code enableAffectiveDialog}, or null
 * @param proactiveAudio {@code proactivity.proactiveAudio}, or null
 * @param initialHistory turns the conversation starts with, empty for none
 * @param sessionResumption ask the client to keep the session alive across goAway by resuming
 */
public record ConnectRequest(
    String baseUrl,
    String apiKey,
    String model,
    String systemInstruction,
    List<String> responseModalities,
    boolean automaticActivityDetection,
    boolean inputTranscription,
    boolean outputTranscription,
    List<FunctionDeclaration> tools,
    String thinkingLevel,
    Integer thinkingBudget,
    Boolean affectiveDialog,
    Boolean proactiveAudio,
    List<Turn> initialHistory,
    boolean sessionResumption) {

  public ConnectRequest {
    tools = tools == null ? List.of() : List.copyOf(tools);
    initialHistory = initialHistory == null ? List.of() : List.copyOf(initialHistory);
    responseModalities = responseModalities == null ? null : List.copyOf(responseModalities);
  }

  /** A plain audio session: AUDIO out, automatic activity detection, both transcriptions. */
  public static ConnectRequest basic(String baseUrl, String model) {
    return new ConnectRequest(baseUrl, "CONFORMANCE_KEY", model, "You are a test persona.",
        List.of("AUDIO"), true, true, true, List.of(), null, null, null, null, List.of(), false);
  }

  public ConnectRequest withModel(String m) {
    return new ConnectRequest(baseUrl, apiKey, m, systemInstruction, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, initialHistory, sessionResumption);
  }

  public ConnectRequest withSystemInstruction(String s) {
    return new ConnectRequest(baseUrl, apiKey, model, s, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, initialHistory, sessionResumption);
  }

  public ConnectRequest withResponseModalities(List<String> m) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, m,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, initialHistory, sessionResumption);
  }

  public ConnectRequest withAutomaticActivityDetection(boolean on) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, responseModalities,
        on, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, initialHistory, sessionResumption);
  }

  public ConnectRequest withTools(List<FunctionDeclaration> t) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, t, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, initialHistory, sessionResumption);
  }

  public ConnectRequest withThinking(String level, Integer budget) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, level,
        budget, affectiveDialog, proactiveAudio, initialHistory, sessionResumption);
  }

  public ConnectRequest withAffective(Boolean affective, Boolean proactive) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affective, proactive, initialHistory, sessionResumption);
  }

  public ConnectRequest withInitialHistory(List<Turn> h) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, h, sessionResumption);
  }

  public ConnectRequest withSessionResumption(boolean on) {
    return new ConnectRequest(baseUrl, apiKey, model, systemInstruction, responseModalities,
        automaticActivityDetection, inputTranscription, outputTranscription, tools, thinkingLevel,
        thinkingBudget, affectiveDialog, proactiveAudio, initialHistory, on);
  }
}
