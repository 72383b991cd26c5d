package dev.geminilive.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientMessageDecoderTest {
  final ClientMessageDecoder decoder = new ClientMessageDecoder();

  ClientMessage decode(String json) throws ProtocolViolation {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8)).message();
  }

  @Test
  void pythonStyleSetupIsReadLikeTheCamelCaseOne() throws Exception {
    String camel = "{\"setup\":{\"model\":\"models/m\",\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],"
        + "\"thinkingConfig\":{\"thinkingBudget\":1024,\"includeThoughts\":true}},"
        + "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true,\"silenceDurationMs\":700}},"
        + "\"historyConfig\":{\"initialHistoryInClientContent\":true},\"proactivity\":{\"proactiveAudio\":true}}}";
    String snake = "{\"setup\":{\"model\":\"models/m\",\"generation_config\":{\"response_modalities\":[\"AUDIO\"],"
        + "\"thinking_config\":{\"thinking_budget\":1024,\"include_thoughts\":true}},"
        + "\"realtime_input_config\":{\"automatic_activity_detection\":{\"disabled\":true,\"silence_duration_ms\":700}},"
        + "\"history_config\":{\"initial_history_in_client_content\":true},\"proactivity\":{\"proactive_audio\":true}}}";
    Setup a = (Setup) decode(camel);
    Setup b = (Setup) decode(snake);
    assertThat(b).isEqualTo(a);
    assertThat(b.automaticActivityDetection()).isFalse();
    assertThat(b.silenceDurationMs(500)).isEqualTo(700);
    assertThat(b.generationConfig().thinkingConfig().thinkingBudget().asInt()).isEqualTo(1024);
    assertThat(b.historyConfig().initialHistoryInClientContent()).isTrue();
  }

  @Test
  void freeFormObjectsKeepTheirKeys() throws Exception {
    ToolResponse r = (ToolResponse) decode("{\"tool_response\":{\"functionResponses\":[{\"id\":\"c1\",\"name\":\"f\","
        + "\"response\":{\"city_name\":\"Paris\"},\"will_continue\":true,\"scheduling\":\"WHEN_IDLE\"}]}}");
    ToolResponse.FunctionResponse fr = r.functionResponses().get(0);
    assertThat(fr.willContinue()).isTrue();
    assertThat(fr.response().has("city_name")).isTrue();
    assertThat(fr.response().has("cityName")).isFalse();
  }

  @Test
  void realtimeInputNeedsExactlyOneField() throws Exception {
    assertThat(((RealtimeInput) decode("{\"realtimeInput\":{\"audioStreamEnd\":true}}")).kind())
        .isEqualTo("realtimeInput.audioStreamEnd");
    assertThatThrownBy(() -> decode("{\"realtimeInput\":{}}"))
        .isInstanceOf(ProtocolViolation.class).hasMessageContaining("set one of");
    assertThatThrownBy(() -> decode("{\"realtimeInput\":{\"text\":\"a\",\"activityEnd\":{}}}"))
        .hasMessageContaining("exactly one field");
  }

  @Test
  void typeErrorsNameTheField() {
    assertThatThrownBy(() -> decode("{\"clientContent\":{\"turnComplete\":\"yes\"}}"))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessage("Invalid value at 'client_content.turn_complete' (TYPE_BOOL), \"yes\"")
        .extracting(e -> ((ProtocolViolation) e).closeCode()).isEqualTo(1007);
    assertThatThrownBy(() -> decode("{\"setup\":{\"tools\":[{\"functionDeclarations\":[{\"name\":[1]}]}]}}"))
        .hasMessage("Invalid JSON payload received. Unknown name \"name\" at 'setup.tools[0].function_declarations[0]':"
            + " Proto field is not repeating, cannot start list.");
  }

  @Test
  void nullElementsInRepeatedFieldsAreRefused() {
    // Found by ClientMessageFuzzTest: a null list element reached the session and crashed it.
    assertThatThrownBy(() -> decode("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"c1\",\"name\":\"f\"},null]}}"))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageStartingWith("Invalid value at 'tool_response.function_responses[1]' (type.googleapis.com/");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThatThrownBy(() -> decode("{\"setup\":\n{\"model\": }}"))
        .hasMessageStartingWith("Invalid JSON payload received.")
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> decode("")).hasMessageContaining("Empty frame");
  }

  @Test
  void contextUpdateAsTheJavaSdkSendsIt() throws Exception {
    ContextUpdate u = (ContextUpdate) decode("{\"contextUpdate\":{\"systemInstruction\":{\"parts\":[{\"text\":\"New instructions.\"}],\"role\":\"user\"}}}");
    assertThat(u.systemInstruction().text()).isEqualTo("New instructions.");
    ContextUpdate tools = (ContextUpdate) decode(
        "{\"contextUpdate\":{\"tools\":{\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}]}}}");
    assertThat(tools.tools().tools().get(0).functionDeclarations().get(0).name()).isEqualTo("f");
  }

  @Test
  void nullHandleIsDistinguishedFromNoHandle() throws Exception {
    Setup withNull = (Setup) decode("{\"setup\":{\"model\":\"models/m\",\"sessionResumption\":{\"handle\":null}}}");
    Setup empty = (Setup) decode("{\"setup\":{\"model\":\"models/m\",\"sessionResumption\":{}}}");
    assertThat(withNull.sessionResumption().handle()).isNotNull();
    assertThat(withNull.sessionResumption().handle().isNull()).isTrue();
    assertThat(empty.sessionResumption().handle()).isNull();
  }

  @Test
  void closeReasonsAreCutAt123BytesOnACharacterBoundary() {
    String reason = "é".repeat(100);
    String cut = CloseReasons.truncate(reason);
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    assertThat(cut).isEqualTo("é".repeat(61));
  }
}
