// A proactive send (no request from the person) reaches an open playground page: the real
// LocalAdapter and the real router on an HTTP server on 127.0.0.1, read as a browser would.
import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalAdapter } from '../../adapters/local/local-adapter.js';
import { playgroundRouter } from '../../adapters/local/routes.js';
import { Transcript, type TranscriptEntry } from '../../adapters/local/transcript.js';
import { listen } from '../../src/http/server.js';
import { message, text } from '../../src/ui/model.js';
import { FakeClock } from '../helpers/fake-clock.js';

let server: http.Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

async function playground() {
  const clock = new FakeClock(new Date('2026-11-23T08:00:00Z'));
  const transcript = new Transcript(undefined);
  const adapter = new LocalAdapter(transcript, clock);
  const app = express().use(playgroundRouter({ transcript, clock, sink: { receive: async () => {} }, listPeople: async () => [], listChannels: async () => [], texts: () => ({}) }));
  server = http.createServer(app);
  const port = await listen(server, 0, '127.0.0.1');
  return { adapter, base: `http://127.0.0.1:${port}` };
}

/** Reads server-sent events until `count` entries have arrived. */
async function readEntries(response: Response, count: number): Promise<TranscriptEntry[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const entries: TranscriptEntry[] = [];
  while (entries.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame.split('\n').find((line) => line.startsWith('data: '));
      if (data) entries.push(JSON.parse(data.slice(6)) as TranscriptEntry);
    }
  }
  await reader.cancel();
  return entries;
}

describe('playground adapter: proactive messages', () => {
  it('delivers a send to a person and an update to their open stream, and to no one else', async () => {
    const { adapter, base } = await playground();
    const stream = await fetch(`${base}/playground/api/stream?as=demo-host/anna`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const arriving = readEntries(stream, 2);

    await adapter.sendToPerson({ platform: 'local', userId: 'demo-host/erik' }, message(text('till Erik')));
    const sent = await adapter.sendToPerson({ platform: 'local', userId: 'demo-host/anna' }, message(text('Påminnelse')));
    await adapter.updateMessage(sent, message(text('Påminnelse – klar')));

    const [first, second] = await arriving;
    expect(first).toMatchObject({ id: sent.messageId, from: 'bot', message: { blocks: [{ type: 'text', text: 'Påminnelse' }] } });
    expect(second).toMatchObject({ id: sent.messageId, updatedAt: '2026-11-23T08:00:00.000Z', message: { blocks: [{ text: 'Påminnelse – klar' }] } });

    const history = (await (await fetch(`${base}/playground/api/conversations/demo-host%2Fanna/messages`)).json()) as { messages: TranscriptEntry[] };
    expect(history.messages).toHaveLength(1);
  });

  it('refuses to update a message it never sent', async () => {
    const { adapter } = await playground();
    await expect(adapter.updateMessage({ platform: 'local', conversationKey: 'dm:x', messageId: 'nope' }, message())).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
