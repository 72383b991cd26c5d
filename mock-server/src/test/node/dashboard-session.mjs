#!/usr/bin/env node
// A voice-agent session through the real @google/genai SDK, in phases the caller triggers on
// stdin, so a test can look at the mock's dashboard while the session is still open:
//   "audio"  speaks 1 s of a 440 Hz tone then 0.8 s of silence, in real time; waits for the turn
//   "tool"   sends a text turn that names the declared function, answers the tool call, waits
//   "norate" sends one chunk of silence labelled audio/pcm without its rate (a profile finding)
//   "close"  closes the session and exits
// Prints one JSON line per step on stdout ({"event": "...", ...}); debug goes to stderr.
import { GoogleGenAI, Modality } from '@google/genai';
import readline from 'node:readline';

for (const name of ['log', 'info', 'debug']) console[name] = (...a) => console.error(...a);
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const model = args.model || 'gemini-2.5-flash-native-audio-preview-12-2025';

let turnWaiter = null;
let session;
const ai = new GoogleGenAI({ apiKey: args['api-key'] || 'FAKE_KEY_123', httpOptions: { baseUrl: args['base-url'] } });
session = await ai.live.connect({
  model,
  config: {
    responseModalities: [Modality.AUDIO],
    inputAudioTranscription: {},
    outputAudioTranscription: {},
    tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather for a city',
      parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } }] }],
  },
  callbacks: {
    onmessage: (msg) => {
      if (msg.toolCall) {
        for (const call of msg.toolCall.functionCalls || []) {
          emit({ event: 'toolCall', id: call.id, name: call.name });
          session.sendToolResponse({ functionResponses: [{ id: call.id, name: call.name, response: { forecast: 'sunny' } }] });
        }
      }
      if (msg.serverContent && msg.serverContent.turnComplete) {
        emit({ event: 'turnComplete' });
        if (turnWaiter) { const w = turnWaiter; turnWaiter = null; w(); }
      }
    },
    onerror: (e) => emit({ event: 'error', message: String(e && e.message) }),
    onclose: (e) => { emit({ event: 'closed', code: e && e.code }); process.exit(0); },
  },
});
emit({ event: 'connected' });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise((r) => { turnWaiter = r; });

function chunk(index, silent) {
  const n = 1600;
  const buf = Buffer.alloc(n * 2);
  if (!silent) {
    for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 440 * (index * n + i) / 16000)), i * 2);
  }
  return buf.toString('base64');
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = line.trim();
  if (command === 'audio') {
    const done = turn();
    for (let i = 0; i < 18; i++) {
      session.sendRealtimeInput({ audio: { data: chunk(i, i >= 10), mimeType: 'audio/pcm;rate=16000' } });
      await sleep(100);
    }
    await done;
    emit({ event: 'done', step: 'audio' });
  } else if (command === 'tool') {
    const done = turn();
    session.sendRealtimeInput({ text: 'What is the weather? Please use get_weather for Paris.' });
    await done;
    emit({ event: 'done', step: 'tool' });
  } else if (command === 'norate') {
    session.sendRealtimeInput({ audio: { data: chunk(0, true), mimeType: 'audio/pcm' } });
    await sleep(200);
    emit({ event: 'done', step: 'norate' });
  } else if (command === 'close') {
    session.close();
  }
}
