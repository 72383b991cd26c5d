#!/usr/bin/env node
// Conformance stdio driver for LiveKit Agents JS's Google plugin (@livekit/agents-plugin-google
// with @livekit/agents, 1.9.0), at the plugin's public layer: google.realtime.RealtimeModel and
// its RealtimeSession, used the way AgentSession uses them (chat context, generateReply,
// pushAudio, the generation streams). No AgentSession and no room: so no audio output of its own
// (no PLAYBACK), and no ready signal (connect is answered once the session object exists).
// Speaks the JSON-lines protocol of docs/driver-protocol.md; stdout carries protocol lines only.

import readline from 'node:readline';
import { readFileSync } from 'node:fs';

// The framework logs through pino to stdout by default: keep stdout for the protocol.
const realStdoutWrite = process.stdout.write.bind(process.stdout);
const out = (obj) => realStdoutWrite(JSON.stringify(obj) + '\n');
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
for (const name of ['log', 'info', 'debug', 'warn']) console[name] = (...a) => console.error(...a);

const agents = await import('@livekit/agents');
const google = await import('@livekit/agents-plugin-google');
const { AudioFrame } = await import('@livekit/rtc-node');
const { llm } = agents;
try {
  agents.initializeLogger({ pretty: false, level: 'warn' });
} catch (e) {
  // Already initialised.
}
const VERSION = JSON.parse(readFileSync(new URL('./node_modules/@livekit/agents-plugin-google/package.json',
  import.meta.url))).version;

let model = null;
let session = null;
let request = null;
let turnSeen = 0;

function toolContext(tools) {
  const ctx = {};
  for (const t of tools || []) {
    ctx[t.name] = llm.tool({
      description: t.description,
      parameters: { type: 'object', properties: {} },
      // The application answers through respondToTool; the plugin only carries the call.
      execute: async () => undefined,
    });
  }
  return ctx;
}

async function readGeneration(gen) {
  const pending = [];
  pending.push((async () => {
    for await (const msg of gen.messageStream) {
      pending.push((async () => {
        for await (const frame of msg.audioStream) {
          const pcm = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
          out({ event: 'audio', data: pcm.toString('base64'), sampleRate: frame.sampleRate });
        }
      })());
      pending.push((async () => {
        for await (const text of msg.textStream) {
          if (text) out({ event: 'outputTranscript', text });
        }
      })());
    }
  })());
  pending.push((async () => {
    for await (const call of gen.functionStream) {
      let args = {};
      try {
        args = call.args ? JSON.parse(call.args) : {};
      } catch (e) {
        args = {};
      }
      out({ event: 'toolCall', id: call.callId, name: call.name, args });
    }
  })());
  await Promise.allSettled(pending);
  // The generation's streams end when the model's turn ends: the application's end of turn.
  turnSeen++;
  out({ event: 'turnComplete' });
}

const commands = {
  hello: async () => {
    out({
      event: 'hello',
      name: `livekit agents-plugin-google ${VERSION} (RealtimeSession, no AgentSession)`,
      nativeInputRate: 48000,
      capabilities: ['TEXT_INPUT', 'AUDIO_INPUT', 'AUDIO_OUTPUT', 'TOOLS', 'MID_SESSION_UPDATES', 'INITIAL_HISTORY',
        'THINKING_CONFIG', 'AFFECTIVE_DIALOG'],
    });
  },
  connect: async ({ request: r }) => {
    request = r;
    const options = {
      model: r.model,
      apiKey: r.apiKey,
      httpOptions: { baseUrl: r.baseUrl },
      instructions: r.systemInstruction ?? undefined,
      inputAudioTranscription: r.inputTranscription ? {} : null,
      outputAudioTranscription: r.outputTranscription ? {} : null,
    };
    if (r.thinkingLevel || r.thinkingBudget != null) {
      options.thinkingConfig = r.thinkingLevel ? { thinkingLevel: r.thinkingLevel } : { thinkingBudget: r.thinkingBudget };
    }
    if (r.affectiveDialog != null) options.enableAffectiveDialog = r.affectiveDialog;
    if (r.proactiveAudio != null) options.proactivity = r.proactiveAudio;
    if (r.automaticActivityDetection === false) {
      options.realtimeInputConfig = { automaticActivityDetection: { disabled: true } };
    }
    model = new google.realtime.RealtimeModel(options);
    session = model.session();
    session.on('generation_created', (gen) => { void readGeneration(gen); });
    session.on('input_speech_started', () => out({ event: 'interrupted' }));
    session.on('input_audio_transcription_completed', (ev) => {
      if (ev.transcript) out({ event: 'inputTranscript', text: ev.transcript });
    });
    session.on('error', (ev) => out({ event: 'error', code: null, reason: null,
      message: String(ev.error?.message ?? ev.error ?? 'error') }));
    if (r.tools && r.tools.length > 0) await session.updateTools(new llm.ToolContext(toolContext(r.tools)));
    if (r.initialHistory && r.initialHistory.length > 0) {
      const ctx = session.chatCtx;
      for (const t of r.initialHistory) ctx.addMessage({ role: t.role === 'model' ? 'assistant' : 'user', content: t.text });
      await session.updateChatCtx(ctx);
    }
    out({ event: 'connected' });
  },
  // What AgentSession.generateReply({ userInput }) does with a realtime model: the user's message
  // goes into the chat context, then the model is asked to reply.
  sendText: async ({ text }) => {
    const ctx = session.chatCtx;
    ctx.addMessage({ role: 'user', content: text });
    await session.updateChatCtx(ctx);
    session.generateReply().catch((e) => out({ event: 'warning', message: String(e?.message ?? e) }));
  },
  sendAudio: async ({ data, sampleRate }) => {
    const buf = Buffer.from(data, 'base64');
    const samples = new Int16Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 2));
    session.pushAudio(new AudioFrame(Int16Array.from(samples), sampleRate, 1, samples.length));
  },
  respondToTool: async ({ answers }) => {
    const ctx = session.chatCtx;
    for (const a of answers) {
      ctx.insert(llm.FunctionCallOutput.create({ callId: a.id, name: a.name, output: JSON.stringify(a.output),
        isError: false }));
    }
    await session.updateChatCtx(ctx);
  },
  updateInstructions: async ({ text }) => session.updateInstructions(text),
  addContext: async ({ turns }) => {
    const ctx = session.chatCtx;
    for (const t of turns) ctx.addMessage({ role: t.role === 'model' ? 'assistant' : 'user', content: t.text });
    await session.updateChatCtx(ctx);
  },
  requestReply: async () => { await session.generateReply(); },
  close: async () => {
    if (session) await session.close();
  },
};

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  const cmd = JSON.parse(line);
  queue = queue.then(async () => {
    const handler = commands[cmd.cmd];
    if (!handler) {
      out({ reply: cmd.id, ok: false, unsupported: true, error: `the plugin has no API for ${cmd.cmd}` });
      return;
    }
    try {
      await handler(cmd);
      if (cmd.id !== undefined) out({ reply: cmd.id, ok: true });
    } catch (e) {
      out({ reply: cmd.id, ok: false, error: String(e?.message ?? e), code: null, reason: null });
    }
    if (cmd.cmd === 'close') setTimeout(() => process.exit(0), 100);
  });
});
rl.on('close', () => queue.then(() => process.exit(0)));
