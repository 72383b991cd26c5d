package dev.geminilive.mock.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The leak scanner itself: it must catch what the mock used to show, and pass what it shows now. */
class LeakScanTest {
  @Test
  void catchesClassNamesAndLibraryMessages() {
    for (String leak : new String[] {
        "Invalid value at 'setup.generationConfig.temperature': Cannot coerce String value ('hot') to `java.lang.Double` value",
        "Invalid value at 'setup': Cannot construct instance of `dev.geminilive.mock.protocol.Setup$GenerationConfig`",
        "Invalid JSON payload received. Unexpected character ('}' (code 125)): was expecting double-quote",
        "WebSocket protocol error: received continuation data frame outside fragmented message",
        "java.lang.IllegalStateException: boom",
        "Base64 decoding failed: Illegal base64 character 2a",
        "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"}) {
      assertThat(LeakScan.leaks(leak)).as(leak).isNotEmpty();
    }
  }

  @Test
  void passesTheServiceLikeReasons() {
    for (String fine : new String[] {
        "Invalid value at 'setup.generation_config.temperature' (TYPE_FLOAT), \"hot\"",
        "Invalid JSON payload received. Unknown name \"x\" at 'setup.generation_config': Cannot find field.",
        "Invalid value at 'setup.generation_config.response_modalities[0]' (type.googleapis.com/google.ai."
            + "generativelanguage.v1beta.GenerationConfig.Modality), \"SMELL\"",
        "WebSocket protocol error: a continuation frame without a message to continue (RFC 6455 section 5.4).",
        "Internal error occurred.", "Request contains an invalid argument."}) {
      assertThat(LeakScan.leaks(fine)).as(fine).isEmpty();
    }
  }
}
