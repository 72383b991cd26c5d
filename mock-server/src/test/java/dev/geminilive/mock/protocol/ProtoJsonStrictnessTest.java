package dev.geminilive.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The decoder reads client messages as the service's proto-JSON parser does (docs/protocol-behaviours.md). */
class ProtoJsonStrictnessTest {
  static final ApiSurface VERTEX = ApiSurface.of(true, "v1beta1");
  final ClientMessageDecoder developer = new ClientMessageDecoder();
  final ClientMessageDecoder vertex = new ClientMessageDecoder(VERTEX);

  ClientMessage decode(String json) throws ProtocolViolation {
    return developer.decode(json.getBytes(StandardCharsets.UTF_8)).message();
  }

  static String reason(ClientMessageDecoder decoder, String json) {
    try {
      decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    } catch (ProtocolViolation v) {
      assertThat(v.closeCode()).isEqualTo(1007);
      return v.reason();
    }
    throw new AssertionError("accepted: " + json);
  }

  String reason(String json) {
    return reason(developer, json);
  }

  static String setup(String inner) {
    return "{\"setup\":{\"model\":\"models/m\"," + inner + "}}";
  }

  @Test
  void unknownNamesAreRefusedWhereTheyStand() {
    assertThat(reason(setup("\"generationConfig\":{\"x\":1}")))
        .isEqualTo("Invalid JSON payload received. Unknown name \"x\" at 'setup.generation_config': Cannot find field.");
    // The service's own example (a field one level too high), as the client wrote the name.
    assertThat(reason(setup("\"responseModalities\":[\"AUDIO\"]")))
        .isEqualTo("Invalid JSON payload received. Unknown name \"responseModalities\" at 'setup': Cannot find field.");
    assertThat(reason("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"txt\":\"hi\"}]}]}}"))
        .isEqualTo("Invalid JSON payload received. Unknown name \"txt\" at 'client_content.turns[0].parts[0]':"
            + " Cannot find field.");
    assertThat(reason("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"a\",\"output\":{}}]}}"))
        .contains("Unknown name \"output\" at 'tool_response.function_responses[0]'");
    assertThat(reason("{\"realtimeInput\":{\"audio\":{\"data\":\"AAAA\",\"mime\":\"audio/pcm\"}}}"))
        .contains("Unknown name \"mime\" at 'realtime_input.audio'");
    assertThat(reason("{\"hello\":{}}")).isEqualTo("Invalid JSON payload received. Unknown name \"hello\": Cannot find field.");
    // JSON-schema keys the Schema message lacks, as in the REST API's well-known refusal.
    assertThat(reason(setup("\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"OBJECT\","
        + "\"properties\":{\"a\":{\"type\":\"STRING\"},\"b\":{\"type\":\"STRING\",\"additionalProperties\":false}}}}]}]")))
        .isEqualTo("Invalid JSON payload received. Unknown name \"additionalProperties\" at"
            + " 'setup.tools[0].function_declarations[0].parameters.properties[1].value': Cannot find field.");
  }

  @Test
  void badEnumValuesAndWrongTypesNameThePathInSnakeCase() {
    assertThat(reason(setup("\"generationConfig\":{\"responseModalities\":[\"SMELL\"]}")))
        .isEqualTo("Invalid value at 'setup.generation_config.response_modalities[0]'"
            + " (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.Modality), \"SMELL\"");
    assertThat(reason(setup("\"generationConfig\":{\"temperature\":\"hot\"}")))
        .isEqualTo("Invalid value at 'setup.generation_config.temperature' (TYPE_FLOAT), \"hot\"");
    assertThat(reason(setup("\"generation_config\":{\"thinking_config\":{\"thinking_budget\":19660.8}}")))
        .isEqualTo("Invalid value at 'setup.generation_config.thinking_config.thinking_budget' (TYPE_INT32), 19660.8");
    assertThat(reason(setup("\"systemInstruction\":\"be brief\"")))
        .isEqualTo("Invalid value at 'setup.system_instruction'"
            + " (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"be brief\"");
    assertThat(reason(setup("\"inputAudioTranscription\":{\"customVocabulary\":{}}")))
        .isEqualTo("Invalid value at 'setup.input_audio_transcription' (custom_vocabulary),"
            + " Starting an object on a scalar field");
    assertThat(reason(setup("\"realtimeInputConfig\":{\"turnCoverage\":true}")))
        .startsWith("Invalid value at 'setup.realtime_input_config.turn_coverage' (type.googleapis.com/");
    assertThat(reason("{\"realtimeInput\":{\"text\":5}}"))
        .isEqualTo("Invalid value at 'realtime_input.text' (TYPE_STRING), 5");
    assertThat(reason("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"a\",\"response\":[1]}]}}"))
        .isEqualTo("Invalid JSON payload received. Unknown name \"response\" at 'tool_response.function_responses[0]':"
            + " Proto field is not repeating, cannot start list.");
    assertThat(reason("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"a\",\"response\":\"ok\"}]}}"))
        .isEqualTo("Invalid value at 'tool_response.function_responses[0].response'"
            + " (type.googleapis.com/google.protobuf.Struct), \"ok\"");
    assertThat(reason("{\"setup\":5}"))
        .isEqualTo("Invalid value at 'setup' (type.googleapis.com/google.ai.generativelanguage.v1beta"
            + ".BidiGenerateContentSetup), 5");
  }

  @Test
  void theTypeNamesTheConnectionsApiVersion() {
    ClientMessageDecoder v1alpha = new ClientMessageDecoder(ApiSurface.of(false, "v1alpha"));
    assertThat(reason(v1alpha, setup("\"systemInstruction\":\"x\"")))
        .contains("(type.googleapis.com/google.ai.generativelanguage.v1alpha.Content)");
    assertThat(reason(vertex, setup("\"systemInstruction\":\"x\"")))
        .contains("(type.googleapis.com/google.cloud.aiplatform.v1beta1.Content)");
  }

  @Test
  void theDecisivePartFitsTheCloseFrame() {
    // The service cuts reasons at 123 bytes; the path, which says what to fix, comes first.
    String cut = CloseReasons.truncate(reason(setup("\"generationConfig\":{\"responseModalities\":[\"SMELL\"]}")));
    assertThat(cut).startsWith("Invalid value at 'setup.generation_config.response_modalities[0]' (type.googleapis.com/");
    String unknown = CloseReasons.truncate(reason(setup("\"realtimeInputConfig\":{\"automaticActivityDetection\":"
        + "{\"endOfSpeechSensitivityMs\":5}}")));
    assertThat(unknown).contains("Unknown name \"endOfSpeechSensitivityMs\" at 'setup.realtime_input_config");
  }

  @Test
  void protoJsonSpellingsAreAccepted() throws Exception {
    Setup s = (Setup) decode(setup("\"generation_config\":{\"response_modalities\":\"audio\",\"temperature\":\"0.5\","
        + "\"top_k\":\"40\",\"maxOutputTokens\":256.0,\"seed\":\"7\"},"
        + "\"contextWindowCompression\":{\"triggerTokens\":\"25600\",\"sliding_window\":{\"target_tokens\":12800}},"
        + "\"realtimeInputConfig\":{\"activityHandling\":\"no_interruption\","
        + "\"automaticActivityDetection\":{\"startOfSpeechSensitivity\":\"START_SENSITIVITY_LOW\","
        + "\"silenceDurationMs\":\"300\"}}"));
    assertThat(s.responseModalities()).containsExactly("AUDIO"); // one value for a list, any letter case
    assertThat(s.generationConfig().temperature()).isEqualTo(0.5);
    assertThat(s.generationConfig().topK()).isEqualTo(40);
    assertThat(s.generationConfig().maxOutputTokens()).isEqualTo(256);
    assertThat(s.contextWindowCompression().triggerTokens()).isEqualTo(25600L);
    assertThat(s.contextWindowCompression().slidingWindow().targetTokens()).isEqualTo(12800L);
    assertThat(s.interruptsOnActivity()).isFalse(); // "no_interruption" read as NO_INTERRUPTION
    assertThat(s.silenceDurationMs(0)).isEqualTo(300);
    Setup nan = (Setup) decode(setup("\"generationConfig\":{\"temperature\":\"NaN\",\"topP\":\"Infinity\"}"));
    assertThat(nan.generationConfig().temperature()).isNaN();
  }

  @Test
  void bytesTakeBothBase64AlphabetsWithOrWithoutPadding() throws Exception {
    byte[] pcm = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x00};
    String standard = Base64.getEncoder().encodeToString(pcm);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(pcm);
    assertThat(urlSafe).contains("-").contains("_").doesNotContain("=");
    for (String data : new String[] {standard, urlSafe, Base64.getEncoder().withoutPadding().encodeToString(pcm)}) {
      RealtimeInput in = (RealtimeInput) decode("{\"realtimeInput\":{\"audio\":{\"data\":\"" + data
          + "\",\"mimeType\":\"audio/pcm;rate=16000\"}}}");
      assertThat(in.audio().data()).isEqualTo(data); // left as sent; the audio reader decodes both
      assertThat(Base64.getMimeDecoder().decode(in.audio().data().replace('-', '+').replace('_', '/')))
          .as(data).isEqualTo(pcm);
    }
    for (String bad : new String[] {"AAA*", "A", "AB=C", "AA==AA==", "AAAA AAAA", "A+A-", "====="}) {
      assertThat(reason("{\"realtimeInput\":{\"audio\":{\"data\":\"" + bad + "\",\"mimeType\":\"audio/pcm\"}}}"))
          .as(bad).isEqualTo("Invalid value at 'realtime_input.audio.data' (TYPE_BYTES), Base64 decoding failed for \""
              + bad + "\"");
    }
  }

  @Test
  void numbersOutOfRangeOrNotIntegralAreRefused() {
    assertThat(reason(setup("\"generationConfig\":{\"maxOutputTokens\":3000000000}")))
        .isEqualTo("Invalid value at 'setup.generation_config.max_output_tokens' (TYPE_INT32), 3000000000");
    assertThat(reason(setup("\"contextWindowCompression\":{\"triggerTokens\":\"1.5\"}")))
        .isEqualTo("Invalid value at 'setup.context_window_compression.trigger_tokens' (TYPE_INT64), \"1.5\"");
    assertThat(reason(setup("\"generationConfig\":{\"temperature\":1e300}")))
        .startsWith("Invalid value at 'setup.generation_config.temperature' (TYPE_FLOAT)");
    assertThat(reason(setup("\"generationConfig\":{\"enableAffectiveDialog\":\"true\"}")))
        .isEqualTo("Invalid value at 'setup.generation_config.enable_affective_dialog' (TYPE_BOOL), \"true\"");
  }

  @Test
  void eachSurfaceKnowsItsOwnFields() throws Exception {
    String transparent = setup("\"sessionResumption\":{\"transparent\":true}");
    assertThat(reason(transparent))
        .isEqualTo("Invalid JSON payload received. Unknown name \"transparent\" at 'setup.session_resumption':"
            + " Cannot find field.");
    assertThat(((Setup) vertex.decode(transparent.getBytes(StandardCharsets.UTF_8)).message())
        .sessionResumption().transparent()).isTrue();
    String willContinue = "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"a\",\"willContinue\":true}]}}";
    assertThat(decode(willContinue)).isInstanceOf(ToolResponse.class);
    assertThat(reason(vertex, willContinue)).contains("Unknown name \"willContinue\"");
    // Vertex refuses this turn coverage (observed, MemberJunction/MJ); the Developer API takes it.
    String coverage = setup("\"realtimeInputConfig\":{\"turnCoverage\":\"TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO\"}");
    assertThat(decode(coverage)).isInstanceOf(Setup.class);
    assertThat(reason(vertex, coverage))
        .startsWith("Invalid value at 'setup.realtime_input_config.turn_coverage'"
            + " (type.googleapis.com/google.cloud.aiplatform.v1beta1.RealtimeInputConfig.TurnCoverage)");
  }

  @Test
  void nullMeansNotSetAndFreeFormFieldsTakeAnything() throws Exception {
    Setup s = (Setup) decode(setup("\"generationConfig\":null,\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
        + "\"parametersJsonSchema\":{\"type\":\"object\",\"additionalProperties\":false,\"$defs\":{}}}]}]"));
    assertThat(s.generationConfig()).isNull();
    assertThat(s.tools().get(0).functionDeclarations().get(0).parametersJsonSchema().has("$defs")).isTrue();
    // Enum names in lower case are taken (the service takes "type": "object" in schemas).
    assertThat(decode(setup("\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}}]}]")))
        .isInstanceOf(Setup.class);
  }

  @Test
  void theCatalogueAnswersPathQuestions() {
    FieldCatalogue c = FieldCatalogue.bundled();
    assertThat(c.sources()).anyMatch(s -> s.contains("google-genai:2.0.0")).anyMatch(s -> s.contains("3.3.0"));
    assertThat(c.isKnownPath("LiveClientSetup", "generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName",
        ApiSurface.DEVELOPER)).isTrue();
    assertThat(c.isKnownPath("LiveClientSetup", "generation_config.thinking_config.thinking_level",
        ApiSurface.DEVELOPER)).isTrue();
    assertThat(c.isKnownPath("LiveClientMessage", "toolResponse.functionResponses[0].response.anything.below",
        ApiSurface.DEVELOPER)).isTrue();
    assertThat(c.isKnownPath("LiveClientSetup", "generationConfig.smell", ApiSurface.DEVELOPER)).isFalse();
    assertThat(c.isKnownPath("LiveClientSetup", "explicitVadSignal", ApiSurface.DEVELOPER)).isFalse();
    assertThat(c.isKnownPath("LiveClientSetup", "explicitVadSignal", VERTEX)).isTrue();
    assertThat(c.enumValues("ThinkingLevel", ApiSurface.DEVELOPER)).contains("LOW", "MEDIUM", "HIGH");
  }
}
