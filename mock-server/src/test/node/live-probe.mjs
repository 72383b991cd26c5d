#!/usr/bin/env node
// Drives the real @google/genai SDK's Live API client against a (mock) Live
// server and reports what the SDK surfaced to the application as JSON lines on
// stdout, one object per line, each with an "event" field. Debug goes to
// stderr only. See README.md in this folder for the contract.

import { GoogleGenAI, Modality } from '@google/genai';

// ---------------------------------------------------------------------------
// Output: stdout carries only our JSON lines. Anything the SDK (or a
// dependency) would print with console.log/info/debug goes to stderr instead.
// ---------------------------------------------------------------------------
for (const name of ['log', 'info', 'debug']) {
  console[name] = (...args) => console.error(...args);
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function debug(...args) {
  process.stderr.write('[live-probe] ' + args.map(String).join(' ') + '\n');
}

function errorMessage(e) {
  if (e === null || e === undefined) return String(e);
  if (typeof e === 'string') return e;
  if (typeof e.message === 'string' && e.message !== '') return e.message;
  if (e.error && typeof e.error.message === 'string') return e.error.message;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------
const ACTIONS = ['audio-turn', 'text-turn', 'client-content-after-turn', 'connect-only'];

const USAGE = `usage: node live-probe.mjs --base-url URL [options]
  --base-url URL          mock server base URL, e.g. http://127.0.0.1:43123 (required)
  --api-key KEY           default FAKE_KEY_123
  --model NAME            default gemini-2.5-flash-native-audio-preview-12-2025
  --action ACTION         ${ACTIONS.join(' | ')} (default audio-turn)
  --timeout-ms N          overall deadline in ms (default 10000)
  --thinking-level L      adds thinkingConfig.thinkingLevel = L to the connect config
  --thinking-budget N     adds thinkingConfig.thinkingBudget = N (integer)
  --chunk-interval-ms N   pause between 100 ms audio chunks (default 100 = real time; 0 = no pause)`;

function badArgs(message) {
  process.stderr.write(`live-probe: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    baseUrl: undefined,
    apiKey: 'FAKE_KEY_123',
    model: 'gemini-2.5-flash-native-audio-preview-12-2025',
    action: 'audio-turn',
    timeoutMs: 10000,
    thinkingLevel: undefined,
    thinkingBudget: undefined,
    chunkIntervalMs: 100,
  };
  const names = {
    'base-url': 'baseUrl',
    'api-key': 'apiKey',
    model: 'model',
    action: 'action',
    'timeout-ms': 'timeoutMs',
    'thinking-level': 'thinkingLevel',
    'thinking-budget': 'thinkingBudget',
    'chunk-interval-ms': 'chunkIntervalMs',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stderr.write(USAGE + '\n');
      process.exit(0);
    }
    if (!arg.startsWith('--')) badArgs(`unexpected argument '${arg}'`);
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    } else {
      if (i + 1 >= argv.length) badArgs(`missing value for --${name}`);
      value = argv[++i];
    }
    if (!(name in names)) badArgs(`unknown option --${name}`);
    opts[names[name]] = value;
  }
  if (!opts.baseUrl) badArgs('--base-url is required');
  try {
    const u = new URL(opts.baseUrl);
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) throw new Error('scheme');
  } catch {
    badArgs(`--base-url is not an http(s) URL: '${opts.baseUrl}'`);
  }
  if (!ACTIONS.includes(opts.action)) badArgs(`unknown --action '${opts.action}'`);
  const intArg = (key, flag, min) => {
    const v = opts[key];
    if (typeof v === 'number') return;
    if (!/^-?\d+$/.test(String(v)) || Number(v) < min) badArgs(`${flag} must be an integer >= ${min}, got '${v}'`);
    opts[key] = Number(v);
  };
  intArg('timeoutMs', '--timeout-ms', 1);
  intArg('chunkIntervalMs', '--chunk-interval-ms', 0);
  if (opts.thinkingBudget !== undefined) intArg('thinkingBudget', '--thinking-budget', -1);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------
// State reported in the summary
// ---------------------------------------------------------------------------
const state = {
  connected: false,
  setupComplete: false,
  audioBytes: 0,
  turnCompletes: 0,
  generationCompletes: 0,
  closeCode: null,
  closeReason: null,
  outputTranscription: '',
  inputTranscription: '',
  closed: false,
};

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  emit({
    event: 'summary',
    connected: state.connected,
    setupComplete: state.setupComplete,
    audioBytes: state.audioBytes,
    turnCompletes: state.turnCompletes,
    generationCompletes: state.generationCompletes,
    closeCode: state.closeCode,
    closeReason: state.closeReason,
    outputTranscription: state.outputTranscription,
    inputTranscription: state.inputTranscription,
  });
  // Exit once stdout has been handed to the OS (pipes are synchronous on
  // Linux anyway); exit code 0 whatever the server did.
  process.stdout.write('', () => process.exit(0));
}

// The SDK parses frames in a fire-and-forget async function, so a non-JSON
// frame (or a throwing callback) surfaces as an unhandled rejection.
process.on('unhandledRejection', (reason) => {
  emit({ event: 'unhandledRejection', message: errorMessage(reason) });
  debug('unhandledRejection:', reason && reason.stack ? reason.stack : reason);
});
process.on('uncaughtException', (err) => {
  emit({ event: 'uncaughtException', message: errorMessage(err) });
  debug('uncaughtException:', err && err.stack ? err.stack : err);
});

const deadline = setTimeout(() => {
  emit({ event: 'timeout', timeoutMs: opts.timeoutMs });
  finish();
}, opts.timeoutMs);

// ---------------------------------------------------------------------------
// Waiters resolved from the SDK callbacks
// ---------------------------------------------------------------------------
function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}
const turnCompleteSeen = deferred();
const closeSeen = deferred();

function describeMessage(msg) {
  const keys = Object.keys(msg).filter((k) => msg[k] !== undefined && msg[k] !== null);
  const sc = msg.serverContent || {};
  const parts = (sc.modelTurn && Array.isArray(sc.modelTurn.parts)) ? sc.modelTurn.parts : [];
  let audioBytes = 0;
  const audioMimeTypes = [];
  const texts = [];
  const thoughts = [];
  for (const part of parts) {
    if (!part) continue;
    if (part.inlineData) {
      if (typeof part.inlineData.data === 'string') {
        audioBytes += Buffer.from(part.inlineData.data, 'base64').length;
      }
      if (part.inlineData.mimeType !== undefined) audioMimeTypes.push(part.inlineData.mimeType);
    }
    if (typeof part.text === 'string') {
      (part.thought ? thoughts : texts).push(part.text);
    }
  }
  const inputTranscription =
    sc.inputTranscription && typeof sc.inputTranscription.text === 'string' ? sc.inputTranscription.text : null;
  const outputTranscription =
    sc.outputTranscription && typeof sc.outputTranscription.text === 'string' ? sc.outputTranscription.text : null;
  return {
    event: 'message',
    keys,
    audioBytes,
    audioMimeTypes,
    text: texts.length ? texts.join('') : null,
    thoughtText: thoughts.length ? thoughts.join('') : null,
    inputTranscription,
    outputTranscription,
    turnComplete: sc.turnComplete === true,
    generationComplete: sc.generationComplete === true,
    interrupted: sc.interrupted === true,
    setupComplete: msg.setupComplete !== undefined && msg.setupComplete !== null,
  };
}

const callbacks = {
  onopen: () => {
    emit({ event: 'open' });
  },
  onmessage: (msg) => {
    const line = describeMessage(msg);
    emit(line);
    state.audioBytes += line.audioBytes;
    if (line.setupComplete) state.setupComplete = true;
    if (line.turnComplete) state.turnCompletes++;
    if (line.generationComplete) state.generationCompletes++;
    if (line.inputTranscription !== null) state.inputTranscription += line.inputTranscription;
    if (line.outputTranscription !== null) state.outputTranscription += line.outputTranscription;
    if (line.turnComplete) turnCompleteSeen.resolve();
  },
  onerror: (e) => {
    emit({ event: 'error', message: errorMessage(e) });
  },
  onclose: (e) => {
    const code = e && typeof e.code === 'number' ? e.code : null;
    const reason = e && typeof e.reason === 'string' ? e.reason : '';
    emit({ event: 'close', code, reason, wasClean: !!(e && e.wasClean) });
    state.closed = true;
    state.closeCode = code;
    state.closeReason = reason;
    closeSeen.resolve();
  },
};

// ---------------------------------------------------------------------------
// Audio: 440 Hz sine, amplitude 8000, 16 kHz mono s16le, then silence
// ---------------------------------------------------------------------------
const SAMPLE_RATE = 16000;
const CHUNK_SAMPLES = SAMPLE_RATE / 10; // 100 ms

function pcmChunk(chunkIndex, silent) {
  const buf = Buffer.alloc(CHUNK_SAMPLES * 2);
  if (!silent) {
    for (let i = 0; i < CHUNK_SAMPLES; i++) {
      const n = chunkIndex * CHUNK_SAMPLES + i;
      const v = Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE));
      buf.writeInt16LE(v, i * 2);
    }
  }
  return buf.toString('base64');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function safeSend(what, fn) {
  if (state.closed) {
    debug(`not sending ${what}: connection already closed`);
    return false;
  }
  try {
    fn();
    debug(`sent ${what}`);
    return true;
  } catch (e) {
    emit({ event: 'sendError', what, message: errorMessage(e) });
    return false;
  }
}

// Resolves when the turn completes or the connection closes (whichever first).
function waitTurnOrClose() {
  return Promise.race([turnCompleteSeen.promise, closeSeen.promise]);
}

async function closeAndWait(session) {
  if (!state.closed && session) {
    try {
      session.close();
    } catch (e) {
      debug('session.close() threw:', errorMessage(e));
    }
  }
  await closeSeen.promise;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------
async function main() {
  const config = {
    responseModalities: [Modality.AUDIO],
    inputAudioTranscription: {},
    outputAudioTranscription: {},
  };
  if (opts.thinkingLevel !== undefined || opts.thinkingBudget !== undefined) {
    config.thinkingConfig = {};
    if (opts.thinkingLevel !== undefined) config.thinkingConfig.thinkingLevel = opts.thinkingLevel;
    if (opts.thinkingBudget !== undefined) config.thinkingConfig.thinkingBudget = opts.thinkingBudget;
  }
  debug(`action=${opts.action} baseUrl=${opts.baseUrl} model=${opts.model} config=${JSON.stringify(config)}`);

  const ai = new GoogleGenAI({ apiKey: opts.apiKey, vertexai: false, httpOptions: { baseUrl: opts.baseUrl } });

  let session;
  try {
    session = await ai.live.connect({ model: opts.model, config, callbacks });
  } catch (e) {
    emit({ event: 'connectRejected', message: errorMessage(e) });
    debug('connect rejected:', e && e.stack ? e.stack : e);
    // The SDK closes the socket itself on a failed connect; wait for onclose.
    await closeSeen.promise;
    return;
  }
  state.connected = true;
  emit({ event: 'connected' });

  switch (opts.action) {
    case 'connect-only':
      break;

    case 'text-turn':
      safeSend('realtimeInput.text', () => session.sendRealtimeInput({ text: 'Hello from the JS probe' }));
      await waitTurnOrClose();
      break;

    case 'audio-turn': {
      const chunks = [];
      for (let i = 0; i < 10; i++) chunks.push(pcmChunk(i, false));
      for (let i = 0; i < 6; i++) chunks.push(pcmChunk(i, true));
      for (let i = 0; i < chunks.length && !state.closed; i++) {
        safeSend(`audio chunk ${i}`, () =>
          session.sendRealtimeInput({ audio: { data: chunks[i], mimeType: 'audio/pcm;rate=16000' } }),
        );
        if (opts.chunkIntervalMs > 0) await sleep(opts.chunkIntervalMs);
      }
      safeSend('audioStreamEnd', () => session.sendRealtimeInput({ audioStreamEnd: true }));
      await waitTurnOrClose();
      break;
    }

    case 'client-content-after-turn':
      safeSend('realtimeInput.text', () => session.sendRealtimeInput({ text: 'Hello from the JS probe' }));
      await waitTurnOrClose();
      safeSend('clientContent', () =>
        session.sendClientContent({
          turns: [{ role: 'user', parts: [{ text: 'mid-session update' }] }],
          turnComplete: true,
        }),
      );
      // Wait for the server to close (or the overall timeout); no close from us.
      await closeSeen.promise;
      return;
  }
  await closeAndWait(session);
}

main().then(
  () => {
    clearTimeout(deadline);
    finish();
  },
  (e) => {
    emit({ event: 'probeError', message: errorMessage(e) });
    debug('probe error:', e && e.stack ? e.stack : e);
    clearTimeout(deadline);
    finish();
  },
);
