package dev.geminilive.mock.scenario.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.network.NetworkConditions;
import dev.geminilive.mock.network.NetworkSpec;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.profile.Reaction;
import dev.geminilive.mock.profile.RuleBreak;
import dev.geminilive.mock.profile.SetupValidator;
import dev.geminilive.mock.protocol.ClientMessageDecoder;
import dev.geminilive.mock.protocol.LiveJson;
import dev.geminilive.mock.protocol.ProtocolViolation;
import dev.geminilive.mock.protocol.ServerMessage;
import dev.geminilive.mock.protocol.Setup;
import dev.geminilive.mock.scenario.AudioClip;
import dev.geminilive.mock.scenario.Captures;
import dev.geminilive.mock.scenario.FieldMatcher;
import dev.geminilive.mock.scenario.JsonPath;
import dev.geminilive.mock.scenario.MessageFields;
import dev.geminilive.mock.scenario.MessageType;
import dev.geminilive.mock.scenario.Rule;
import dev.geminilive.mock.scenario.Scenario;
import dev.geminilive.mock.scenario.Script;
import dev.geminilive.mock.scenario.SourceRef;
import dev.geminilive.mock.scenario.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a schema-valid tree into a {@link Scenario} and checks what a schema cannot: paths and
 * regular expressions that do not compile, audio files (missing, outside the root, unreadable),
 * captures used before they are defined, steps that can never run, raw server messages the mock
 * cannot send, examples that fail their own expectation, models no profile serves.
 */
final class ScenarioReader {
  /** Captures every run has without defining them. */
  static final Set<String> BUILT_IN_CAPTURES = Set.of("sessionId");

  private static final int DEFAULT_CHUNK_MS = 40;
  private static final int OUTPUT_RATE = 24_000;

  private final Path root;
  private final Path scenarioDir;
  private final String display;
  private final LocatedTree tree;
  private final ProfileCatalog profiles;
  private final List<ScenarioProblem> problems = new ArrayList<>();

  ScenarioReader(Path root, Path file, String display, LocatedTree tree, ProfileCatalog profiles) {
    this.root = root;
    this.scenarioDir = file.toAbsolutePath().normalize().getParent();
    this.display = display;
    this.tree = tree;
    this.profiles = profiles;
  }

  List<ScenarioProblem> problems() {
    return problems;
  }

  Scenario read() {
    JsonNode r = tree.root();
    String id = r.path("id").asText();
    ApiFlavour flavour = switch (r.path("api").asText("")) {
      case "vertex" -> ApiFlavour.VERTEX;
      case "developer" -> ApiFlavour.DEVELOPER;
      default -> null;
    };
    String model = r.hasNonNull("model") ? r.get("model").asText() : null;
    if (model != null && profiles != null) {
      checkModel(model, flavour);
    }
    Set<String> ignore = new LinkedHashSet<>();
    for (JsonNode t : r.path("ignore")) {
      ignore.add(MessageType.canonical(t.asText()));
    }
    // "on" was the first name of "rules"; YAML 1.1 tools read the key on as the boolean true.
    String rulesKey = "rules";
    if (r.has("on")) {
      if (r.has("rules")) {
        problem("/on", true, "write the rules under rules: only; on: is its old name");
      } else {
        rulesKey = "on";
        warning("/on", true, "rename on: to rules: (YAML 1.1 tools read the key on as true, so schema"
            + " checkers fail on it); on: is still read for now");
      }
    }
    List<Rule> common = rules(r.path(rulesKey), "/" + rulesKey);
    if (r.has("steps") && r.has("connections")) {
      problem("/connections", true, "give steps (one connection) or connections (several), not both");
    } else if (!r.has("steps") && !r.has("connections")) {
      problem("", false, "a scenario needs steps: (the script); or connections: with steps for each connection");
    }
    List<Script> scripts = new ArrayList<>();
    NetworkConditions network = r.has("network") ? network(r.get("network"), "/network") : null;
    if (r.has("connections")) {
      JsonNode conns = r.get("connections");
      for (int c = 0; c < conns.size(); c++) {
        String at = "/connections/" + c;
        List<Rule> rules = new ArrayList<>(common);
        rules.addAll(rules(conns.get(c).path("rules"), at + "/rules"));
        boolean own = conns.get(c).has("network");
        NetworkConditions n = own ? network(conns.get(c).get("network"), at + "/network") : network;
        scripts.add(new Script(steps(conns.get(c).path("steps"), at + "/steps"), List.copyOf(rules), ref(at),
            n, n == null ? null : ref(own ? at + "/network" : "/network")));
      }
    } else {
      scripts.add(new Script(steps(r.path("steps"), "/steps"), common, ref(""), network,
          network == null ? null : ref("/network")));
    }
    Set<String> defined = new HashSet<>(BUILT_IN_CAPTURES);
    Set<String> all = new HashSet<>(BUILT_IN_CAPTURES);
    for (Script script : scripts) {
      script.steps().forEach(st -> all.addAll(definedBy(st)));
      script.rules().forEach(ru -> ru.actions().forEach(a -> all.addAll(definedBy(a))));
    }
    for (Script script : scripts) {
      checkOrder(script.steps(), "steps");
      for (Rule rule : script.rules()) {
        checkOrder(rule.actions(), "rule");
      }
      checkCaptures(script.steps(), script.rules(), defined, all);
      if (model != null && profiles != null) {
        checkProfilePreemption(script.steps(), model, flavour);
      }
    }
    List<String> tags = new ArrayList<>();
    r.path("tags").forEach(t -> tags.add(t.asText()));
    JsonNode mismatch = r.path("onMismatch");
    return new Scenario(
        id,
        r.path("title").asText(),
        r.path("description").asText(""),
        List.copyOf(tags),
        model,
        flavour,
        List.copyOf(scripts),
        Set.copyOf(ignore),
        r.path("defaults").path("ambientAudio").asBoolean(true),
        r.path("defaults").path("timeoutMs").asInt(Scenario.DEFAULT_TIMEOUT_MS),
        mismatch.path("code").asInt(Scenario.DEFAULT_MISMATCH_CODE),
        mismatch.path("reason").asText(""),
        display,
        ref(r.has("model") ? "/model" : r.has("api") ? "/api" : ""));
  }

  private void checkModel(String model, ApiFlavour flavour) {
    List<ApiFlavour> flavours = flavour == null ? List.of(ApiFlavour.DEVELOPER, ApiFlavour.VERTEX) : List.of(flavour);
    for (ApiFlavour f : flavours) {
      if (profiles.resolve(model, f).isPresent()) {
        return;
      }
    }
    problem("/model", false, "no model profile serves \"" + model + "\""
        + (flavour == null ? "" : " on the " + flavour.name().toLowerCase() + " API")
        + "; write the id without models/ (e.g. gemini-2.5-flash-native-audio-preview-12-2025)");
  }

  // ---- steps ----

  private List<Step> steps(JsonNode nodes, String pointer) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Step s = step(nodes.get(i), pointer + "/" + i);
      if (s != null) {
        steps.add(s);
      }
    }
    return List.copyOf(steps);
  }

  private List<Rule> rules(JsonNode nodes, String pointer) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      rules.add(rule(nodes.get(i), pointer + "/" + i));
    }
    return List.copyOf(rules);
  }

  private Step step(JsonNode node, String pointer) {
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    String name = only.getKey();
    JsonNode v = only.getValue() == null || only.getValue().isNull()
        ? JsonNodeFactory.instance.objectNode() : only.getValue();
    String at = pointer + "/" + name;
    SourceRef where = ref(pointer);
    return switch (name) {
      case "expect" -> expect(v, at, where, node);
      case "expectNothing" -> new Step.ExpectNothing(v.path("ms").asInt(), where, node);
      case "send" -> send(v, at, where, node);
      case "say" -> say(v, at, where, node);
      case "toolCall" -> toolCall(v, where, node);
      case "interrupt" -> {
        List<String> cancel = new ArrayList<>();
        v.path("cancelToolCalls").forEach(c -> cancel.add(c.asText()));
        yield new Step.Interrupt(List.copyOf(cancel), v.path("turnComplete").asBoolean(true), where, node);
      }
      case "goAway" -> new Step.GoAway(v.path("timeLeft").asText("10s"), v.path("endConnection").asBoolean(true),
          where, node);
      case "resumptionUpdate" -> new Step.ResumptionUpdate(
          v.hasNonNull("handle") ? v.get("handle").asText() : null,
          v.path("resumable").asBoolean(true),
          v.hasNonNull("capture") ? v.get("capture").asText() : null, where, node);
      case "usage" -> new Step.Usage(intOrNull(v, "promptTokens"), intOrNull(v, "responseTokens"),
          intOrNull(v, "totalTokens"), where, node);
      case "wait" -> new Step.Wait(v.path("ms").asInt(), where, node);
      case "close" -> new Step.Close(v.path("code").asInt(), v.path("reason").asText(""), where, node);
      case "drop" -> new Step.Drop(where, node);
      case "stall" -> new Step.Stall(where, node);
      case "network" -> {
        NetworkConditions n = network(v, at);
        yield n == null ? null : new Step.Network(n, where, node);
      }
      default -> {
        problem(pointer + "/" + LocatedTree.escape(name), true, "unknown step \"" + name + "\"");
        yield null;
      }
    };
  }

  private Step.Expect expect(JsonNode v, String at, SourceRef where, JsonNode source) {
    String type = MessageType.canonical(v.path("type").asText());
    int problemsBefore = errorCount();
    List<FieldMatcher> matchers = matchers(v.path("match"), at + "/match", type);
    Map<String, JsonPath> captures = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.path("capture").properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String capturePointer = at + "/capture/" + LocatedTree.escape(e.getKey());
      JsonPath path = path(e.getValue().asText(), capturePointer, false);
      if (path != null) {
        String impossible = MessageFields.check(type, path);
        if (impossible != null) {
          problem(capturePointer, false, "capture path " + path + " never finds a value: " + impossible);
        }
        captures.put(e.getKey(), path);
      }
    }
    Step.AudioExpectation audio = null;
    if (v.has("audio")) {
      JsonNode a = v.get("audio");
      if (!"realtimeInput.audio".equals(type)) {
        problem(at + "/audio", true, "an audio expectation needs type: realtimeInput.audio (or audio), not " + type);
      }
      audio = new Step.AudioExpectation(intOrNull(a, "minMs"),
          a.hasNonNull("until") ? MessageType.canonical(a.get("until").asText()) : null,
          intOrNull(a, "silenceMs"),
          a.hasNonNull("speech") ? a.get("speech").asText() : null,
          intOrNull(a, "minSpeechMs"));
      if (Step.AudioExpectation.STARTED.equals(audio.speech()) && (audio.silenceMs() != null || audio.until() != null)) {
        problem(at + "/audio/speech", false, "speech: started ends the step as soon as the user speaks;"
            + " silenceMs and until wait for the end of the turn; use speech: ended for that");
      }
    }
    JsonNode example = v.has("example") ? v.get("example") : null;
    Boolean ambient = v.hasNonNull("ambientAudio") ? v.get("ambientAudio").asBoolean() : null;
    Step.Expect expect = new Step.Expect(type, List.copyOf(matchers), Map.copyOf(captures), audio,
        intOrNull(v, "timeoutMs"), ambient, example, where, source);
    // Checked whenever this step's own matchers are sound, so one broken step hides no other.
    if (example != null && errorCount() == problemsBefore) {
      checkExample(expect, example, at + "/example");
    }
    return expect;
  }

  /** The example must be a message of the step's type that passes every matcher. */
  private void checkExample(Step.Expect expect, JsonNode example, String at) {
    Iterator<String> keys = example.fieldNames();
    String key = keys.hasNext() ? keys.next() : "";
    String kind = key;
    if (key.equals("realtimeInput") && example.get(key).isObject()) {
      Iterator<String> inner = example.get(key).fieldNames();
      kind = "realtimeInput." + (inner.hasNext() ? inner.next() : "");
    }
    boolean audioExpectation = expect.audio() != null;
    if (!audioExpectation && !kind.equals(expect.type())) {
      problem(at, false, "example is a " + kind + " message but the step expects " + expect.type());
      return;
    }
    Captures placeholders = new Captures();
    for (String name : Captures.referencesIn(example)) {
      placeholders.put(name, "<" + name + ">");
    }
    for (FieldMatcher m : expect.matchers()) {
      for (String name : Captures.referencesIn(m.equals() == null ? null : m.equals())) {
        placeholders.put(name, "<" + name + ">");
      }
    }
    JsonNode resolved = placeholders.resolve(example);
    try {
      new ClientMessageDecoder().decode(resolved.toString().getBytes(StandardCharsets.UTF_8));
    } catch (ProtocolViolation v) {
      problem(at, false, "example is not a valid client message: " + v.reason());
      return;
    }
    for (FieldMatcher m : expect.matchers()) {
      String failure = m.check(resolved, placeholders);
      if (failure != null) {
        problem(at, false, "example does not pass its own match: " + failure);
      }
    }
  }

  private List<FieldMatcher> matchers(JsonNode match, String at, String type) {
    List<FieldMatcher> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = match.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String keyPointer = at + "/" + LocatedTree.escape(e.getKey());
      JsonPath path = path(e.getKey(), keyPointer, true);
      JsonNode m = e.getValue();
      SourceRef where = ref(keyPointer);
      if (path == null) {
        continue;
      }
      String impossible = MessageFields.check(type, path);
      if (impossible != null) {
        problem(keyPointer, true, "match path " + path + " can never match: " + impossible);
        continue;
      }
      String scalar = MessageFields.scalarAt(type, path);
      if (m.isObject() && (m.has("min") || m.has("max")) && scalar != null && !scalar.equals("a number")) {
        problem(keyPointer, true, path + " is " + scalar + "; min and max compare numbers, so this never matches");
      }
      if (!m.isObject()) {
        out.add(new FieldMatcher(path, m, null, null, null, null, null, where));
        continue;
      }
      Pattern regex = null;
      if (m.has("regex")) {
        try {
          regex = Pattern.compile(m.get("regex").asText());
        } catch (PatternSyntaxException ex) {
          problem(keyPointer + "/regex", false, "regular expression does not compile: " + ex.getDescription());
        }
      }
      Boolean present = m.has("present") ? Boolean.valueOf(m.get("present").asBoolean()) : null;
      if (m.has("absent")) {
        boolean absent = m.get("absent").asBoolean();
        if (present != null && present == absent) {
          problem(keyPointer + "/absent", true, "present and absent contradict each other");
        }
        present = !absent;
      }
      Double min = m.has("min") ? m.get("min").asDouble() : null;
      Double max = m.has("max") ? m.get("max").asDouble() : null;
      if (min != null && max != null && min > max) {
        problem(keyPointer + "/min", true, "min " + min + " is greater than max " + max);
      }
      out.add(new FieldMatcher(path, m.get("equals"), regex,
          m.has("contains") ? m.get("contains").asText() : null, present, min, max, where));
    }
    return out;
  }

  private JsonPath path(String text, String pointer, boolean atKey) {
    try {
      return JsonPath.parse(text);
    } catch (IllegalArgumentException e) {
      problem(pointer, atKey, "bad JSON path: " + e.getMessage());
      return null;
    }
  }

  private Step.Send send(JsonNode v, String at, SourceRef where, JsonNode source) {
    // The mock sends typed messages; a field the model does not know would be silently lost.
    try {
      JsonNode original = v;
      ServerMessage typed = LiveJson.mapper().treeToValue(original, ServerMessage.class);
      JsonNode back = LiveJson.mapper().valueToTree(typed);
      String lost = firstLoss(original, back, "");
      if (lost != null) {
        problem(at + lost, true, "the mock cannot send \"" + lost.substring(1).replace('/', '.')
            + "\": not a field of a Live server message it knows");
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problem(at, false, "not a server message: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return new Step.Send(v, where, source);
  }

  /** The pointer of the first field present in {@code a} but not in {@code b}, or null. */
  private static String firstLoss(JsonNode a, JsonNode b, String pointer) {
    if (a.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = pointer + "/" + LocatedTree.escape(e.getKey());
        if (e.getValue().isNull()) {
          continue;
        }
        if (b == null || !b.has(e.getKey())) {
          return p;
        }
        String inner = firstLoss(e.getValue(), b.get(e.getKey()), p);
        if (inner != null) {
          return inner;
        }
      }
    } else if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        String inner = firstLoss(a.get(i), b == null ? null : b.get(i), pointer + "/" + i);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  private Step.Say say(JsonNode v, String at, SourceRef where, JsonNode source) {
    AudioClip clip = null;
    if (v.has("audio")) {
      clip = audio(v.get("audio"), at + "/audio");
    }
    if (!v.has("text") && !v.has("audio") && !v.has("transcript") && !v.has("inputTranscript")) {
      problem(at, false, "say needs text, audio or a transcript");
    }
    return new Step.Say(
        v.hasNonNull("text") ? v.get("text").asText() : null,
        clip,
        v.path("chunkMs").asInt(DEFAULT_CHUNK_MS),
        !"fast".equals(v.path("pace").asText("realtime")),
        v.hasNonNull("transcript") ? v.get("transcript").asText() : null,
        v.hasNonNull("inputTranscript") ? v.get("inputTranscript").asText() : null,
        v.path("generationComplete").asBoolean(true),
        v.path("turnComplete").asBoolean(true),
        v.path("background").asBoolean(false),
        v.hasNonNull("firstAudioMs") ? v.get("firstAudioMs").asInt() : null,
        v.hasNonNull("cadenceMs") ? v.get("cadenceMs").asInt() : null,
        v.has("pace"),
        where,
        source);
  }

  private AudioClip audio(JsonNode a, String at) {
    int sources = (a.has("tone") ? 1 : 0) + (a.has("silence") ? 1 : 0) + (a.has("file") ? 1 : 0);
    if (sources != 1) {
      problem(at, false, "audio needs exactly one of tone, silence or file");
      return null;
    }
    if (a.has("rate") && !a.has("file")) {
      problem(at + "/rate", true, "rate is only for a raw .pcm file");
    }
    if (a.has("tone")) {
      JsonNode t = a.get("tone");
      return AudioClip.tone(t.path("hz").asDouble(440), t.path("ms").asInt(), t.path("amplitude").asInt(8000), OUTPUT_RATE);
    }
    if (a.has("silence")) {
      return AudioClip.silence(a.get("silence").path("ms").asInt(), OUTPUT_RATE);
    }
    String written = a.get("file").asText();
    try {
      Path file = AudioFiles.resolve(root, scenarioDir, written);
      return AudioFiles.load(file, written, intOrNull(a, "rate"));
    } catch (AudioFiles.Refused e) {
      problem(at + "/file", false, e.getMessage());
      return null;
    }
  }

  private Step.ToolCall toolCall(JsonNode v, SourceRef where, JsonNode source) {
    List<Step.Call> calls = new ArrayList<>();
    for (JsonNode c : v.path("calls")) {
      calls.add(new Step.Call(c.path("name").asText(),
          c.has("args") ? c.get("args") : JsonNodeFactory.instance.objectNode(),
          c.hasNonNull("id") ? c.get("id").asText() : null,
          c.hasNonNull("capture") ? c.get("capture").asText() : null));
    }
    return new Step.ToolCall(List.copyOf(calls), where, source);
  }

  private Rule rule(JsonNode v, String at) {
    JsonNode when = v.path("when");
    List<Step> actions = new ArrayList<>();
    JsonNode doNodes = v.path("do");
    for (int i = 0; i < doNodes.size(); i++) {
      Step s = step(doNodes.get(i), at + "/do/" + i);
      if (s != null) {
        actions.add(s);
      }
    }
    String type = MessageType.canonical(when.path("type").asText());
    return new Rule(type,
        List.copyOf(matchers(when.path("match"), at + "/when/match", type)),
        when.path("whileSpeaking").asBoolean(false), v.path("once").asBoolean(false),
        List.copyOf(actions), ref(at));
  }

  /** Network conditions; what the schema cannot say (afterMs with afterAudioChunks) is reported here. */
  private NetworkConditions network(JsonNode v, String at) {
    NetworkSpec.Result read = NetworkSpec.read(v);
    for (NetworkSpec.Problem p : read.problems()) {
      problem(at + p.pointer(), !p.pointer().isEmpty(), p.message());
    }
    return read.conditions();
  }

  // ---- whole-script checks ----

  /**
   * A script whose first step expects a setup the model profile refuses never runs that step, nor
   * any after it: the profile closes (or holds) the session before the scenario sees the setup.
   * Warns, naming the profile rule, with the step's example or a setup built from its matchers.
   */
  private void checkProfilePreemption(List<Step> steps, String model, ApiFlavour flavour) {
    if (steps.isEmpty() || !(steps.get(0) instanceof Step.Expect e) || !"setup".equals(e.type())) {
      return;
    }
    ObjectNode message = e.example() != null && e.example().path("setup").isObject()
        ? (ObjectNode) e.example().deepCopy() : likelySetup(e);
    ObjectNode body = (ObjectNode) message.get("setup");
    if (!body.has("model")) {
      body.put("model", "models/" + model);
    }
    Setup setup;
    try {
      setup = LiveJson.mapper().treeToValue(body, Setup.class);
    } catch (JsonProcessingException | IllegalArgumentException ex) {
      return; // the example check reports a setup that does not decode
    }
    List<ApiFlavour> flavours = flavour == null ? List.of(ApiFlavour.DEVELOPER, ApiFlavour.VERTEX) : List.of(flavour);
    for (ApiFlavour f : flavours) {
      Optional<ModelProfile> profile = profiles.resolve(model, f);
      if (profile.isEmpty()) {
        continue;
      }
      Optional<RuleBreak> broken = new SetupValidator(profile.get()).check(setup, "v1beta", new ArrayList<>());
      if (broken.isPresent() && !broken.get().reaction().accepts() && !broken.get().reaction().ignores()) {
        Reaction r = broken.get().reaction();
        warning(e.where().pointer(), false, "this step never runs: the " + profile.get().family()
            + " profile " + (r.hangs() ? "holds" : "closes") + " such a setup first (rule " + broken.get().rule()
            + ": " + (r.closes() ? "close " + r.code() + " \"" + broken.get().closeReason() + "\"" : r.action())
            + "), so "
            + (steps.size() > 1 ? "neither this step nor the " + (steps.size() - 1) + " after it run" : "the script never starts")
            + ". A scenario cannot make the mock accept what the profile refuses: expect a setup the profile"
            + " accepts, or let the profile's close stand (the journal names the rule)");
        return;
      }
    }
  }

  /** A setup that passes the expectation's plain and {@code present} matchers, for the check above. */
  private static ObjectNode likelySetup(Step.Expect e) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("setup");
    for (FieldMatcher m : e.matchers()) {
      JsonNode value = m.equals();
      if (value == null && Boolean.TRUE.equals(m.present())) {
        String scalar = MessageFields.scalarAt("setup", m.path());
        value = scalar == null ? JsonNodeFactory.instance.objectNode()
            : scalar.equals("text") ? JsonNodeFactory.instance.textNode("x")
            : scalar.equals("a number") ? JsonNodeFactory.instance.numberNode(1024)
            : JsonNodeFactory.instance.booleanNode(true);
      }
      if (value != null && Captures.referencesIn(value).isEmpty()) {
        put(root, m.path().parts(), value);
      }
    }
    return root;
  }

  private static void put(ObjectNode root, List<String> parts, JsonNode value) {
    JsonNode node = root;
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      boolean last = i == parts.size() - 1;
      String next = last ? null : parts.get(i + 1);
      boolean nextIsIndex = next != null && next.startsWith("[");
      if (part.equals("[*]")) {
        return; // "any element" says nothing about which one to build
      }
      if (part.startsWith("[")) {
        if (!node.isArray()) {
          return;
        }
        ArrayNode array = (ArrayNode) node;
        int index = Integer.parseInt(part.substring(1, part.length() - 1));
        while (array.size() <= index) {
          array.add(nextIsIndex ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode());
        }
        if (last) {
          array.set(index, value);
          return;
        }
        node = array.get(index);
        continue;
      }
      if (!node.isObject()) {
        return;
      }
      ObjectNode object = (ObjectNode) node;
      if (last) {
        object.set(part, value);
        return;
      }
      if (!object.has(part)) {
        object.set(part, nextIsIndex ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode());
      }
      node = object.get(part);
    }
  }

  private void checkOrder(List<Step> steps, String where) {
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s instanceof Step.Expect e && "setup".equals(e.type()) && i > 0 && where.equals("steps")) {
        problem(s.where().pointer() + "/expect/type", false,
            "setup is the first message of a session; expect it only as the first step");
      }
      if (s.terminal() && i + 1 < steps.size()) {
        Step next = steps.get(i + 1);
        problem(next.where().pointer(), false, "unreachable: nothing runs after the " + s.name()
            + " at line " + s.where().line());
        return;
      }
    }
  }

  /**
   * @param defined names defined so far (by earlier connections too); this connection's steps add
   *     theirs
   * @param all names defined anywhere in the scenario (rules may use any of them)
   */
  private void checkCaptures(List<Step> steps, List<Rule> rules, Set<String> defined, Set<String> all) {
    for (Step s : steps) {
      for (String name : usedBy(s)) {
        if (!defined.contains(name)) {
          problem(referencePointer(s, name), false, all.contains(name)
              ? "capture ${" + name + "} is used before the step that defines it"
              : "capture ${" + name + "} is never defined");
        }
      }
      defined.addAll(definedBy(s));
    }
    for (Rule r : rules) {
      for (Step a : r.actions()) {
        for (String name : usedBy(a)) {
          if (!all.contains(name)) {
            problem(referencePointer(a, name), false, "capture ${" + name + "} is never defined");
          }
        }
      }
      for (FieldMatcher m : r.matchers()) {
        for (String name : referencesIn(m)) {
          if (!all.contains(name)) {
            problem(r.where().pointer(), false, "capture ${" + name + "} is never defined");
          }
        }
      }
    }
  }

  /** The pointer of the first string in the step that uses {@code ${name}}; the step if none. */
  private static String referencePointer(Step s, String name) {
    String found = find(s.source(), "${" + name + "}", "");
    return s.where().pointer() + (found == null ? "" : found);
  }

  private static String find(JsonNode node, String needle, String pointer) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText().contains(needle) ? pointer : null;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String hit = find(e.getValue(), needle, pointer + "/" + LocatedTree.escape(e.getKey()));
        if (hit != null) {
          return hit;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String hit = find(node.get(i), needle, pointer + "/" + i);
        if (hit != null) {
          return hit;
        }
      }
    }
    return null;
  }

  private static Set<String> definedBy(Step s) {
    Set<String> names = new LinkedHashSet<>();
    if (s instanceof Step.Expect e) {
      names.addAll(e.captures().keySet());
    } else if (s instanceof Step.ToolCall t) {
      t.calls().forEach(c -> {
        if (c.capture() != null) names.add(c.capture());
      });
    } else if (s instanceof Step.ResumptionUpdate u && u.capture() != null) {
      names.add(u.capture());
    }
    return names;
  }

  private static Set<String> usedBy(Step s) {
    Set<String> names = new LinkedHashSet<>();
    if (s instanceof Step.Expect e) {
      e.matchers().forEach(m -> names.addAll(referencesIn(m)));
      names.addAll(Captures.referencesIn(e.example()));
    } else if (s instanceof Step.Send send) {
      names.addAll(Captures.referencesIn(send.message()));
    } else if (s instanceof Step.Say say) {
      names.addAll(Captures.referencesIn(say.text()));
      names.addAll(Captures.referencesIn(say.transcript()));
      names.addAll(Captures.referencesIn(say.inputTranscript()));
    } else if (s instanceof Step.ToolCall t) {
      t.calls().forEach(c -> {
        names.addAll(Captures.referencesIn(c.args()));
        names.addAll(Captures.referencesIn(c.id()));
      });
    } else if (s instanceof Step.Interrupt i) {
      i.cancelToolCalls().forEach(c -> names.addAll(Captures.referencesIn(c)));
    } else if (s instanceof Step.Close c) {
      names.addAll(Captures.referencesIn(c.reason()));
    } else if (s instanceof Step.ResumptionUpdate u) {
      names.addAll(Captures.referencesIn(u.handle()));
    }
    return names;
  }

  private static Set<String> referencesIn(FieldMatcher m) {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(Captures.referencesIn(m.equals()));
    names.addAll(Captures.referencesIn(m.contains()));
    return names;
  }

  // ---- helpers ----

  private SourceRef ref(String pointer) {
    LocatedTree.Position p = tree.valueAt(pointer);
    return new SourceRef(display, p.line(), p.column(), pointer);
  }

  private void problem(String pointer, boolean atKey, String message) {
    LocatedTree.Position p = atKey ? tree.keyAt(pointer) : tree.valueAt(pointer);
    problems.add(new ScenarioProblem(display, p.line(), p.column(), message));
  }

  private void warning(String pointer, boolean atKey, String message) {
    LocatedTree.Position p = atKey ? tree.keyAt(pointer) : tree.valueAt(pointer);
    problems.add(ScenarioProblem.warning(display, p.line(), p.column(), message));
  }

  private int errorCount() {
    return (int) problems.stream().filter(ScenarioProblem::error).count();
  }

  private static Integer intOrNull(JsonNode v, String field) {
    return v.hasNonNull(field) ? v.get(field).asInt() : null;
  }
}
