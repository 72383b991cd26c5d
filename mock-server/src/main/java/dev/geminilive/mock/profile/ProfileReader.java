package dev.geminilive.mock.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one profile file: its YAML is laid over the defaults document (objects merge field by
 * field, anything else replaces), bound to {@link ModelProfile}, then checked. Every problem is a
 * {@link ProfileException} naming the file and the field.
 */
final class ProfileReader {
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private static final Set<String> ACTIONS = Set.of("accept", "ignore", "close", "hang");
  private static final Set<String> EVIDENCE = Set.of("observed", "inferred");

  /** The key naming the profile file a profile builds on. */
  static final String EXTENDS = "extends";

  private final JsonNode defaults;
  /** Finds the file an {@code extends:} names; null when there is none. */
  private final Function<String, byte[]> parents;

  ProfileReader(JsonNode defaults) {
    this(defaults, name -> null);
  }

  ProfileReader(JsonNode defaults, Function<String, byte[]> parents) {
    this.defaults = defaults;
    this.parents = parents;
  }

  static JsonNode tree(String file, byte[] yaml) {
    try {
      JsonNode node = YAML.readTree(yaml);
      if (node == null || !node.isObject()) {
        throw new ProfileException(file, "", "expected a YAML mapping at the top level", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ProfileException(file, "", "not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ProfileException(file, "", e.getMessage(), e);
    }
  }

  ModelProfile read(String file, byte[] yaml) {
    JsonNode own = tree(file, yaml);
    JsonNode base = defaults == null ? YAML.createObjectNode() : defaults.deepCopy();
    JsonNode merged = merge(withParents(file, own, base, new java.util.ArrayList<>()), own);
    ModelProfile profile;
    try {
      profile = YAML.treeToValue(merged, ModelProfile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ProfileException(file, path(e), "unknown field '" + e.getPropertyName()
          + "'; known here: " + e.getKnownPropertyIds(), e);
    } catch (JsonMappingException e) {
      String message = e.getOriginalMessage();
      int hint = message.indexOf(" (set DeserializationConfig");
      throw new ProfileException(file, path(e), hint > 0 ? message.substring(0, hint) : message, e);
    } catch (JsonProcessingException e) {
      throw new ProfileException(file, "", e.getOriginalMessage(), e);
    }
    check(file, profile, merged);
    return profile;
  }

  /**
   * {@code base} with the files {@code own} extends laid over it, farthest ancestor first; the
   * {@code extends} keys themselves are removed. A Vertex variant thus repeats only what differs.
   */
  private JsonNode withParents(String file, JsonNode own, JsonNode base, List<String> seen) {
    JsonNode name = own.get(EXTENDS);
    if (own instanceof ObjectNode o) {
      o.remove(EXTENDS);
    }
    if (name == null || name.isNull()) {
      return base;
    }
    if (!name.isTextual() || name.asText().isBlank()) {
      throw new ProfileException(file, EXTENDS, "give the file name of a profile, e.g. gemini-3.8-live.yaml", null);
    }
    String parentFile = name.asText().trim();
    if (seen.contains(parentFile)) {
      throw new ProfileException(file, EXTENDS, "profiles extend each other in a circle: " + seen, null);
    }
    seen.add(parentFile);
    byte[] yaml = parents.apply(parentFile);
    if (yaml == null) {
      throw new ProfileException(file, EXTENDS, "no profile file '" + parentFile + "' here or bundled", null);
    }
    JsonNode parent = tree(parentFile, yaml);
    return merge(withParents(parentFile, parent, base, seen), parent);
  }

  private static JsonNode merge(JsonNode base, JsonNode over) {
    if (!(base instanceof ObjectNode b) || !over.isObject()) {
      return over;
    }
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = b.get(e.getKey());
      b.set(e.getKey(), existing == null ? e.getValue() : merge(existing, e.getValue()));
    }
    return b;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static void check(String file, ModelProfile p, JsonNode tree) {
    if (p.family() == null || p.family().isBlank()) {
      throw new ProfileException(file, "family", "required", null);
    }
    if (p.models().isEmpty() && p.patterns().isEmpty()) {
      throw new ProfileException(file, "models", "give at least one model id or pattern", null);
    }
    for (int i = 0; i < p.patterns().size(); i++) {
      try {
        Pattern.compile(p.patterns().get(i));
      } catch (PatternSyntaxException e) {
        throw new ProfileException(file, "patterns[" + i + "]",
            "not a regular expression: " + e.getDescription(), e);
      }
    }
    reaction(file, "textModality", p.textModality());
    SetupRules s = p.setup();
    if (s.thinking() != null) {
      oneOf(file, "setup.thinking.field", s.thinking().field(),
          List.of(ThinkingRule.LEVEL, ThinkingRule.BUDGET, ThinkingRule.NONE));
      reaction(file, "setup.thinking.onViolation", s.thinking().onViolation());
      reaction(file, "setup.thinking.onMissing", s.thinking().onMissing());
    }
    reaction(file, "setup.proactiveAudioOff", s.proactiveAudioOff());
    reaction(file, "setup.emptyTools", s.emptyTools());
    reaction(file, "setup.affectiveDialog", s.affectiveDialog());
    reaction(file, "setup.proactivity", s.proactivity());
    reaction(file, "setup.onBadMediaResolution", s.onBadMediaResolution());
    oneOf(file, "clientContent.policy", p.clientContent().policy(),
        List.of(ClientContentRule.ANY_TIME, ClientContentRule.INITIAL_HISTORY_ONLY));
    reaction(file, "clientContent.onViolation", p.clientContent().onViolation());
    ClientContentRule cc = p.clientContent();
    if (cc.relaxedPolicy() != null) {
      oneOf(file, "clientContent.relaxedPolicy", cc.relaxedPolicy(),
          List.of(ClientContentRule.ANY_TIME, ClientContentRule.INITIAL_HISTORY_ONLY));
    }
    date(file, "clientContent.relaxedSince", cc.relaxedSince());
    oneOf(file, "clientContent.historyConfig", cc.historyConfig(),
        List.of(ClientContentRule.HONOURED, ClientContentRule.IGNORED));
    date(file, "clientContent.asOf", cc.asOf());
    RealtimeInputRules r = p.realtimeInput();
    reaction(file, "realtimeInput.mediaChunks", r.mediaChunks());
    reaction(file, "realtimeInput.badAudio", r.badAudio());
    reaction(file, "realtimeInput.activityWithAutomaticDetection", r.activityWithAutomaticDetection());
    reaction(file, "realtimeInput.audioStreamEndWithoutAutomaticDetection",
        r.audioStreamEndWithoutAutomaticDetection());
    reaction(file, "video.badFrame", p.video().badFrame());
    if (p.video().maxFramesPerSecond() <= 0) {
      throw new ProfileException(file, "video.maxFramesPerSecond", "must be positive", null);
    }
    oneOf(file, "functions.nonBlocking", p.functions().nonBlocking(),
        List.of(FunctionRules.HONOURED, FunctionRules.BLOCKING));
    oneOf(file, "functions.defaultBehavior", p.functions().defaultBehavior(),
        List.of("BLOCKING", "NON_BLOCKING"));
    reaction(file, "functions.blockingDeclared", p.functions().blockingDeclared());
    oneOf(file, "functions.scheduling", p.functions().scheduling(),
        List.of(FunctionRules.HONOURED, FunctionRules.IGNORED));
    oneOf(file, "functions.onBargeIn", p.functions().onBargeIn(),
        List.of(FunctionRules.CANCEL, FunctionRules.REISSUE));
    duration(file, "functions.reissueAfter", p.functions().reissueAfter());
    reaction(file, "functions.unknownId", p.functions().unknownId());
    reaction(file, "functions.missingId", p.functions().missingId());
    SessionLimits l = p.limits();
    duration(file, "limits.connectionLifetime", l.connectionLifetime());
    duration(file, "limits.goAwayBefore", l.goAwayBefore());
    duration(file, "limits.audioSession", l.audioSession());
    duration(file, "limits.videoSession", l.videoSession());
    reaction(file, "limits.connectionEnd", l.connectionEnd());
    reaction(file, "limits.sessionEnd", l.sessionEnd());
    duration(file, "resumption.handleValidity", p.resumption().handleValidity());
    reaction(file, "resumption.unknownHandle", p.resumption().unknownHandle());
    reaction(file, "resumption.nullHandle", p.resumption().nullHandle());
    reaction(file, "resumption.resumeWhileOpen", p.resumption().resumeWhileOpen());
    TimingProfile t = p.timing();
    figure(file, "timing.endOfSpeech.silence", t.endOfSpeech().silence());
    figure(file, "timing.endOfSpeech.silenceLowSensitivity", t.endOfSpeech().silenceLowSensitivity());
    figure(file, "timing.endOfSpeech.silenceHighSensitivity", t.endOfSpeech().silenceHighSensitivity());
    figure(file, "timing.firstAudio.afterUserTurn", t.firstAudio().afterUserTurn());
    figure(file, "timing.firstAudio.afterToolResponse", t.firstAudio().afterToolResponse());
    figure(file, "timing.firstAudio.afterClientContent", t.firstAudio().afterClientContent());
    figure(file, "timing.chunk.durationMs", t.chunk().durationMs());
    figure(file, "timing.chunk.deliverySpeed", t.chunk().deliverySpeed());
    if (t.chunk().durationMs().at(0) < 1 || t.chunk().deliverySpeed().at(0) <= 0) {
      throw new ProfileException(file, "timing.chunk", "chunks need at least 1 ms and a positive speed", null);
    }
    figure(file, "timing.inputTranscriptionLag", t.inputTranscriptionLag());
    figure(file, "timing.outputTranscriptionLag", t.outputTranscriptionLag());
    figure(file, "timing.turnCompleteAfterPlayback", t.turnCompleteAfterPlayback());
  }

  /** A timing figure: a known distribution, a sane spread and range, and its evidence named. */
  private static void figure(String file, String field, TimingFigure f) {
    if (f == null) {
      return;
    }
    oneOf(file, field + ".distribution", f.distribution(), List.of("lognormal", "normal"));
    if (f.spread() < 0 || (f.lognormal() && (f.medianMs() < 0 || f.spread() > 3))) {
      throw new ProfileException(file, field, "a lognormal figure needs medianMs >= 0 and spread 0..3;"
          + " a normal one spread >= 0", null);
    }
    if (f.minMs() != null && f.maxMs() != null && f.minMs() > f.maxMs()) {
      throw new ProfileException(file, field, "minMs is above maxMs", null);
    }
    if (f.evidence() != null && !EVIDENCE.contains(f.evidence())) {
      throw new ProfileException(file, field + ".evidence", "'" + f.evidence() + "' is not one of "
          + EVIDENCE, null);
    }
  }

  private static void oneOf(String file, String field, String value, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw new ProfileException(file, field, "'" + value + "' is not one of " + allowed, null);
    }
  }

  private static void date(String file, String field, String value) {
    if (value == null) {
      return;
    }
    try {
      java.time.LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ProfileException(file, field, "'" + value + "' is not a date; write YYYY-MM-DD", e);
    }
  }

  private static void duration(String file, String field, String value) {
    try {
      DurationText.parseOrNull(value);
    } catch (IllegalArgumentException e) {
      throw new ProfileException(file, field, e.getMessage(), e);
    }
  }

  private static void reaction(String file, String field, Reaction r) {
    if (r == null) {
      return;
    }
    if (r.action() != null && !ACTIONS.contains(r.action())) {
      throw new ProfileException(file, field + ".action",
          "'" + r.action() + "' is not one of " + ACTIONS.stream().sorted().toList(), null);
    }
    if (r.closes() && (r.code() == null || r.code() < 1000 || r.code() > 4999)) {
      throw new ProfileException(file, field + ".code",
          "a close needs a WebSocket close code between 1000 and 4999, got " + r.code(), null);
    }
    if (r.evidence() != null && !EVIDENCE.contains(r.evidence())) {
      throw new ProfileException(file, field + ".evidence",
          "'" + r.evidence() + "' is not one of [inferred, observed]", null);
    }
  }
}
