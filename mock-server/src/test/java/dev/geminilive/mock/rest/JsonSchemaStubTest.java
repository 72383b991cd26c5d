package dev.geminilive.mock.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geminilive.mock.GeminiLiveMockOptions;
import dev.geminilive.mock.GeminiLiveMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WireMock stub that matches its body with {@code matchesJsonSchema}, served through the mock:
 * WireMock's JSON Schema matcher and the mock's own scenario schema validator live side by side.
 */
class JsonSchemaStubTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void stubMatchingAJsonSchemaAnswersOnlyBodiesThatConform(@TempDir Path stubs) throws Exception {
    Files.createDirectories(stubs.resolve("mappings"));
    Files.writeString(stubs.resolve("mappings/count-tokens.json"), """
        {"request": {"method": "POST", "urlPath": "/v1beta/models/gemini-2.5-flash:countTokens",
           "bodyPatterns": [{"matchesJsonSchema": {
             "type": "object", "required": ["contents"],
             "properties": {"contents": {"type": "array", "minItems": 1}}},
             "schemaVersion": "V202012"}]},
         "response": {"status": 200, "jsonBody": {"totalTokens": 7}}}
        """);
    try (GeminiLiveMockServer mock = GeminiLiveMockServer.start(GeminiLiveMockOptions.options()
        .stubs(stubs).scenarios(Path.of("..", "scenarios")))) {
      String url = mock.baseUrl() + "/v1beta/models/gemini-2.5-flash:countTokens";
      HttpResponse<String> good = post(url, "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
      assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
      assertThat(good.body()).contains("\"totalTokens\"");

      HttpResponse<String> bad = post(url, "{\"contents\":[]}");
      assertThat(bad.statusCode()).as("a body that breaks the schema matches no stub").isEqualTo(404);

      // The mock's own validator (scenario files, JSON Schema 2020-12) still works in the same JVM.
      assertThat(mock.scenarioLibrary().orElseThrow().snapshot().scenarios()).isNotEmpty();
    }
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
