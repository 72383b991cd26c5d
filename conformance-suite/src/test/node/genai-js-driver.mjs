#!/usr/bin/env node
// Conformance stdio driver for the real @google/genai JS SDK: 3.1.0 by default, or the package
// named by GENAI_PACKAGE (e.g. genai-330, the npm alias of @google/genai 3.3.0 in package.json).
// Speaks the JSON-lines driver protocol (docs/driver-protocol.md): commands on
// stdin, replies and events on stdout, logs on stderr. It plays a plain
// application: it passes every request to the SDK as the SDK's API offers it
// and fixes nothing up, so the verdicts measure the SDK.

import readline from 'node:readline';
import { readFileSync } from 'node:fs';

// stdout carries protocol lines only.
for (const name of ['log', 'info', 'debug', 'warn']) {
  console[name] = (...args) => console.error(...args);
}
const PACKAGE = process.env.GENAI_PACKAGE || '@google/genai';
const { GoogleGenAI } = await import(PACKAGE);
const VERSION = JSON.parse(readFileSync(new URL(`./node_modules/${PACKAGE}/package.json`, import.meta.url))).version;

const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const log = (...a) => process.stderr.write('[genai-js-driver] ' + a.map(String).join(' ') + '\n');
const message = (e) => (e && typeof e.message === 'string' ? e.message : String(e));

// Deliberately no 'unhandledRejection' handler: the suite measures what an application gets by
// default. (The SDK parses frames in a fire-and-forget promise; a frame it cannot parse becomes
// an unhandled rejection, which ends a Node process unless the application catches it.)

let session = null;
let lastClose = null;
let closedResolve;
const closed = new Promise((r) => (closedResolve = r));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function rateOf(mime) {
  const m = /rate=(\d+)/.exec(mime || '');
  return m ? Number(m[1]) : 24000;
}

const callbacks = {
  onmessage: (msg) => {
    const sc = msg.serverContent;
    if (sc) {
      if (sc.interrupted) out({ event: 'interrupted' });
      for (const part of (sc.modelTurn && sc.modelTurn.parts) || []) {
        if (part.inlineData && typeof part.inlineData.data === 'string') {
          out({ event: 'audio', data: part.inlineData.data, sampleRate: rateOf(part.inlineData.mimeType) });
        }
        if (typeof part.text === 'string' && !part.thought) out({ event: 'text', text: part.text });
      }
      if (sc.inputTranscription && typeof sc.inputTranscription.text === 'string') {
        out({ event: 'inputTranscript', text: sc.inputTranscription.text });
      }
      if (sc.outputTranscription && typeof sc.outputTranscription.text === 'string') {
        out({ event: 'outputTranscript', text: sc.outputTranscription.text });
      }
      if (sc.turnComplete) out({ event: 'turnComplete' });
    }
    if (msg.toolCall) {
      for (const c of msg.toolCall.functionCalls || []) out({ event: 'toolCall', id: c.id, name: c.name, args: c.args || {} });
    }
    if (msg.toolCallCancellation) out({ event: 'toolCancel', ids: msg.toolCallCancellation.ids || [] });
  },
  onerror: (e) => out({ event: 'error', code: null, reason: null, message: message(e) }),
  onclose: (e) => {
    lastClose = { code: e && typeof e.code === 'number' ? e.code : null, reason: e && typeof e.reason === 'string' ? e.reason : null };
    out({ event: 'closed', code: lastClose.code, reason: lastClose.reason });
    closedResolve();
  },
};

function liveConfig(req) {
  const config = {};
  if (req.responseModalities) config.responseModalities = req.responseModalities;
  if (req.systemInstruction) config.systemInstruction = req.systemInstruction;
  if (req.inputTranscription) config.inputAudioTranscription = {};
  if (req.outputTranscription) config.outputAudioTranscription = {};
  if (!req.automaticActivityDetection) config.realtimeInputConfig = { automaticActivityDetection: { disabled: true } };
  if (req.tools && req.tools.length) {
    config.tools = [{ functionDeclarations: req.tools.map((t) => {
      const d = { name: t.name, description: t.description };
      if (t.behavior) d.behavior = t.behavior;
      return d;
    }) }];
  }
  if (req.thinkingLevel != null || req.thinkingBudget != null) {
    config.thinkingConfig = {};
    if (req.thinkingLevel != null) config.thinkingConfig.thinkingLevel = req.thinkingLevel;
    if (req.thinkingBudget != null) config.thinkingConfig.thinkingBudget = req.thinkingBudget;
  }
  if (req.affectiveDialog != null) config.enableAffectiveDialog = req.affectiveDialog;
  if (req.proactiveAudio != null) config.proactivity = { proactiveAudio: req.proactiveAudio };
  // As the Live API docs tell an application with initial history to do.
  if (req.initialHistory && req.initialHistory.length) config.historyConfig = { initialHistoryInClientContent: true };
  return config;
}

const turns = (list) => list.map((t) => ({ role: t.role, parts: [{ text: t.text }] }));

const commands = {
  hello: async () => {
    out({
      event: 'hello',
      name: `google-genai-js ${VERSION} (bare library)`,
      nativeInputRate: 16000,
      capabilities: ['TEXT_INPUT', 'AUDIO_INPUT', 'MANUAL_ACTIVITY', 'AUDIO_OUTPUT', 'TOOLS', 'MID_SESSION_UPDATES',
        'INITIAL_HISTORY', 'THINKING_CONFIG', 'AFFECTIVE_DIALOG', 'RESPONSE_MODALITIES', 'CLOSE_REPORTING',
        'VIDEO_INPUT'],
    });
    return null;
  },
  connect: async ({ request }) => {
    const ai = new GoogleGenAI({ apiKey: request.apiKey, httpOptions: { baseUrl: request.baseUrl } });
    try {
      session = await ai.live.connect({ model: request.model, config: liveConfig(request), callbacks });
    } catch (e) {
      await Promise.race([closed, sleep(500)]);
      throw Object.assign(new Error(message(e)), lastClose || {});
    }
    out({ event: 'connected' });
    if (request.initialHistory && request.initialHistory.length) {
      session.sendClientContent({ turns: turns(request.initialHistory), turnComplete: true });
    }
  },
  sendText: async ({ text }) => session.sendRealtimeInput({ text }),
  sendAudio: async ({ data, sampleRate }) => {
    // The application's microphone gives 50 ms buffers; each goes out as it comes.
    const pcm = Buffer.from(data, 'base64');
    const step = Math.round(sampleRate / 20) * 2;
    for (let at = 0; at < pcm.length; at += step) {
      session.sendRealtimeInput({ audio: { data: pcm.subarray(at, at + step).toString('base64'), mimeType: `audio/pcm;rate=${sampleRate}` } });
    }
  },
  sendVideoFrame: async ({ data, mimeType }) => session.sendRealtimeInput({ video: { data, mimeType } }),
  endAudio: async () => session.sendRealtimeInput({ audioStreamEnd: true }),
  activityStart: async () => session.sendRealtimeInput({ activityStart: {} }),
  activityEnd: async () => session.sendRealtimeInput({ activityEnd: {} }),
  // The SDK's only way to add instructions or context mid-session is clientContent.
  updateInstructions: async ({ text }) => session.sendClientContent({ turns: turns([{ role: 'user', text }]), turnComplete: false }),
  addContext: async ({ turns: t }) => session.sendClientContent({ turns: turns(t), turnComplete: false }),
  requestReply: async () => session.sendClientContent({ turnComplete: true }),
  respondToTool: async ({ answers }) => session.sendToolResponse({
    functionResponses: answers.map((a) => {
      const r = { id: a.id, name: a.name, response: { output: a.output } };
      if (a.scheduling) r.scheduling = a.scheduling;
      return r;
    }),
  }),
  close: async () => {
    if (session && !lastClose) {
      session.close();
      await Promise.race([closed, sleep(2000)]);
    }
  },
};

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    log('not JSON:', line);
    return;
  }
  // One command at a time, in order.
  queue = queue.then(async () => {
    const handler = commands[cmd.cmd];
    try {
      if (!handler) {
        // No API for it in this SDK: not a failure, the suite marks the rules UNSUPPORTED.
        out({ reply: cmd.id, ok: false, unsupported: true, error: 'no API for ' + cmd.cmd });
        return;
      }
      await handler(cmd);
      if (cmd.id !== undefined) out({ reply: cmd.id, ok: true });
    } catch (e) {
      out({ reply: cmd.id, ok: false, error: message(e), code: e.code ?? null, reason: e.reason ?? null });
    }
    if (cmd.cmd === 'close') process.exit(0);
  });
});
rl.on('close', () => queue.then(() => process.exit(0)));
