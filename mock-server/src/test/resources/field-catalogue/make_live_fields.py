#!/usr/bin/env python3
"""Writes live-fields.json, the field catalogue of the Live API's client messages.

Inputs (not in the repository; regenerate them to move to newer SDKs):
  java.txt  the type graph of com.google.genai:google-genai:2.0.0 from LiveClientMessage, one
            "MSG Name" line per type and "  field type" lines under it (read by reflection over
            the jar's @JsonProperty getters; FieldCatalogueSdkTest re-checks it on every build)
  js.txt    the same graph read from @google/genai 3.3.0 dist/genai.d.ts
Run: python3 make_live_fields.py java.txt js.txt > ../../../main/resources/dev/geminilive/mock/protocol/live-fields.json

The catalogue is the union of both SDKs: a field either SDK can write is known. Fields one API
surface lacks come from the SDKs' converters, which refuse them for that surface
("... is only supported in Gemini Enterprise Agent Platform mode").
"""
import json
import re
import sys

# SDK-side helpers that never reach the wire (the SDKs convert them to realtimeInput).
SDK_ONLY = {"LiveClientMessage": {"realtimeInputParameters"}}
SKIP_TYPES = {"LiveSendRealtimeInputParameters", "CallableTool"}

# Proto message and enum names where the SDK's type name differs (for the TYPE of
# "Invalid value at 'path' (TYPE), value"). Inferred from the public API reference layout;
# Content and Type are observed in service errors.
PROTO = {
    "LiveClientMessage": "BidiGenerateContentClientMessage",
    "LiveClientSetup": "BidiGenerateContentSetup",
    "LiveClientContent": "BidiGenerateContentClientContent",
    "LiveClientRealtimeInput": "BidiGenerateContentRealtimeInput",
    "LiveClientToolResponse": "BidiGenerateContentToolResponse",
    "LiveClientContextUpdate": "BidiGenerateContentContextUpdate",
    "ActivityStart": "BidiGenerateContentRealtimeInput.ActivityStart",
    "ActivityEnd": "BidiGenerateContentRealtimeInput.ActivityEnd",
    "AutomaticActivityDetection": "RealtimeInputConfig.AutomaticActivityDetection",
    "SlidingWindow": "ContextWindowCompressionConfig.SlidingWindow",
    "ToolCodeExecution": "CodeExecution",
    "Modality": "GenerationConfig.Modality",
    "MediaResolution": "GenerationConfig.MediaResolution",
    "Behavior": "FunctionDeclaration.Behavior",
    "FunctionResponseScheduling": "FunctionResponse.Scheduling",
    "ActivityHandling": "RealtimeInputConfig.ActivityHandling",
    "TurnCoverage": "RealtimeInputConfig.TurnCoverage",
    "StartSensitivity": "AutomaticActivityDetection.StartSensitivity",
    "EndSensitivity": "AutomaticActivityDetection.EndSensitivity",
    "ThinkingLevel": "ThinkingConfig.ThinkingLevel",
    "Language": "ExecutableCode.Language",
    "Outcome": "CodeExecutionResult.Outcome",
}

# Fields the Python SDK (googleapis/python-genai, commit 6aa8da2b, speech-to-speech translation)
# writes into a Live setup that neither Java 2.0.0 nor JS 3.3.0 has: known too, so a Python
# client is not refused.
PYTHON_EXTRA = {"GenerationConfig": {"streamTranslationConfig": "TranslationConfig"}}

# Fields one surface does not know: the SDK converters (@google/genai 3.3.0) refuse them there.
VERTEX_ONLY = [
    "LiveClientSetup.explicitVadSignal", "SessionResumptionConfig.transparent",
    "FunctionCall.partialArgs", "FunctionCall.willContinue",
    "GoogleMaps.groundingTypes", "GoogleSearch.blockingConfidence", "GoogleSearch.excludeDomains",
    "Tool.enterpriseWebSearch", "Tool.exaAiSearch", "Tool.parallelAiSearch", "Tool.retrieval",
    "SafetySetting.method",
    "AuthConfig.apiKeyConfig", "AuthConfig.authType", "AuthConfig.googleServiceAccountConfig",
    "AuthConfig.httpBasicAuthConfig", "AuthConfig.oauthConfig", "AuthConfig.oidcConfig",
]
DEVELOPER_ONLY = [
    "Part.partMetadata", "Part.toolCall", "Part.toolResponse",
    "FunctionResponse.willContinue", "FunctionResponsePart.mediaProcessing",
    "McpServer.name", "McpServer.streamableHttpTransport", "Tool.fileSearch",
    "ReplicatedVoiceConfig.consentAudio", "ReplicatedVoiceConfig.voiceConsentSignature",
    "GenerationConfig.enableEnhancedCivicAnswers",
]
# Enum values one surface refuses (observed: MemberJunction/MJ, Vertex closes 1007 on v1 and v1beta1).
VERTEX_EXCLUDED_VALUES = {"TurnCoverage": ["TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"]}


def java_type(t):
    m = re.fullmatch(r"list<(.*)>", t)
    if m:
        return "[" + java_type(m.group(1)) + "]"
    if t == "map<string,any>":
        return "struct"
    m = re.fullmatch(r"map<string,(.*)>", t)
    if m:
        return "{" + java_type(m.group(1)) + "}"
    if t.startswith("msg:") or t.startswith("enum:"):
        return t.split(":", 1)[1]
    return {"any": "value", "Duration": "duration", "Instant": "timestamp"}.get(t, t)


def read_java(path):
    msgs, enums, cur = {}, {}, None
    for line in open(path):
        if line.startswith("MSG "):
            cur = line.split()[1]
            msgs[cur] = {}
        elif line.startswith("ENUM "):
            name, rest = line[5:].split(" ", 1)
            enums[name] = [v.strip() for v in rest.strip()[1:-1].split(",") if v.strip()]
            cur = None
        elif line.startswith("  ") and cur:
            f, t = line.split()
            msgs[cur][f] = java_type(t)
    return msgs, enums


def js_type(t, enums):
    t = t.strip()
    if t.endswith("[]"):
        return "[" + js_type(t[:-2], enums) + "]"
    m = re.fullmatch(r"Record<string,\s*(.*)>", t)
    if m:
        inner = m.group(1)
        return "struct" if inner == "unknown" else "{" + js_type(inner, enums) + "}"
    return {"string": "string", "boolean": "bool", "number": "double", "unknown": "value",
            "Blob_2": "Blob", "ContentUnion": "Content", "ToolListUnion": "[Tool]"}.get(t, t)


def read_js(path):
    msgs, enums, cur = {}, {}, None
    for line in open(path):
        if line.startswith("MSG "):
            cur = line.split()[1]
            msgs["Blob" if cur == "Blob_2" else cur] = {}
            cur = "Blob" if cur == "Blob_2" else cur
        elif line.startswith("   ") and cur:
            f, t = line.strip().split(" ", 1)
            msgs[cur][f] = t
        else:
            cur = None
            p = line.split(" ", 2)
            if len(p) == 3 and p[1] == "ENUM":
                enums[p[0]] = p[2].strip().split(",")
    return msgs, enums


def main():
    jm, je = read_java(sys.argv[1])
    sm, se = read_js(sys.argv[2])
    messages = {}
    for name in sorted(set(jm) | set(sm)):
        if name in SKIP_TYPES:
            continue
        fields = dict(jm.get(name, {}))
        for f, t in sm.get(name, {}).items():
            if f not in fields:  # a field only the JS SDK has: take its TypeScript type
                fields[f] = js_type(t, se)
        for f, t in PYTHON_EXTRA.get(name, {}).items():
            fields.setdefault(f, t)
        for f in SDK_ONLY.get(name, ()):
            fields.pop(f, None)
        entry = {"fields": dict(sorted(fields.items()))}
        if name in PROTO:
            entry["proto"] = PROTO[name]
        messages[name] = entry
    enums = {}
    for name in sorted(set(je) | set(se)):
        values = list(dict.fromkeys(je.get(name, []) + se.get(name, [])))
        entry = {"values": values}
        if name in PROTO:
            entry["proto"] = PROTO[name]
        if name in VERTEX_EXCLUDED_VALUES:
            entry["notOnVertex"] = VERTEX_EXCLUDED_VALUES[name]
        enums[name] = entry
    out = {
        "about": "Fields of the Live API client messages, read from the public SDK type definitions. "
                 "Generated by src/test/resources/field-catalogue/make_live_fields.py; see docs/protocol-behaviours.md.",
        "sources": ["com.google.genai:google-genai:2.0.0 (Java, com.google.genai.types)",
                    "@google/genai 3.3.0 (npm, dist/genai.d.ts)",
                    "googleapis/python-genai 6aa8da2b (GenerationConfig.streamTranslationConfig only)"],
        "root": "LiveClientMessage",
        "vertexOnly": VERTEX_ONLY,
        "developerOnly": DEVELOPER_ONLY,
        "messages": messages,
        "enums": enums,
    }
    print(json.dumps(out, indent=1))


main()
