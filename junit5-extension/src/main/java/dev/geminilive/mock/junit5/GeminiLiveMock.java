package dev.geminilive.mock.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the Gemini Live mock for a test class: started before the first test on a free port (or
 * {@link #port()}), stopped after the last. Declare a {@link GeminiLiveMockRuntime} parameter to
 * get its base URL, trust material and journal; put {@link Scenario} on a test to select a
 * scenario for that test.
 *
 * <pre>{@code
 * @GeminiLiveMock
 * class MyClientTest {
 *   @Test
 *   void talks(GeminiLiveMockRuntime mock) {
 *     Client client = Client.builder().apiKey("any-key")
 *         .httpOptions(HttpOptions.builder().baseUrl(mock.baseUrl()).build()).build();
 *     ...
 *     JournalAssertions.assertThat(mock.latestSession()).allAudioFramesHaveRate(16000);
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GeminiLiveMockExtension.class)
public @interface GeminiLiveMock {
  /** Port to listen on; 0 (the default) picks a free one. */
  int port() default 0;

  /**
   * Serve {@code https}/{@code wss} with a self-signed certificate (default). The google-genai
   * Java SDK always connects with {@code wss}, so Java SDK tests need it; JavaScript and Python
   * clients can use plain {@code http}/{@code ws} with {@code tls = false}.
   */
  boolean tls() default true;

  /**
   * With TLS, make this JVM trust the mock's certificate: {@code javax.net.ssl.trustStore} points
   * at a store holding the JDK's own CAs plus the mock's, and the default SSL context and
   * {@code HttpsURLConnection} factory use it (google-auth-library's token requests go through
   * those). One certificate per JVM, so clients built in any order trust it. Set false to wire
   * {@link GeminiLiveMockRuntime#sslContext()} into your client yourself.
   */
  boolean installTrustStore() default true;

  /**
   * Folder of scenario files, relative to the working directory (the module, under Maven).
   * Scenarios are selected by the path prefix before {@code /ws/}; see {@link Scenario}. Empty:
   * none.
   */
  String scenarios() default "";

  /** Scenario for tests without {@link Scenario}; empty: the default persona. */
  String defaultScenario() default "";

  /**
   * WireMock folder ({@code mappings/*.json}, {@code __files/}) answering the non-Live HTTP
   * requests on the same port; empty: only the built-in routes (auth tokens, OAuth token).
   */
  String stubs() default "";

  /** Multiplies the mock's delays (audio pacing); 0.1 makes a test ten times faster. */
  double timeScale() default 1.0;

  /**
   * Reply timing: {@code "fast"} (the default: no added delays, audio paced at real time times
   * {@link #timeScale()}) or {@code "realistic"} (each model family's time to first audio, chunk
   * cadence, transcription lag and end-of-speech silence, as {@code serve} does; see the project's
   * docs/timing.md). Realistic timing is for tests of a client's timeouts and "thinking" states.
   */
  String timing() default "fast";

  /** Seed of the realistic timing draws; the same seed gives the same schedule. */
  long timingSeed() default 0;
}
