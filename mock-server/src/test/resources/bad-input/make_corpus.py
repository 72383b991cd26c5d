#!/usr/bin/env python3
"""Writes corpus.json, the bad-input corpus run by BadInputCorpusTest.

The JSON file is what the test reads and what is reviewed; this script only saves typing.
Run it from this directory after changing a rule: python3 make_corpus.py > corpus.json

A case: {"id", "setup": bool (send a valid setup and wait for setupComplete first),
"send": [steps], "expect": {"close": code, "reason": [substrings]} | {"alive": true}}.
A reason substring may run past the 123-byte cut of a close frame; the test then matches its start.
Steps: {"text": s} | {"binary": s} | {"frame": {fin, rsv, opcode, hex | utf8, masked}}
| {"header": {opcode, length, sent}} | {"fill": {opcode, fragments, bytes}} | {"repeat": n, "step": step}.
"alive" means the connection is still open and answers a text turn afterwards.
"""
import base64
import json

MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"
cases = []


def case(cid, send, expect, setup=True, self_setup=False):
    c = {"id": cid, "setup": setup, "send": send, "expect": expect}
    if self_setup:
        c["selfSetup"] = True  # the steps send a valid setup themselves
    cases.append(c)


def text(s):
    return {"text": s}


def j(o):
    return json.dumps(o, separators=(",", ":"))


def close(code, *reason):
    return {"close": code, "reason": list(reason)}


ALIVE = {"alive": True}
INVALID_JSON = "Invalid JSON payload"


def audio(data, mime="audio/pcm;rate=16000"):
    return {"realtimeInput": {"audio": {"data": data, "mimeType": mime}}}


PCM_100MS = base64.b64encode(bytes(3200)).decode()

# ---------------------------------------------------------------- wrong types, every field
# Expected reasons follow the service's proto-JSON parser (docs/protocol-behaviours.md): paths in
# snake_case, "Invalid value at 'path' (TYPE), value" for a value of the wrong type, the parent
# message and field for an object on a scalar field, "Proto field is not repeating" for a list on
# a single field. A single value where a list is expected is read as a list of one, so an object
# for a list of messages is valid input (its outcome is the profile's business, not the decoder's).
STR, BYTES, ENUM, NUM, INT, LONG, BOOL, LIST, OBJ = "str", "bytes", "enum", "num", "int", "long", "bool", "list", "obj"
WRONG = {
    STR: [5, True, {}, []],
    BYTES: [5, True, {}, []],
    ENUM: ["NOT_A_VALUE", True, {}, []],
    NUM: ["x", True, {}, []],
    INT: ["x", True, {}, [], 1.5],
    LONG: ["x", False, {}, []],
    BOOL: ["true", 1, {}, []],
    LIST: ["x", 5],
    OBJ: ["x", 5, [], True],
}
SCALAR_TYPE = {STR: "TYPE_STRING", BYTES: "TYPE_BYTES", NUM: "TYPE_FLOAT", INT: "TYPE_INT32", LONG: "TYPE_INT64", BOOL: "TYPE_BOOL"}
BLOB = {"data": BYTES, "mimeType": STR}
PART = {"text": STR, "thought": BOOL, "inlineData": BLOB}
CONTENT = {"role": STR, "parts": [PART]}
FUNCTION_DECL = {"name": STR, "description": STR, "behavior": ENUM}
TOOL = {"functionDeclarations": [FUNCTION_DECL]}
SETUP = {
    "generationConfig": {
        "responseModalities": [ENUM], "temperature": NUM, "topP": NUM, "topK": NUM,
        "maxOutputTokens": INT, "seed": INT, "candidateCount": INT, "presencePenalty": NUM,
        "frequencyPenalty": NUM, "mediaResolution": ENUM, "enableAffectiveDialog": BOOL,
        "thinkingConfig": {"thinkingLevel": ENUM, "thinkingBudget": INT, "includeThoughts": BOOL},
    },
    "systemInstruction": CONTENT,
    "tools": [TOOL],
    "realtimeInputConfig": {
        "automaticActivityDetection": {
            "disabled": BOOL, "startOfSpeechSensitivity": ENUM, "endOfSpeechSensitivity": ENUM,
            "prefixPaddingMs": INT, "silenceDurationMs": INT},
        "activityHandling": ENUM, "turnCoverage": ENUM},
    "sessionResumption": {"handle": STR},
    "contextWindowCompression": {"triggerTokens": LONG, "slidingWindow": {"targetTokens": LONG}},
    "proactivity": {"proactiveAudio": BOOL},
    "historyConfig": {"initialHistoryInClientContent": BOOL},
}
MESSAGES = {
    "setup": SETUP,
    "clientContent": {"turns": [CONTENT], "turnComplete": BOOL},
    "realtimeInput": {"audio": BLOB, "video": BLOB, "text": STR, "audioStreamEnd": BOOL, "mediaChunks": [BLOB]},
    "toolResponse": {"functionResponses": [{"id": STR, "name": STR, "willContinue": BOOL, "scheduling": ENUM}]},
    "contextUpdate": {"systemInstruction": CONTENT, "tools": {"tools": [TOOL]}},
}


def snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def kind(spec):
    if isinstance(spec, dict):
        return OBJ
    if isinstance(spec, list):
        return LIST
    return spec


def walk(spec, path):
    """Yields (path, kind, element kind) for every field under spec; 0 in a path is a list index."""
    for key, sub in spec.items():
        element = kind(sub[0]) if isinstance(sub, list) else None
        yield path + [key], kind(sub), element
        if isinstance(sub, dict):
            yield from walk(sub, path + [key])
        elif isinstance(sub, list) and isinstance(sub[0], dict):
            yield from walk(sub[0], path + [key, 0])


def build(path, value):
    """The smallest message that holds value at path."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if head == 0:
        return [build(rest, value)]
    return {head: build(rest, value)}


def proto_path(message, path):
    out = snake(message)
    for p in path:
        out += "[0]" if p == 0 else "." + snake(p)
    return out


def expected(message, path, k, element, wrong):
    """The start of the service's reason for value wrong at path."""
    field = path[-1]
    at = proto_path(message, path)
    parent = proto_path(message, path[:-1])
    if k == LIST:  # one value for a list: read as its only element
        k = element
    elif isinstance(wrong, list):
        return 'Unknown name "%s" at \'%s\': Proto field is not repeating, cannot start list.' % (field, parent)
    if isinstance(wrong, dict) and k != OBJ:
        return "Invalid value at '%s' (%s), Starting an object on a scalar field" % (parent, snake(field))
    if k in (OBJ, ENUM):
        return "Invalid value at '%s' (type.googleapis.com/google.ai.generativelanguage.v1beta." % at
    return "Invalid value at '%s' (%s), %s" % (at, SCALAR_TYPE[k], json.dumps(wrong))


for message, spec in MESSAGES.items():
    for path, k, element in walk(spec, []):
        # A number is an enum value too (proto JSON takes enum numbers).
        wrongs = ["x", True] if k == LIST and element == ENUM else WRONG[k]
        for i, wrong in enumerate(wrongs):
            body = build(path, wrong)
            if message == "setup":
                body["model"] = MODEL
            name = ".".join(str(p) for p in path)
            case("wrong-type/%s.%s/%s" % (message, name, type(wrong).__name__ + str(i)),
                 [text(j({message: body}))], close(1007, expected(message, path, k, element, wrong)),
                 setup=(message != "setup"))

for wrong in WRONG[STR]:
    case("wrong-type/setup.model/%s" % type(wrong).__name__, [text(j({"setup": {"model": wrong}}))],
         close(1007, expected("setup", ["model"], STR, None, wrong)), setup=False)
for message in MESSAGES:
    for wrong in ["x", 5, True]:
        case("wrong-type/%s/%s" % (message, type(wrong).__name__), [text(j({message: wrong}))],
             close(1007, "Invalid value at '%s' (type.googleapis.com/" % snake(message)), setup=(message != "setup"))
    case("wrong-type/%s/list" % message, [text(j({message: []}))],
         close(1007, 'Unknown name "%s": Proto field is not repeating, cannot start list.' % message),
         setup=(message != "setup"))

# ---------------------------------------------------------------- bad enum values the service names
for name, setup_body, reason in [
        ("responseModalities", {"generationConfig": {"responseModalities": ["SMELL"]}},
         "Invalid value at 'setup.generation_config.response_modalities[0]' (type.googleapis.com/"),
        ("thinkingLevel", {"generationConfig": {"thinkingConfig": {"thinkingLevel": "SUPER_DEEP"}}},
         "Invalid value at 'setup.generation_config.thinking_config.thinking_level' (type.googleapis.com/"),
        ("turnCoverage", {"realtimeInputConfig": {"turnCoverage": "TURN_INCLUDES_EVERYTHING"}},
         "Invalid value at 'setup.realtime_input_config.turn_coverage' (type.googleapis.com/"),
        ("schemaType", {"tools": [{"functionDeclarations": [{"name": "f", "parameters": {"type": "TEXT"}}]}]},
         "Invalid value at 'setup.tools[0].function_declarations[0].parameters.type' (type.googleapis.com/")]:
    setup_body["model"] = MODEL
    case("bad-enum/%s" % name, [text(j({"setup": setup_body}))], close(1007, reason), setup=False)

# ---------------------------------------------------------------- truncated JSON
whole = {
    "setup": j({"setup": {"model": MODEL, "generationConfig": {"responseModalities": ["AUDIO"]}}}),
    "clientContent": j({"clientContent": {"turns": [{"role": "user", "parts": [{"text": "hello"}]}], "turnComplete": True}}),
    "audio": j(audio(PCM_100MS)),
    "toolResponse": j({"toolResponse": {"functionResponses": [{"id": "c1", "name": "f", "response": {"ok": 1}}]}}),
}
for name, msg in whole.items():
    for cut in [1, 2, 5, 10, len(msg) // 3, len(msg) // 2, len(msg) - 10, len(msg) - 2, len(msg) - 1]:
        case("truncated-json/%s/%d-of-%d" % (name, cut, len(msg)), [text(msg[:cut])],
             close(1007, INVALID_JSON), setup=(name != "setup"))

# ---------------------------------------------------------------- invalid JSON
for i, bad in enumerate([
        "{", "}", "{{}}", "{'setup':{}}", "{setup:{}}", '{"setup":{},}', '{"setup":{"model":NaN}}',
        '{"setup":{"model":"m"}} trailing', '{"setup":{}}{"setup":{}}', "/* comment */ {}",
        '{"clientContent":{"turns":[}}', '{"realtimeInput":{"text":"unterminated}}', "nul",
        '{"realtimeInput":{"text":"\\x41"}}', '{"realtimeInput":{"text":"a\tb"}}', "\ufeff{}",
        '{"realtimeInput":{"audioStreamEnd":tru}}', '{"realtimeInput":{"text":"a"},}',
        "--", "<xml/>"]):
    case("invalid-json/%02d" % i, [text(bad)], close(1007, INVALID_JSON))
for i, bad in enumerate(["[]", "null", "42", '"setup"', "true", "[{\"setup\":{}}]"]):
    case("not-an-object/%02d" % i, [text(bad)], close(1007, INVALID_JSON, "Expected a JSON object"), setup=False)
case("empty-object", [text("{}")], close(1007, INVALID_JSON, "sets none of"), setup=False)

# ---------------------------------------------------------------- unknown keys, two keys
for key in ["foo", "Setup", "SETUP", "client-content", "realtimeinput", "tool_responses", "config", ""]:
    case("unknown-key/%s" % (key or "empty"), [text(j({key: {}}))], close(1007, "Unknown name"), setup=False)
case("unknown-key/after-setup-key", [text('{"setup":{"model":"%s"},"extra":1}' % MODEL)],
     close(1007, "Unknown name", "extra"), setup=False)
for a, b in [("clientContent", "realtimeInput"), ("realtimeInput", "toolResponse"), ("toolResponse", "contextUpdate"),
             ("clientContent", "client_content"), ("realtimeInput", "realtime_input"), ("clientContent", "toolResponse")]:
    case("two-keys/%s+%s" % (a, b), [text('{"%s":{},"%s":{}}' % (a, b))], close(1007, "Only one of"))
case("two-keys/setup+clientContent", [text('{"setup":{"model":"%s"},"clientContent":{}}' % MODEL)],
     close(1007, "Only one of"), setup=False)
case("two-keys/realtimeInput-fields", [text(j({"realtimeInput": {"text": "a", "audioStreamEnd": True}}))],
     close(1007, "exactly one field"))
case("no-keys/realtimeInput", [text(j({"realtimeInput": {}}))], close(1007, "set one of"))
# Unknown names inside a message are refused like the service's proto-JSON parser refuses them.
case("unknown-nested-key/setup", [text(j({"setup": {"model": MODEL, "futureField": {"x": 1}}}))],
     close(1007, 'Invalid JSON payload received. Unknown name "futureField" at \'setup\': Cannot find field.'),
     setup=False)
case("unknown-nested-key/generationConfig",
     [text(j({"setup": {"model": MODEL, "generationConfig": {"responseModality": ["AUDIO"]}}}))],
     close(1007, 'Unknown name "responseModality" at \'setup.generation_config\': Cannot find field.'), setup=False)
case("unknown-nested-key/clientContent",
     [text(j({"clientContent": {"turns": [], "turnComplete": False, "futureField": 1}}))],
     close(1007, 'Unknown name "futureField" at \'client_content\': Cannot find field.'))
case("unknown-nested-key/part",
     [text(j({"clientContent": {"turns": [{"role": "user", "parts": [{"txt": "hi"}]}], "turnComplete": True}}))],
     close(1007, 'Unknown name "txt" at \'client_content.turns[0].parts[0]\': Cannot find field.'))
# Vertex-only fields are unknown to the Developer API (the SDKs refuse to send them there).
for name, body, at in [("explicitVadSignal", {"explicitVadSignal": True}, "setup"),
                       ("transparent", {"sessionResumption": {"transparent": True}}, "setup.session_resumption")]:
    body["model"] = MODEL
    case("vertex-only-field/%s" % name, [text(j({"setup": body}))],
         close(1007, 'Unknown name "%s" at \'%s\': Cannot find field.' % (name, at)), setup=False)
# What proto JSON allows is accepted: snake_case, numbers as strings, one value for a list, enum
# names in any letter case.
case("proto-json/lenient-spellings", [text(j({"setup": {
    "model": MODEL, "generation_config": {"response_modalities": "audio", "temperature": "0.7", "max_output_tokens": "64"},
    "realtime_input_config": {"automatic_activity_detection": {"silence_duration_ms": "300"}},
    "context_window_compression": {"trigger_tokens": "25600", "sliding_window": {}}}}))],
    ALIVE, setup=False, self_setup=True)

# ---------------------------------------------------------------- base64, byte counts, MIME
for i, data in enumerate(["!!!!", "AAA*", "AA==AA==", "A", "AB=C", "AAAA AAAA", "AA-/", "\u00e9\u00e9\u00e9\u00e9",
                          "AAAA\n", "====="]):
    case("invalid-base64/%02d" % i, [text(j(audio(data)))],
         close(1007, "Invalid value at 'realtime_input.audio.data' (TYPE_BYTES), Base64 decoding failed"))
# Proto JSON reads both base64 alphabets, padded or not; no source shows the service refusing odd
# byte counts or the audio types its documentation lists: taken, recorded as findings.
case("url-safe-base64", [text(j(audio("AA-_AA==")))], ALIVE)
case("unpadded-base64", [text(j(audio(base64.b64encode(bytes(3202)).decode().rstrip("="))))], ALIVE)
for n in [1, 3, 5, 799, 1601, 3199]:
    case("odd-bytes/%d" % n, [text(j(audio(base64.b64encode(bytes(n)).decode())))], ALIVE)
for mime in ["audio/wav", "audio/mpeg"]:
    case("documented-mime/%s" % mime, [text(j(audio(PCM_100MS, mime)))], ALIVE)
for mime in ["audio/pcm;rate=abc", "audio/pcm;rate=1", "audio/pcm;rate=96000", "audio/L16",
             "audio/pcm;rate=", "audio/opus"]:
    case("wrong-mime/%s" % mime, [text(j(audio(PCM_100MS, mime)))], close(1007, "realtime_input.audio.mime_type"))
for mime in ["image/png", "text/plain", "", "application/octet-stream", "video/mp4"]:
    case("not-audio-mime/%s" % (mime or "empty"), [text(j(audio(PCM_100MS, mime)))],
         close(1007, "is not an audio MIME type"))
case("audio-missing-data", [text(j({"realtimeInput": {"audio": {"mimeType": "audio/pcm"}}}))],
     close(1007, "realtime_input.audio.data", "missing"))

# ---------------------------------------------------------------- frame sizes
case("zero-byte/text", [text("")], close(1007, INVALID_JSON, "Empty frame"))
case("zero-byte/binary", [{"binary": ""}], close(1007, INVALID_JSON, "Empty frame"))
case("zero-byte/before-setup", [text("")], close(1007, INVALID_JSON), setup=False)
case("64MiB/binary-header", [{"header": {"opcode": 2, "length": 64 * 1024 * 1024, "sent": 1024}}],
     close(1009, "Message too big", "--max-frame-bytes"))
case("64MiB/text-header", [{"header": {"opcode": 1, "length": 64 * 1024 * 1024, "sent": 0}}],
     close(1009, "Message too big"))
case("64MiB/before-setup", [{"header": {"opcode": 2, "length": 64 * 1024 * 1024, "sent": 10}}],
     close(1009, "Message too big"), setup=False)
case("oversized/one-frame-just-over", [{"fill": {"opcode": 2, "fragments": 1, "bytes": 1024 * 1024 + 1}}],
     close(1009, "Message too big"))
case("oversized/fragments-add-up", [{"fill": {"opcode": 2, "fragments": 4, "bytes": 1024 * 1024 + 4}}],
     close(1009, "Message too big"))
case("oversized/many-small-fragments", [{"fill": {"opcode": 1, "fragments": 300, "bytes": 1024 * 1024 + 300}}],
     close(1009, "Message too big"))

# ---------------------------------------------------------------- continuation-frame abuse
def frame(opcode, utf8=None, hex=None, fin=True, rsv=0, masked=True):
    f = {"opcode": opcode, "fin": fin, "rsv": rsv, "masked": masked}
    if hex is not None:
        f["hex"] = hex
    else:
        f["utf8"] = utf8 or ""
    return {"frame": f}


TURN = j({"realtimeInput": {"text": "hi"}})
case("continuation/without-start", [frame(0, TURN)], close(1002, "WebSocket protocol error"))
case("continuation/without-start-not-fin", [frame(0, TURN, fin=False)], close(1002, "WebSocket protocol error"))
case("continuation/text-inside-text", [frame(1, TURN[:5], fin=False), frame(1, TURN)],
     close(1002, "WebSocket protocol error"))
case("continuation/binary-inside-text", [frame(1, TURN[:5], fin=False), frame(2, TURN)],
     close(1002, "WebSocket protocol error"))
case("continuation/fragmented-ping", [frame(9, "p", fin=False)], close(1002, "WebSocket protocol error"))
case("continuation/fragmented-close", [frame(8, hex="03e8", fin=False)], close(1002, "WebSocket protocol error"))
case("continuation/ping-too-long", [frame(9, "p" * 126)], close(1002, "WebSocket protocol error"))
case("continuation/unfinished-then-close", [frame(1, TURN[:5], fin=False), frame(8, hex="03e8")],
     {"close": 1000, "reason": []})
# Legal fragmentation must keep working.
case("continuation/legal-two-fragments", [frame(1, TURN[:7], fin=False), frame(0, TURN[7:])], ALIVE)
case("continuation/legal-ping-between-fragments",
     [frame(1, TURN[:7], fin=False), frame(9, "x"), frame(0, TURN[7:])], ALIVE)
case("continuation/legal-one-byte-fragments",
     [frame(1, TURN[0], fin=False)] + [frame(0, c, fin=False) for c in TURN[1:-1]] + [frame(0, TURN[-1])], ALIVE)
case("continuation/legal-empty-fragments",
     [frame(1, "", fin=False), frame(0, TURN, fin=False), frame(0, "")], ALIVE)

# ---------------------------------------------------------------- raw frame abuse
case("frame/unmasked", [frame(1, TURN, masked=False)], close(1002, "WebSocket protocol error"))
for rsv in [1, 2, 4, 7]:
    case("frame/rsv-%d" % rsv, [frame(1, TURN, rsv=rsv)], close(1002, "WebSocket protocol error"))
for op in [3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF]:
    case("frame/opcode-%x" % op, [frame(op, "x")], close(1002, "WebSocket protocol error"))
case("frame/close-one-byte", [frame(8, hex="03")], close(1002, "WebSocket protocol error"))
for code in [0, 999, 1004, 1005, 1006, 1015, 2999, 5000]:
    case("frame/close-code-%d" % code, [frame(8, hex="%04x" % code)], close(1002, "WebSocket protocol error"))
case("frame/close-reason-invalid-utf8", [frame(8, hex="03e8c328")], close(1007, "WebSocket protocol error"))

# ---------------------------------------------------------------- invalid UTF-8
BAD_UTF8 = {"lone-continuation": "80", "bad-2-byte": "c328", "overlong-slash": "c0af", "surrogate": "eda080",
            "f8": "f888808080", "truncated-3-byte": "e282", "ff": "ff", "truncated-4-byte": "f09f98"}
for name, hx in BAD_UTF8.items():
    prefix = '{"realtimeInput":{"text":"'.encode().hex()
    suffix = '"}}'.encode().hex()
    case("utf8/text-frame/%s" % name, [frame(1, hex=prefix + hx + suffix)],
         close(1007, "WebSocket protocol error", "UTF-8"))
    case("utf8/binary-frame/%s" % name, [frame(2, hex=prefix + hx + suffix)], close(1007, INVALID_JSON, "UTF-8"))
case("utf8/split-across-fragments-legal",
     [frame(1, hex='{"realtimeInput":{"text":"\xe2'.encode("latin-1").hex()[:-2] + "e2", fin=False),
      frame(0, hex="82ac" + '"}}'.encode().hex())], ALIVE)
case("utf8/bad-across-fragments",
     [frame(1, hex='{"realtimeInput":{"text":"'.encode().hex() + "e2", fin=False),
      frame(0, hex="28" + '"}}'.encode().hex())], close(1007, "WebSocket protocol error"))

# ---------------------------------------------------------------- order: before setup, twice
for name, msg in [("clientContent", {"clientContent": {"turnComplete": True}}),
                  ("realtimeInput.text", {"realtimeInput": {"text": "hi"}}),
                  ("realtimeInput.audio", audio(PCM_100MS)),
                  ("realtimeInput.activityStart", {"realtimeInput": {"activityStart": {}}}),
                  ("realtimeInput.audioStreamEnd", {"realtimeInput": {"audioStreamEnd": True}}),
                  ("toolResponse", {"toolResponse": {"functionResponses": []}}),
                  ("contextUpdate", {"contextUpdate": {}}),
                  ("realtime_input.snake", {"realtime_input": {"text": "hi"}})]:
    case("before-setup/%s" % name, [text(j(msg))], close(1007, "first message must be setup"), setup=False)
for name, msg in [("same", {"setup": {"model": MODEL}}),
                  ("other-model", {"setup": {"model": "models/gemini-live-2.5-flash-preview"}}),
                  ("empty", {"setup": {}}), ("snake", {"setup": {"model": MODEL, "generation_config": {}}})]:
    case("duplicate-setup/%s" % name, [text(j(msg))], close(1007, "setup may be sent only once"))
case("setup/unknown-model", [text(j({"setup": {"model": "models/not-a-model"}}))], close(1008, "not found"), setup=False)
case("setup/no-model", [text(j({"setup": {}}))], close(1008), setup=False)
case("setup/text-modality-on-2.5", [text(j({"setup": {"model": MODEL, "generationConfig": {"responseModalities": ["TEXT"]}}}))],
     close(1007, "Cannot extract voices"), setup=False)

# ---------------------------------------------------------------- tool responses for unknown ids
for i, resp in enumerate([
        {"functionResponses": [{"id": "never-asked", "name": "f", "response": {"ok": True}}]},
        {"functionResponses": [{"id": "", "name": "", "response": {}}]},
        {"functionResponses": []},
        {"functionResponses": [{"id": "a"}, {"id": "a"}]},
        {"function_responses": [{"id": "x", "will_continue": True, "scheduling": "SILENT"}]}]):
    # An empty id is a missing id, which the Developer API profile refuses (docs/model-profiles.md);
    # an unknown id is ignored.
    outcome = close(1007, "Request contains an invalid argument.") if i == 1 else ALIVE
    case("tool-response-unknown-id/%d" % i, [text(j({"toolResponse": resp}))], outcome)

# ---------------------------------------------------------------- ping floods
case("ping-flood/1000-empty", [{"repeat": 1000, "step": frame(9, "")}], ALIVE)
case("ping-flood/500-max-payload", [{"repeat": 500, "step": frame(9, "p" * 125)}], ALIVE)
case("ping-flood/before-setup", [{"repeat": 500, "step": frame(9, "x")}], ALIVE, setup=False)
case("pong-flood/unsolicited", [{"repeat": 1000, "step": frame(10, "q")}], ALIVE)

print(json.dumps({"model": MODEL, "maxFrameBytes": 1024 * 1024, "cases": cases}, indent=1, ensure_ascii=True))
