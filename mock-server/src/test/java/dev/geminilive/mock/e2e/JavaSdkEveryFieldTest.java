package dev.geminilive.mock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import dev.geminilive.mock.journal.JournalEntry;
import dev.geminilive.mock.journal.SessionJournal;
import dev.geminilive.mock.protocol.ApiSurface;
import dev.geminilive.mock.protocol.FieldCatalogue;
import dev.geminilive.mock.testing.TrustStoreProperties;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-genai Java SDK 2.0.0 writes a setup with every field its {@code
 * LiveConnectConfig} has, each filled with a plausible value (read from the SDK's types by
 * reflection, so a newer SDK is covered without editing the test), and the mock's proto-JSON
 * reader accepts all of it: no field the SDK can send is unknown to the mock.
 */
class JavaSdkEveryFieldTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern VERTEX_ONLY = Pattern.compile(
      "(\\w+) (?:parameter is only supported in Gemini Enterprise|is not supported in the live API)");
  static LiveServer server;
  static TrustStoreProperties trustStore;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    TlsMaterial tls = TlsMaterial.selfSigned(List.of());
    Path store = dir.resolve("mock-truststore.p12");
    tls.writeTrustStore(store);
    trustStore = TrustStoreProperties.install(store);
    server = LiveServer.start(ServerConfig.defaults().withTls(tls));
  }

  @AfterAll
  static void stop() {
    server.close();
    trustStore.restore();
  }

  @Test
  void everySetupFieldTheSdkWritesIsKnown() throws Exception {
    ObjectNode config = (ObjectNode) fill(LiveConnectConfig.class, 0);
    config.remove("httpOptions"); // client-side options, never on the wire
    Client client = Client.builder()
        .apiKey("FAKE_KEY_123")
        .httpOptions(HttpOptions.builder().baseUrl(server.baseUrl()).build())
        .build();
    // Audio out, as the model requires (TEXT would be refused by its profile, not by the reader).
    config.set("responseModalities", JSON.createArrayNode().add("AUDIO"));
    // The SDK refuses Vertex-only fields for the Developer API itself; drop each one it names.
    Set<String> refusedBySdk = new TreeSet<>();
    java.util.concurrent.CompletableFuture<AsyncSession> connecting = null;
    for (int attempt = 0; connecting == null && attempt < 40; attempt++) {
      try {
        java.util.concurrent.CompletableFuture<AsyncSession> f = client.async.live.connect(
            "gemini-2.5-flash-native-audio-preview-12-2025", LiveConnectConfig.fromJson(config.toString()));
        if (f.isCompletedExceptionally()) {
          f.get();
        }
        connecting = f;
      } catch (IllegalArgumentException | ExecutionException refused) {
        String message = refused instanceof ExecutionException ? String.valueOf(refused.getCause()) : refused.getMessage();
        Matcher m = VERTEX_ONLY.matcher(message);
        assertThat(m.find()).as("the SDK refused the config: " + message).isTrue();
        refusedBySdk.add(m.group(1));
        removeEverywhere(config, m.group(1));
      }
    }
    assertThat(connecting).isNotNull();
    assertThat(refusedBySdk).contains("explicitVadSignal", "transparent");

    SessionJournal journal = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
        () -> server.journal().latest().filter(j -> j.entries().stream().anyMatch(JournalEntry::fromClient)),
        Optional::isPresent).orElseThrow();
    JournalEntry setup = journal.entries().stream().filter(JournalEntry::fromClient).findFirst().orElseThrow();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(
        () -> journal.isClosed() || journal.entries().stream().anyMatch(e -> e.kind().equals("setupComplete")));
    // Decoded, not refused: the reader knew every name and type. (A profile may still refuse a
    // combination, e.g. a thinking budget and a thinking level together, as the service would.)
    assertThat(setup.kind()).as("setup entry " + setup.note()).isEqualTo("setup");
    String reason = journal.closeReason() == null ? "" : journal.closeReason();
    assertThat(reason).doesNotStartWith("Invalid JSON payload").doesNotStartWith("Invalid value at");

    // And it really was every field: each field of the setup and of its generation config the
    // catalogue knows for the Developer API was on the wire.
    JsonNode sent = setup.json().get("setup");
    FieldCatalogue catalogue = FieldCatalogue.bundled();
    assertThat(names(sent)).containsAll(catalogue.fields("LiveClientSetup", ApiSurface.DEVELOPER).keySet().stream()
        .filter(n -> !Set.of("safetySettings", "labels", "historyConfig").contains(n)
            || sent.has(n)).toList());
    assertThat(names(sent.get("generationConfig"))).contains("temperature", "topP", "topK", "maxOutputTokens",
        "mediaResolution", "seed", "speechConfig", "thinkingConfig", "enableAffectiveDialog", "responseModalities");
    if (!journal.isClosed()) {
      connecting.get(5, TimeUnit.SECONDS).close().get(5, TimeUnit.SECONDS);
    } else {
      connecting.cancel(true);
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.fieldNames().forEachRemaining(n -> out.add(n.contains("_") ? camel(n) : n));
    return out;
  }

  private static String camel(String snake) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }

  private static void removeEverywhere(JsonNode node, String name) {
    if (node instanceof ObjectNode o) {
      o.remove(name);
      o.forEach(child -> removeEverywhere(child, name));
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> removeEverywhere(child, name));
    }
  }

  /** A JSON value for an SDK type: every property set, one level of recursion for recursive types. */
  static JsonNode fill(Type type, int depth) throws Exception {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == Optional.class) {
        return fill(args[0], depth);
      }
      if (List.class.isAssignableFrom(raw)) {
        return JSON.createArrayNode().add(fill(args[0], depth));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return JSON.createObjectNode().set("key", fill(args[1], depth));
      }
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) return JSON.getNodeFactory().textNode("text");
    if (c == Boolean.class) return JSON.getNodeFactory().booleanNode(true);
    if (c == Integer.class || c == Long.class) return JSON.getNodeFactory().numberNode(2);
    if (c == Float.class || c == Double.class) return JSON.getNodeFactory().numberNode(0.5);
    if (c == byte[].class) return JSON.getNodeFactory().textNode("AAAA");
    if (c == Object.class) return JSON.createObjectNode().put("type", "object");
    if (c == Duration.class) return JSON.getNodeFactory().textNode("1.5s");
    if (c == java.time.Instant.class) return JSON.getNodeFactory().textNode("2026-01-01T00:00:00Z");
    for (Class<?> inner : c.getDeclaredClasses()) {
      if (inner.getSimpleName().equals("Known") && inner.isEnum()) {
        Object[] values = inner.getEnumConstants();
        return JSON.getNodeFactory().textNode(values[values.length > 1 ? 1 : 0].toString());
      }
    }
    ObjectNode out = JSON.createObjectNode();
    if (depth > 2) {
      return out;
    }
    for (Method m : c.getDeclaredMethods()) {
      JsonProperty name = m.getAnnotation(JsonProperty.class);
      if (name != null && Modifier.isAbstract(m.getModifiers()) && m.getParameterCount() == 0) {
        out.set(name.value(), fill(m.getGenericReturnType(), depth + 1));
      }
    }
    return out;
  }
}
