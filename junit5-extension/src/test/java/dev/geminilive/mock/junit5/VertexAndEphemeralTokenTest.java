package dev.geminilive.mock.junit5;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.geminilive.mock.junit5.JournalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.types.AuthToken;
import com.google.genai.types.CreateAuthTokenConfig;
import com.google.genai.types.HttpOptions;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.rest.EmbeddedWireMock;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.google.genai.types.LiveConnectConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two credentials that need the REST side of the mock, with the real google-genai Java SDK:
 * a Vertex AI client authenticating with a service-account key file whose {@code token_uri} is
 * the mock (fully offline), and an ephemeral token minted over REST then used on the Constrained
 * Live endpoint.
 */
@GeminiLiveMock(timeScale = 0.1)
class VertexAndEphemeralTokenTest {

  /** A service-account key file as the Cloud console writes it, with a fresh RSA key. */
  static Path serviceAccountKey(Path dir, String tokenUri) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
            .replace("\n", "\\n")
        + "\\n-----END PRIVATE KEY-----\\n";
    Path file = dir.resolve("service-account.json");
    Files.writeString(file, """
        {
          "type": "service_account",
          "project_id": "mock-project",
          "private_key_id": "mock-key-1",
          "private_key": "%s",
          "client_email": "live-tests@mock-project.iam.gserviceaccount.com",
          "client_id": "100000000000000000001",
          "token_uri": "%s"
        }
        """.formatted(pem, tokenUri));
    return file;
  }

  @Test
  void vertexClientWithServiceAccountKeyRunsOffline(GeminiLiveMockRuntime mock, @TempDir Path dir)
      throws Exception {
    Path keyFile = serviceAccountKey(dir, mock.rootUrl() + "/token");
    GoogleCredentials credentials;
    try (InputStream in = Files.newInputStream(keyFile)) {
      credentials = GoogleCredentials.fromStream(in); // reads token_uri from the file
    }
    Client client = Client.builder()
        .vertexAI(true).project("mock-project").location("us-central1")
        .credentials(credentials)
        .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build())
        .build();

    try (SdkTalk talk = SdkTalk.connect(client, "gemini-live-2.5-flash-native-audio")) {
      talk.textTurn("Hello from Vertex");
    }

    // The SDK exchanged a signed JWT for an access token at the mock's OAuth endpoint ...
    mock.wireMock().verify(postRequestedFor(urlPathEqualTo("/token"))
        .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")));
    assertThat(credentials.getAccessToken().getTokenValue()).isEqualTo(EmbeddedWireMock.OAUTH_ACCESS_TOKEN);
    // ... and opened a Vertex Live session with it as a bearer token.
    SessionJournal session = mock.awaitLatestClosed(Duration.ofSeconds(10));
    assertThat(session.attribute("flavour")).isEqualTo("VERTEX");
    assertThat(session.attribute("model"))
        .isEqualTo("projects/mock-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio");
    assertThat(session).usedCredential("bearer@header").closedWith(1000)
        .serverMessageKinds().anyMatch(k -> k.contains("turnComplete"));
  }

  @Test
  void ephemeralTokenFromRestOpensOneSessionAndIsThenSpent(GeminiLiveMockRuntime mock) throws Exception {
    HttpOptions v1alpha = HttpOptions.builder().baseUrl(mock.baseUrl()).apiVersion("v1alpha").build();
    Client backend = Client.builder().apiKey("real-api-key").httpOptions(v1alpha).build();
    AuthToken token = backend.authTokens.create(CreateAuthTokenConfig.builder()
        .uses(1)
        .expireTime(Instant.now().plus(Duration.ofMinutes(30)))
        .newSessionExpireTime(Instant.now().plus(Duration.ofMinutes(1)))
        .build());
    assertThat(token.name()).hasValueSatisfying(name -> assertThat(name).startsWith("auth_tokens/"));

    Client browser = Client.builder().apiKey(token.name().orElseThrow()).httpOptions(v1alpha).build();
    try (SdkTalk talk = SdkTalk.connect(browser, SdkTalk.MODEL)) {
      talk.textTurn("first use");
    }
    mock.awaitClosedSessions(1, Duration.ofSeconds(10));

    // The mock refuses the spent token at the upgrade (HTTP 401), as the service refuses bad
    // credentials; the SDK (2.0.0) must not get a session.
    var second = browser.async.live.connect(SdkTalk.MODEL, LiveConnectConfig.builder().build());
    assertThatThrownBy(() -> second.get(3, TimeUnit.SECONDS))
        .isInstanceOfAny(TimeoutException.class, ExecutionException.class);
    second.cancel(true);
    List<SessionJournal> sessions = mock.awaitClosedSessions(2, Duration.ofSeconds(10));
    assertThat(sessions.get(0)).usedCredential("ephemeral-token@header").closedWith(1000);
    assertThat(sessions.get(0).path()).contains("BidiGenerateContentConstrained");
    assertThat(sessions.get(1)).usedCredential("ephemeral-token@header").closedWith(1006);
    assertThat(sessions.get(1).closeReason()).contains("used up");
    assertThat(mock.authTokens().find(token.name().orElseThrow()))
        .hasValueSatisfying(t -> assertThat(t.used()).isEqualTo(1));
  }
}
