// The whole process, as `npm start` runs it, on a temp PGlite directory.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';

const dataDir = tempDir('kohort-int-');
let running: KohortProcess | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function say(base: string, as: string, text: string) {
  const res = await fetch(`${base}/playground/api/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, kind: 'message', text }),
  });
  expect(res.status).toBe(200);
}

async function transcript(base: string, as: string): Promise<{ from: string; text?: string; message?: { blocks: { text?: string }[] } }[]> {
  const res = await fetch(`${base}/playground/api/conversations/${encodeURIComponent(as)}/messages`);
  return ((await res.json()) as { messages: never[] }).messages;
}

const lastBotText = (entries: Awaited<ReturnType<typeof transcript>>) => (entries.filter((e) => e.from === 'bot').at(-1)?.message?.blocks ?? []).map((b) => b.text ?? '').join('\n');

describe('kohort process on embedded PGlite', () => {
  it('starts, is healthy and ready, and chats through the playground API', async () => {
    running = await startKohortProcess({ DATA_DIR: dataDir });
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({ status: 'ready' });

    const people = (await (await fetch(`${running.url}/playground/api/people`)).json()) as { people: { userId: string; name: string }[] };
    expect(people.people.map((p) => p.userId)).toContain('demo-host/anna');

    await say(running.url, 'demo-host/erik', 'status');
    expect(lastBotText(await transcript(running.url, 'demo-host/erik'))).toContain('Titta på sommarhälsningen från processledaren');
    await say(running.url, 'demo-host/erik', 'language en');
    await say(running.url, 'demo-host/erik', 'help');
    expect(lastBotText(await transcript(running.url, 'demo-host/erik'))).toContain('Hi Erik Nyström!');
    // Logs at info hold ids and counts only: no names, no message text (GDPR).
    expect(running.output()).toContain('"level":30');
    expect(running.output()).not.toMatch(/Nyström|language en|Anna Lindqvist/);
  });

  it('rejects malformed input with a clean 400 and no server error', async () => {
    const post = (body: string) => fetch(`${running!.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{"as":"x","kind":"message"}')).status).toBe(400);
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ as: '<script>', kind: 'message', text: 'hi' }))).status).toBe(400);
    expect((await fetch(`${running!.url}/nowhere`)).status).toBe(404);
  });

  it('stops cleanly on SIGTERM and keeps everything across a restart', async () => {
    const code = await running!.stop('SIGTERM');
    expect(code).toBe(0);
    expect(running!.output()).toContain('kohort stopped');

    running = await startKohortProcess({ DATA_DIR: dataDir });
    // The demo program is not imported twice, the language choice is kept, and so is the chat.
    expect(running.output()).not.toContain('demo program imported');
    const before = await transcript(running.url, 'demo-host/erik');
    expect(before.filter((e) => e.from === 'person').map((e) => e.text)).toEqual(['status', 'language en', 'help']);
    await say(running.url, 'demo-host/erik', 'status');
    expect(lastBotText(await transcript(running.url, 'demo-host/erik'))).toContain('Your status');
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    await expect(startKohortProcess({ DATA_DIR: dataDir })).rejects.toThrow(/another kohort process \(pid \d+\) is using/);
  });
});
