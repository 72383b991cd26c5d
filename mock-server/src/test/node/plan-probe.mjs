#!/usr/bin/env node
// Drives the real @google/genai SDK through a plan: a JSON list of client actions (send text,
// send microphone audio, answer tool calls, wait for a server event, reconnect with the latest
// resumption handle). Prints what the SDK surfaced as JSON lines on stdout, one object per line
// with an "event" field; debug goes to stderr. Used by the scenario tests that need a real SDK
// to produce a situation (a voice client, a resuming client). See README.md.
// --sdk 3.3 drives @google/genai 3.3.0 (installed under the npm alias genai-3.3), else 3.1.0.
const sdkArg = process.argv.indexOf('--sdk');
const sdk = sdkArg > 0 ? process.argv[sdkArg + 1] : '3.1';
if (sdkArg > 0) process.argv.splice(sdkArg, 2);
const { GoogleGenAI } = await import(sdk === '3.3' ? 'genai-3.3' : '@google/genai');

for (const name of ['log', 'info', 'debug']) {
  console[name] = (...args) => console.error(...args);
}
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const debug = (...a) => process.stderr.write('[plan-probe] ' + a.map(String).join(' ') + '\n');
const errorMessage = (e) => (e && typeof e.message === 'string' ? e.message : String(e));

function parseArgs(argv) {
  const opts = { apiKey: 'FAKE_KEY_123', model: 'gemini-2.5-flash-native-audio-preview-12-2025', config: '{}', plan: '[]', timeoutMs: '20000' };
  const names = { 'base-url': 'baseUrl', 'api-key': 'apiKey', model: 'model', config: 'config', plan: 'plan', 'timeout-ms': 'timeoutMs' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i].replace(/^--/, '')];
    if (!key || i + 1 >= argv.length) {
      process.stderr.write(`plan-probe: bad argument ${argv[i]}\n`);
      process.exit(2);
    }
    opts[key] = argv[i + 1];
  }
  if (!opts.baseUrl) {
    process.stderr.write('plan-probe: --base-url is required\n');
    process.exit(2);
  }
  return { ...opts, config: JSON.parse(opts.config), plan: JSON.parse(opts.plan), timeoutMs: Number(opts.timeoutMs) };
}

const opts = parseArgs(process.argv.slice(2));
const ai = new GoogleGenAI({ apiKey: opts.apiKey, vertexai: false, httpOptions: { baseUrl: opts.baseUrl } });

// Everything the SDK surfaced, in order, so "waitFor" can look back as well as forward.
const seen = [];
let waiters = [];
let latestHandle = null;
let lastCalls = [];
let connection = 0;

function note(ev) {
  seen.push(ev);
  emit(ev);
  waiters = waiters.filter((w) => !(w.test(ev) && (w.resolve(ev), true)));
}

function waitFor(kind, from) {
  const test = (ev) => ev.connection === connection && (ev.event === kind || (ev.kinds || []).includes(kind));
  const earlier = seen.slice(from).find(test);
  if (earlier) return Promise.resolve(earlier);
  return new Promise((resolve) => waiters.push({ test, resolve }));
}

function describe(msg) {
  const sc = msg.serverContent || {};
  const kinds = [];
  if (msg.setupComplete) kinds.push('setupComplete');
  if (msg.toolCall) kinds.push('toolCall');
  if (msg.toolCallCancellation) kinds.push('toolCallCancellation');
  if (msg.goAway) kinds.push('goAway');
  if (msg.sessionResumptionUpdate) kinds.push('resumptionUpdate');
  if (msg.usageMetadata) kinds.push('usageMetadata');
  if (sc.modelTurn) kinds.push('modelTurn');
  if (sc.outputTranscription) kinds.push('outputTranscription');
  if (sc.inputTranscription) kinds.push('inputTranscription');
  if (sc.interrupted) kinds.push('interrupted');
  if (sc.generationComplete) kinds.push('generationComplete');
  if (sc.turnComplete) kinds.push('turnComplete');
  const ev = { event: 'message', connection, kinds };
  if (msg.sessionResumptionUpdate) {
    ev.newHandle = msg.sessionResumptionUpdate.newHandle ?? null;
    ev.resumable = msg.sessionResumptionUpdate.resumable ?? null;
    if (ev.newHandle) latestHandle = ev.newHandle;
  }
  if (msg.goAway) ev.timeLeft = msg.goAway.timeLeft ?? null;
  if (msg.toolCall) {
    lastCalls = msg.toolCall.functionCalls || [];
    ev.calls = lastCalls.map((c) => ({ id: c.id, name: c.name }));
  }
  if (sc.interactionStatus) ev.interactionStatus = sc.interactionStatus;
  if (sc.outputTranscription) ev.outputTranscription = sc.outputTranscription.text;
  if (sc.modelTurn) ev.parts = (sc.modelTurn.parts || []).length;
  if (sc.inputTranscription) ev.inputTranscription = sc.inputTranscription.text;
  return ev;
}

function pcm(ms, silent, rate = 16000) {
  const n = Math.round((rate * ms) / 1000);
  const buf = Buffer.alloc(n * 2);
  if (!silent) for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  return buf;
}

async function connect(config) {
  connection++;
  const mine = connection;
  const callbacks = {
    onmessage: (msg) => note({ ...describe(msg), connection: mine }),
    onerror: (e) => note({ event: 'error', connection: mine, message: errorMessage(e) }),
    onclose: (e) => note({ event: 'close', connection: mine, code: e?.code ?? null, reason: e?.reason ?? '' }),
  };
  return ai.live.connect({ model: opts.model, config, callbacks });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  let config = { responseModalities: ['AUDIO'], ...opts.config };
  let session = await connect(config);
  let mark = 0;
  for (const step of opts.plan) {
    debug(JSON.stringify(step));
    if (step.text !== undefined) {
      session.sendRealtimeInput({ text: step.text });
    } else if (step.audio) {
      // Microphone audio in 100 ms chunks (or chunkMs), tone or silence, optionally paced.
      const chunkMs = step.audio.chunkMs || 100;
      for (let t = 0; t < step.audio.ms; t += chunkMs) {
        const data = pcm(Math.min(chunkMs, step.audio.ms - t), !!step.audio.silent).toString('base64');
        session.sendRealtimeInput({ audio: { data, mimeType: 'audio/pcm;rate=16000' } });
        if (step.audio.intervalMs) await sleep(step.audio.intervalMs);
      }
    } else if (step.clientContent) {
      session.sendClientContent(step.clientContent);
    } else if (step.toolResponse) {
      const scheduling = step.scheduling ? { scheduling: step.scheduling } : {};
      session.sendToolResponse({
        functionResponses: lastCalls.map((c) => ({ id: c.id, name: c.name, response: step.toolResponse, ...scheduling })),
      });
    } else if (step.waitFor) {
      const ev = await waitFor(step.waitFor, mark);
      mark = seen.indexOf(ev) + 1;
    } else if (step.sleepMs) {
      await sleep(step.sleepMs);
    } else if (step.close) {
      session.close();
    } else if (step.reconnect) {
      // Resume with the latest handle the SDK surfaced, as a client that keeps it would.
      if (!seen.some((e) => e.event === 'close' && e.connection === connection)) session.close();
      config = { ...config, sessionResumption: { handle: latestHandle } };
      emit({ event: 'resuming', handle: latestHandle });
      mark = seen.length; // before connecting: setupComplete may come before connect() resolves
      session = await connect(config);
    }
  }
  emit({ event: 'done', latestHandle });
  process.stdout.write('', () => process.exit(0));
}

setTimeout(() => {
  emit({ event: 'timeout' });
  process.exit(0);
}, opts.timeoutMs);
main().catch((e) => {
  emit({ event: 'probeError', message: errorMessage(e) });
  process.exit(0);
});
