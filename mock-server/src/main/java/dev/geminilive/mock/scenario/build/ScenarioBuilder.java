package dev.geminilive.mock.scenario.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.load.ScenarioLibrary;
import dev.geminilive.mock.scenario.load.ScenarioLoader;
import dev.geminilive.mock.scenario.load.ScenarioProblem;
import java.util.function.Consumer;

/**
 * Scenarios in Java, as WireMock users write stubs in code. The builder writes the same document
 * a scenario file holds and reads it with the same loader, so a built scenario gets the same
 * checks (schema, paths, captures, model, profile warnings), the same engine and the same journal
 * as a file:
 *
 * <pre>{@code
 * Scenario weather = ScenarioBuilder.scenario("weather-by-text")
 *     .model("gemini-3.1-flash-live-preview")
 *     .expectText(e -> e.regex("realtimeInput.text", "(?i)weather"))
 *     .toolCall("get_weather", Map.of("city", "Paris"), "weatherCall")
 *     .expect("toolResponse", e -> e.match("toolResponse.functionResponses[0].id", "${weatherCall}"))
 *     .say(s -> s.tone(440, 600).transcript("It is sunny in Paris."))
 *     .build();
 * }</pre>
 *
 * Anything the shorthands do not cover can be written as in a file with {@link #step(String, Object)}
 * and {@link #set(String, Object)}.
 */
public final class ScenarioBuilder {
  private static final ObjectMapper JSON = LiveJson.mapper();

  private final ObjectNode root = JSON.createObjectNode();
  private ArrayNode steps;
  private ArrayNode connections;

  private ScenarioBuilder(String id) {
    root.put("id", id);
    root.put("title", id);
    steps = root.putArray("steps");
  }

  /** A new scenario with this id (also its title until {@link #title} says otherwise). */
  public static ScenarioBuilder scenario(String id) {
    return new ScenarioBuilder(id);
  }

  public ScenarioBuilder title(String title) {
    root.put("title", title);
    return this;
  }

  public ScenarioBuilder description(String description) {
    root.put("description", description);
    return this;
  }

  /** The model id the setup must name (it also selects the model profile). */
  public ScenarioBuilder model(String model) {
    root.put("model", model);
    return this;
  }

  /** {@code developer} or {@code vertex}. */
  public ScenarioBuilder api(String api) {
    root.put("api", api);
    return this;
  }

  public ScenarioBuilder defaultTimeoutMs(int ms) {
    defaults().put("timeoutMs", ms);
    return this;
  }

  /** False: microphone audio while an expect waits for something else is a mismatch. */
  public ScenarioBuilder ambientAudio(boolean passes) {
    defaults().put("ambientAudio", passes);
    return this;
  }

  public ScenarioBuilder ignore(String... types) {
    ArrayNode a = root.putArray("ignore");
    for (String t : types) {
      a.add(t);
    }
    return this;
  }

  public ScenarioBuilder onMismatch(int code, String reason) {
    ObjectNode m = root.putObject("onMismatch").put("code", code);
    if (reason != null) {
      m.put("reason", reason);
    }
    return this;
  }

  /** Any top-level key as in a file, e.g. {@code set("tags", List.of("tools"))}. */
  public ScenarioBuilder set(String key, Object value) {
    root.set(key, JSON.valueToTree(value));
    return this;
  }

  // ---- connections ----

  /**
   * Starts the next connection: the steps that follow belong to it. The steps given so far are
   * the first connection's. Captures carry over from one connection to the next.
   */
  public ScenarioBuilder nextConnection() {
    if (connections == null) {
      connections = JSON.createArrayNode();
      connections.addObject().set("steps", steps);
      root.remove("steps");
      root.set("connections", connections);
    }
    steps = connections.addObject().putArray("steps");
    return this;
  }

  // ---- steps ----

  /** Any step as in a file: {@code step("goAway", Map.of("timeLeft", "2s"))}. */
  public ScenarioBuilder step(String name, Object value) {
    steps.addObject().set(name, value == null ? JSON.createObjectNode() : JSON.valueToTree(value));
    return this;
  }

  public ScenarioBuilder expect(String type) {
    return expect(type, e -> {});
  }

  public ScenarioBuilder expect(String type, Consumer<Expect> details) {
    Expect e = new Expect(type);
    details.accept(e);
    steps.addObject().set("expect", e.node);
    return this;
  }

  public ScenarioBuilder expectSetup(Consumer<Expect> details) {
    return expect("setup", details);
  }

  public ScenarioBuilder expectText(Consumer<Expect> details) {
    return expect("realtimeInput.text", details);
  }

  public ScenarioBuilder expectNothing(int ms) {
    return step("expectNothing", JSON.createObjectNode().put("ms", ms));
  }

  /** A model turn with a text part. */
  public ScenarioBuilder say(String text) {
    return say(s -> s.text(text));
  }

  public ScenarioBuilder say(Consumer<Say> details) {
    Say s = new Say();
    details.accept(s);
    steps.addObject().set("say", s.node);
    return this;
  }

  /** One function call; {@code capture} (may be null) keeps its generated id. */
  public ScenarioBuilder toolCall(String name, Object args, String capture) {
    ObjectNode call = JSON.createObjectNode().put("name", name);
    if (args != null) {
      call.set("args", JSON.valueToTree(args));
    }
    if (capture != null) {
      call.put("capture", capture);
    }
    ObjectNode step = JSON.createObjectNode();
    step.putArray("calls").add(call);
    steps.addObject().set("toolCall", step);
    return this;
  }

  public ScenarioBuilder interrupt(String... cancelToolCalls) {
    ObjectNode i = JSON.createObjectNode();
    if (cancelToolCalls.length > 0) {
      ArrayNode ids = i.putArray("cancelToolCalls");
      for (String id : cancelToolCalls) {
        ids.add(id);
      }
    }
    steps.addObject().set("interrupt", i);
    return this;
  }

  public ScenarioBuilder goAway(String timeLeft) {
    return step("goAway", JSON.createObjectNode().put("timeLeft", timeLeft));
  }

  /** A generated resumption handle, captured under {@code capture} (may be null). */
  public ScenarioBuilder resumptionUpdate(String capture) {
    ObjectNode u = JSON.createObjectNode().put("resumable", true);
    if (capture != null) {
      u.put("capture", capture);
    }
    return step("resumptionUpdate", u);
  }

  public ScenarioBuilder usage(int promptTokens, int responseTokens) {
    return step("usage", JSON.createObjectNode().put("promptTokens", promptTokens).put("responseTokens", responseTokens));
  }

  /** A raw server message, e.g. {@code Map.of("serverContent", Map.of("turnComplete", true))}. */
  public ScenarioBuilder send(Object serverMessage) {
    return step("send", serverMessage);
  }

  public ScenarioBuilder waitMs(int ms) {
    return step("wait", JSON.createObjectNode().put("ms", ms));
  }

  public ScenarioBuilder close(int code, String reason) {
    ObjectNode c = JSON.createObjectNode().put("code", code);
    if (reason != null) {
      c.put("reason", reason);
    }
    return step("close", c);
  }

  public ScenarioBuilder drop() {
    return step("drop", null);
  }

  public ScenarioBuilder stall() {
    return step("stall", null);
  }

  /**
   * A {@code network} step: from here on, server frames cross a network with these conditions.
   * For conditions from the setup on, write {@code set("network", conditions.toJson())}.
   */
  public ScenarioBuilder network(dev.geminilive.mock.network.NetworkConditions conditions) {
    return step("network", conditions.toJson());
  }

  // ---- rules ----

  /** A rule: whenever a client message of {@code type} passing {@code when} arrives, run {@code then}. */
  public ScenarioBuilder rule(String type, Consumer<Rule> details) {
    Rule r = new Rule(type);
    details.accept(r);
    ArrayNode rules = root.has("rules") ? (ArrayNode) root.get("rules") : root.putArray("rules");
    rules.add(r.node);
    return this;
  }

  // ---- output ----

  /** The scenario as a file would hold it (JSON; YAML readers read it too). */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks and builds against the bundled profiles; audio can only be generated (tone, silence). */
  public Scenario build() {
    return build(ScenarioLibrary.withoutFolder(ProfileCatalog.bundled()));
  }

  /**
   * Checks and builds as if the scenario were a file of {@code library}'s folder (so audio files
   * resolve there), against the library's profiles.
   *
   * @throws InvalidScenarioException listing every problem, with the document it checked
   */
  public Scenario build(ScenarioLibrary library) {
    String text = toJson();
    String name = root.path("id").asText() + " (built in Java).json";
    ScenarioLoader.FileResult result = library.read(name, text);
    if (!result.ok()) {
      StringBuilder sb = new StringBuilder("scenario ").append(root.path("id").asText())
          .append(" has problems:");
      for (ScenarioProblem p : result.problems()) {
        sb.append("\n  ").append(p);
      }
      sb.append("\nas a file (lines as above):\n");
      String[] lines = text.split("\n");
      for (int i = 0; i < lines.length; i++) {
        sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
      }
      throw new InvalidScenarioException(sb.toString(), result.problems());
    }
    return result.scenario();
  }

  private ObjectNode defaults() {
    return root.has("defaults") ? (ObjectNode) root.get("defaults") : root.putObject("defaults");
  }

  /** What an {@code expect} checks. */
  public static final class Expect {
    private final ObjectNode node = JSON.createObjectNode();

    private Expect(String type) {
      node.put("type", type);
    }

    private ObjectNode matcher(String path) {
      ObjectNode match = node.has("match") ? (ObjectNode) node.get("match") : node.putObject("match");
      JsonNode existing = match.get(path);
      if (existing instanceof ObjectNode o) {
        return o;
      }
      ObjectNode m = match.putObject(path);
      if (existing != null) {
        m.set("equals", existing);
      }
      return m;
    }

    /** The value at {@code path} equals {@code value} (strings may use {@code ${capture}}). */
    public Expect match(String path, Object value) {
      matcher(path).set("equals", JSON.valueToTree(value));
      return this;
    }

    public Expect regex(String path, String regex) {
      matcher(path).put("regex", regex);
      return this;
    }

    public Expect contains(String path, String text) {
      matcher(path).put("contains", text);
      return this;
    }

    public Expect present(String path) {
      matcher(path).put("present", true);
      return this;
    }

    public Expect absent(String path) {
      matcher(path).put("absent", true);
      return this;
    }

    public Expect between(String path, double min, double max) {
      matcher(path).put("min", min).put("max", max);
      return this;
    }

    public Expect capture(String name, String path) {
      ObjectNode c = node.has("capture") ? (ObjectNode) node.get("capture") : node.putObject("capture");
      c.put(name, path);
      return this;
    }

    public Expect timeoutMs(int ms) {
      node.put("timeoutMs", ms);
      return this;
    }

    public Expect ambientAudio(boolean passes) {
      node.put("ambientAudio", passes);
      return this;
    }

    /** An audio expectation as in a file: {@code audio(Map.of("speech", "started"))}. */
    public Expect audio(Object spec) {
      node.set("audio", JSON.valueToTree(spec));
      return this;
    }

    /** A message that satisfies this expectation; the checks verify it does. */
    public Expect example(Object message) {
      node.set("example", JSON.valueToTree(message));
      return this;
    }
  }

  /** What a {@code say} sends. */
  public static final class Say {
    private final ObjectNode node = JSON.createObjectNode();

    private Say() {}

    public Say text(String text) {
      node.put("text", text);
      return this;
    }

    public Say tone(double hz, int ms) {
      node.putObject("audio").putObject("tone").put("hz", hz).put("ms", ms);
      return this;
    }

    public Say silence(int ms) {
      node.putObject("audio").putObject("silence").put("ms", ms);
      return this;
    }

    /** A WAV or raw PCM file, relative to the library's folder. */
    public Say file(String file) {
      node.putObject("audio").put("file", file);
      return this;
    }

    public Say transcript(String text) {
      node.put("transcript", text);
      return this;
    }

    public Say inputTranscript(String text) {
      node.put("inputTranscript", text);
      return this;
    }

    public Say fast() {
      node.put("pace", "fast");
      return this;
    }

    public Say background() {
      node.put("background", true);
      return this;
    }

    public Say chunkMs(int ms) {
      node.put("chunkMs", ms);
      return this;
    }

    /** A scripted delay before the turn's first part, honoured in fast and realistic timing. */
    public Say firstAudioMs(int ms) {
      node.put("firstAudioMs", ms);
      return this;
    }

    /** Time between audio chunks (0: all at once), instead of the pace or the family's speed. */
    public Say cadenceMs(int ms) {
      node.put("cadenceMs", ms);
      return this;
    }

    public Say turnComplete(boolean sent) {
      node.put("turnComplete", sent);
      return this;
    }

    public Say generationComplete(boolean sent) {
      node.put("generationComplete", sent);
      return this;
    }
  }

  /** A rule: when, and what to do. */
  public static final class Rule {
    private final ObjectNode node = JSON.createObjectNode();
    private final ObjectNode when;
    private final ArrayNode actions;

    private Rule(String type) {
      when = node.putObject("when").put("type", type);
      actions = node.putArray("do");
    }

    public Rule whileSpeaking() {
      when.put("whileSpeaking", true);
      return this;
    }

    public Rule once() {
      node.put("once", true);
      return this;
    }

    public Rule match(String path, Object value) {
      ObjectNode match = when.has("match") ? (ObjectNode) when.get("match") : when.putObject("match");
      match.set(path, JSON.valueToTree(value));
      return this;
    }

    /** An action as in a file: {@code then("close", Map.of("code", 1007))}. */
    public Rule then(String action, Object value) {
      actions.addObject().set(action, value == null ? JSON.createObjectNode() : JSON.valueToTree(value));
      return this;
    }

    public Rule interrupt() {
      return then("interrupt", null);
    }
  }
}
