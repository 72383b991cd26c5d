package dev.geminilive.mock.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void credentialsAndHandlesAreHiddenUsageCountsAreNot() throws Exception {
    JsonNode in = new ObjectMapper().readTree("""
        {"toolResponse":{"functionResponses":[{"id":"c1","response":{"apiKey":"AIza-secret","access_token":"ya29.x",
          "note":"see https://h/x?key=AIza-2&a=1","ok":true}}]},
         "sessionResumptionUpdate":{"newHandle":"h-123","resumable":true},
         "usageMetadata":{"totalTokenCount":42,"promptTokensDetails":[{"tokenCount":3}]}}""");
    JsonNode out = Redactor.redact(in);
    String text = out.toString();
    assertThat(text).doesNotContain("AIza-secret", "ya29.x", "AIza-2", "h-123");
    assertThat(out.at("/toolResponse/functionResponses/0/response/note").asText()).isEqualTo("see https://h/x?key=[redacted]&a=1");
    assertThat(out.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(42);
    assertThat(out.at("/usageMetadata/promptTokensDetails/0/tokenCount").asInt()).isEqualTo(3);
    assertThat(out.at("/toolResponse/functionResponses/0/id").asText()).isEqualTo("c1");
    assertThat(in.toString()).contains("AIza-secret"); // the journal's copy is untouched
  }
}
