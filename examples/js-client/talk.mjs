#!/usr/bin/env node
// An ordinary Live client: it sets no base URL in code. The SDK reads GOOGLE_GEMINI_BASE_URL and
// GOOGLE_API_KEY from the environment, so the same program talks to the real service or to the
// mock:   GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:9125 GOOGLE_API_KEY=any-key node talk.mjs
// It sends one text turn and exits 0 once the model's turn is complete, 1 otherwise.
import { GoogleGenAI, Modality } from '@google/genai';

const model = process.env.LIVE_MODEL ?? 'gemini-2.5-flash-native-audio-preview-12-2025';
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 20000);

const ai = new GoogleGenAI({}); // key and base URL from the environment
let audioBytes = 0;
let transcript = '';

const done = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no complete turn within ${timeoutMs} ms`)), timeoutMs);
  ai.live.connect({
    model,
    config: { responseModalities: [Modality.AUDIO], outputAudioTranscription: {} },
    callbacks: {
      onmessage: (msg) => {
        for (const part of msg.serverContent?.modelTurn?.parts ?? []) {
          if (part.inlineData?.data) audioBytes += Buffer.from(part.inlineData.data, 'base64').length;
        }
        transcript += msg.serverContent?.outputTranscription?.text ?? '';
        if (msg.serverContent?.turnComplete) {
          clearTimeout(timer);
          resolve();
        }
      },
      onerror: (e) => reject(new Error(e.message ?? String(e))),
      onclose: (e) => {
        if (e.code !== 1000) reject(new Error(`closed ${e.code} ${e.reason}`));
      },
    },
  }).then((session) => {
    session.sendRealtimeInput({ text: 'Hello from the example client' });
    done.finally(() => session.close());
  }, reject);
});

try {
  await done;
  console.log(`turn complete: ${audioBytes} bytes of audio, transcript "${transcript.trim()}"`);
  process.exit(0);
} catch (e) {
  console.error(`failed: ${e.message}`);
  process.exit(1);
}
