// Data rights in the running process, as a new user meets them in the playground: Erik's
// `mina data` link downloads his file over HTTP; after `glöm mig` the link is gone, the
// playground's transcript (on disk and over its API) holds nothing of his, and the logs at
// info never named him. The CLI's `person export/erase` is in cli-tool.test.ts.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';

const dataDir = tempDir('kohort-rights-');
let running: KohortProcess | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const ERIK = 'demo-host/erik';
const DECISION = 'Sluta skriva veckobrev som ingen läser';

interface Entry {
  from: string;
  text?: string;
  message?: { blocks: { type: string; text?: string; links?: { url: string }[]; elements?: { label: string; actionId: string; value: string }[] }[] };
}

async function post(body: object): Promise<void> {
  const res = await fetch(`${running!.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
const say = (as: string, text: string) => post({ as, kind: 'message', text });
async function conversation(as: string): Promise<Entry[]> {
  const res = await fetch(`${running!.url}/playground/api/conversations/${encodeURIComponent(as)}/messages`);
  return ((await res.json()) as { messages: Entry[] }).messages;
}
const lastBot = async (as: string) => (await conversation(as)).filter((e) => e.from === 'bot').at(-1)!.message!;

describe('data rights in the running kohort', () => {
  it('downloads Erik’s data, then forgets him everywhere the playground keeps it', async () => {
    running = await startKohortProcess({ DATA_DIR: dataDir, SCHEDULER_TICK: 'off' });
    await say(ERIK, `sluta ${DECISION}`);
    await say(ERIK, 'mina data');
    const link = (await lastBot(ERIK)).blocks.find((b) => b.type === 'links')!.links![0]!.url;
    const download = await fetch(link.replace(/^https?:\/\/[^/]+/, running.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/json');
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    const file = (await download.json()) as { person: { name: string }; commitments: { text: string }[] };
    expect(file.person.name).toBe('Erik Nyström');
    expect(file.commitments.map((c) => c.text)).toEqual([DECISION]);

    await say(ERIK, 'glöm mig');
    const confirm = (await lastBot(ERIK)).blocks.flatMap((b) => b.elements ?? []).find((e) => e.label === 'Ja, radera mig')!;
    await post({ as: ERIK, kind: 'action', actionId: confirm.actionId, value: confirm.value });

    // The goodbye is shown, and that is all: nothing he typed, no earlier message.
    const after = await conversation(ERIK);
    expect(after.map((e) => e.from)).toEqual(['bot']);
    expect(JSON.stringify(after)).toContain('raderat');
    expect((await fetch(link.replace(/^https?:\/\/[^/]+/, running.url))).status).toBe(404);
    const onDisk = readFileSync(path.join(dataDir, 'playground', 'transcript.jsonl'), 'utf8');
    for (const trace of ['Nyström', ERIK, 'veckobrev']) expect(onDisk).not.toContain(trace);
    // The person picker no longer offers him.
    const people = (await (await fetch(`${running.url}/playground/api/people`)).json()) as { people: { userId: string }[] };
    expect(people.people.map((p) => p.userId)).not.toContain(ERIK);
    // Logs at info: counts and ids, never his name or words.
    expect(running.output()).toContain('"level":30');
    expect(running.output()).not.toMatch(/Nyström|veckobrev|mina data|glöm mig/);
  });
});
