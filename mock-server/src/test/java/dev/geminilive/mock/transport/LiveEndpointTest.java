package dev.geminilive.mock.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.profile.ApiFlavour;
import org.junit.jupiter.api.Test;

class LiveEndpointTest {
  @Test
  void developerVertexAndConstrainedPaths() {
    assertThat(LiveEndpoint.parse("//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent"))
        .contains(new LiveEndpoint(ApiFlavour.DEVELOPER, "v1", false, ""));
    assertThat(LiveEndpoint.parse("/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained"))
        .contains(new LiveEndpoint(ApiFlavour.DEVELOPER, "v1alpha", true, ""));
    assertThat(LiveEndpoint.parse("/ws/google.cloud.aiplatform.v1.LlmBidiService/BidiGenerateContent"))
        .contains(new LiveEndpoint(ApiFlavour.VERTEX, "v1", false, ""));
  }

  @Test
  void prefixBeforeWsIsKept() {
    assertThat(LiveEndpoint.parse("/scenarios/barge-in//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"))
        .map(LiveEndpoint::prefix).contains("scenarios/barge-in");
  }

  @Test
  void wrongVersionsAndMethodsAreNotLivePaths() {
    assertThat(LiveEndpoint.parse("/ws/google.ai.generativelanguage.v2.GenerativeService.BidiGenerateContent")).isEmpty();
    assertThat(LiveEndpoint.parse("/ws/google.cloud.aiplatform.v1beta.LlmBidiService/BidiGenerateContent")).isEmpty();
    assertThat(LiveEndpoint.parse("/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateMusic")).isEmpty();
    assertThat(LiveEndpoint.parse("/v1beta/models")).isEmpty();
  }

  @Test
  void secretsAreRedacted() {
    assertThat(Redaction.uri("/ws/x?key=abc&alt=1")).isEqualTo("/ws/x?key=REDACTED&alt=1");
    assertThat(Redaction.uri("/ws/x?access_token=auth_tokens/123")).isEqualTo("/ws/x?access_token=REDACTED");
  }
}
