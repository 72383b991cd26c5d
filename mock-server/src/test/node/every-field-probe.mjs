#!/usr/bin/env node
// Connects the real @google/genai 3.3.0 SDK to a Live server with a connect config that sets
// every field (read from --config, a JSON file), and reports as JSON lines on stdout what
// happened: fields the SDK itself refuses for the Developer API (dropped, then retried),
// setupComplete, the close. Used by JsSdkEveryFieldTest; see README.md.

import { readFileSync } from 'node:fs';
import { GoogleGenAI } from 'genai-3.3';

for (const name of ['log', 'info', 'debug']) {
  console[name] = (...args) => console.error(...args);
}
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const args = Object.fromEntries(
  process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : null)).filter(Boolean));
if (!args['base-url'] || !args.config) {
  process.stderr.write('usage: node every-field-probe.mjs --base-url URL --config FILE [--model M] [--timeout-ms N]\n');
  process.exit(2);
}
const model = args.model || 'gemini-2.5-flash-native-audio-preview-12-2025';
const timeoutMs = Number(args['timeout-ms'] || 10000);
const config = JSON.parse(readFileSync(args.config, 'utf8'));
const REFUSED = /(\w+) (?:parameter is only supported in Gemini Enterprise|is not supported in the live API)/;

function removeEverywhere(node, name) {
  if (Array.isArray(node)) node.forEach((n) => removeEverywhere(n, name));
  else if (node && typeof node === 'object') {
    delete node[name];
    Object.values(node).forEach((n) => removeEverywhere(n, name));
  }
}

const ai = new GoogleGenAI({ apiKey: 'FAKE_KEY_123', httpOptions: { baseUrl: args['base-url'] } });
let done;
const finished = new Promise((resolve) => (done = resolve));
const summary = { event: 'summary', refusedBySdk: [], setupComplete: false, close: null };
const timer = setTimeout(() => done('timeout'), timeoutMs);

let session;
for (let attempt = 0; attempt < 40 && !session; attempt++) {
  try {
    session = await ai.live.connect({
      model,
      config,
      callbacks: {
        onmessage: (m) => {
          if (m.setupComplete) {
            summary.setupComplete = true;
            emit({ event: 'setupComplete' });
            done('setupComplete');
          }
        },
        onclose: (e) => {
          summary.close = { code: e.code, reason: e.reason };
          emit({ event: 'close', code: e.code, reason: e.reason });
          done('close');
        },
        onerror: (e) => emit({ event: 'error', message: String(e && e.message) }),
      },
    });
  } catch (e) {
    const message = String(e && e.message);
    const m = REFUSED.exec(message);
    if (!m) {
      emit({ event: 'connect-error', message });
      done('connect-error');
      break;
    }
    summary.refusedBySdk.push(m[1]);
    emit({ event: 'refused-by-sdk', field: m[1] });
    removeEverywhere(config, m[1]);
  }
}
summary.outcome = await finished;
clearTimeout(timer);
emit(summary);
try {
  if (session && summary.setupComplete) session.close();
} catch {
  // closing is best effort
}
setTimeout(() => process.exit(0), 200);
