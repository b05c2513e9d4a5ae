// Production shape: several replicas on one real PostgreSQL, started by the test from the
// machine's own server binaries. Both start at once; migrations and the demo seed run once.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { deliver, FakeSlack } from '../helpers/fake-slack.js';
import { ROOT, startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { queryPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
let slack: FakeSlack;
const SLACK_SECRET = 'replica-secret';
const replicas: KohortProcess[] = [];
const dirs = [tempDir('kohort-r1-'), tempDir('kohort-r2-')];

beforeAll(async () => {
  postgres = await startPostgres();
  slack = await new FakeSlack().start();
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await slack?.stop();
  postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const query = <T>(sql: string) => queryPostgres<T>(postgres.url, sql);

describe('kohort on PostgreSQL', () => {
  it('two replicas starting at once migrate and seed exactly once, and both are ready', async () => {
    // Both replicas serve Slack and the playground; debug logs show which one dropped a duplicate.
    const env = { DATABASE_URL: postgres.url, PLAYGROUND: 'on', LOG_LEVEL: 'debug', SLACK_BOT_TOKEN: 'xoxb-replicas', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.apiUrl };
    replicas.push(...(await Promise.all(dirs.map((dir) => startKohortProcess({ ...env, DATA_DIR: dir })))));
    for (const replica of replicas) {
      expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);
    }
    const migrations = await query<{ migration_name: string; finished_at: Date | null }>('SELECT migration_name, finished_at FROM "_prisma_migrations"');
    // Each committed migration applied exactly once, by one of the two replicas.
    const committed = readdirSync(path.join(ROOT, 'prisma', 'migrations'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(migrations.map((m) => m.migration_name).sort()).toEqual(committed.sort());
    expect(migrations.every((m) => m.finished_at !== null)).toBe(true);
    expect(await query('SELECT slug FROM "Program"')).toEqual([{ slug: 'digitalt-forst' }]);
    expect(replicas.filter((r) => r.output().includes('demo program imported'))).toHaveLength(1);
  });

  it('dedupes one event delivered to both replicas', async () => {
    const body = JSON.stringify({ as: 'demo-host/johan', kind: 'message', text: 'språk en', eventId: '8a0c3a5e-0f5e-4c0e-9a59-1f1f7b0c2d11' });
    const post = (r: KohortProcess) => fetch(`${r.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await Promise.all(replicas.map(post));
    const rows = await query<{ n: string }>(`SELECT count(*) AS n FROM "ProcessedEvent" WHERE "eventId" = '8a0c3a5e-0f5e-4c0e-9a59-1f1f7b0c2d11'`);
    expect(rows[0]?.n).toBe('1');
    const replies = await Promise.all(
      replicas.map(async (r) => {
        const res = await fetch(`${r.url}/playground/api/conversations/demo-host%2Fjohan/messages`);
        return ((await res.json()) as { messages: { from: string }[] }).messages.filter((m) => m.from === 'bot').length;
      }),
    );
    expect(replies.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('answers a Slack event delivered to both replicas exactly once', async () => {
    slack.addUser({ id: 'UREPL', name: 'Rut', locale: 'sv-SE' });
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'Ev-replicas-1',
      event: { type: 'message', channel_type: 'im', channel: 'DREPL', user: 'UREPL', text: 'hjälp', ts: '1700000300.000100' },
    });
    const responses = await Promise.all(replicas.map((r) => deliver(r.url, body, { secret: SLACK_SECRET })));
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    // Wait for the observable outcome on both sides: one reply sent, one duplicate dropped.
    await slack.waitUntil(() => slack.callsOf('chat.postMessage').length >= 1);
    const dropped = (r: KohortProcess) =>
      r
        .output()
        .split('\n')
        .some((line) => line.includes('Ev-replicas-1') && line.includes('duplicate event dropped'));
    await waitForOutput(() => replicas.some(dropped));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage')[0]?.args.channel).toBe('DREPL');
  });

  it('changes the program from the console: previewed on one replica, applied on the other, reminders moved as the preview said', async () => {
    const [one, two] = replicas as [KohortProcess, KohortProcess];
    const said = await fetch(`${one.url}/playground/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'demo-host/sara', kind: 'message', text: 'panel' }),
    });
    expect(said.status).toBe(200);
    const messages = (await (await fetch(`${one.url}/playground/api/conversations/demo-host%2Fsara/messages`)).json()) as { messages: { message?: { blocks: { links?: { url: string }[] }[] } }[] };
    const link = messages.messages
      .flatMap((m) => m.message?.blocks ?? [])
      .flatMap((b) => b.links ?? [])
      .at(-1)!.url;
    const signIn = await fetch(link.replace(/^https?:\/\/[^/]+/, one.url), { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    // The session is in the database: the other replica knows it.
    const page = await fetch(`${two.url}/console/program`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const text = await (await fetch(`${two.url}/console/program/file`, { headers: { cookie } })).text();
    const pending = () =>
      query<{ idempotencyKey: string; dueAt: Date }>(
        `SELECT m."idempotencyKey", m."dueAt" FROM "OutboundMessage" m JOIN "Preparation" p ON p.id::text = m.payload->>'preparationId' WHERE p.key = 'las-sidor-1-45' AND m.status = 'pending'`,
      );
    const dueAt = async () => (await query<{ dueAt: Date }>(`SELECT "dueAt" FROM "Preparation" WHERE key = 'las-sidor-1-45'`))[0]!.dueAt.getTime();
    const [before, dueBefore] = [await pending(), await dueAt()];

    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('file', new Blob([text.replace('due: +10d 12:00', 'due: +12d 12:00')]), 'program.yaml');
    const preview = await fetch(`${two.url}/console/program/preview`, { method: 'POST', headers: { cookie }, body: form });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const moved = Number(/(\d+) väntande påminnelser flyttas/.exec(html)![1]);
    const draft = /name="draft" value="([^"]+)"/.exec(html)![1]!;
    expect(await dueAt()).toBe(dueBefore);

    const applied = await fetch(`${one.url}/console/program/apply`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, draft }).toString(),
    });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain('Programmet är uppdaterat');
    // Two days later, whatever the daylight-saving calendar does in between.
    expect(Math.abs((await dueAt()) - dueBefore - 48 * 3600_000)).toBeLessThanOrEqual(3600_000);
    const was = new Map(before.map((row) => [row.idempotencyKey, row.dueAt.getTime()]));
    expect((await pending()).filter((row) => was.has(row.idempotencyKey) && was.get(row.idempotencyKey) !== row.dueAt.getTime()).length).toBe(moved);
    expect(await query(`SELECT action FROM "AuditLog" WHERE action = 'program.imported'`)).toHaveLength(1);
  });
});

/** Resolves when `condition` holds, checking whenever a replica writes output. */
function waitForOutput(condition: () => boolean, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('condition not met in replica output')), ms);
    const check = () => {
      if (!condition()) return;
      clearTimeout(timer);
      for (const r of replicas) r.child.stdout?.off('data', check);
      resolve();
    };
    for (const r of replicas) r.child.stdout?.on('data', check);
    check();
  });
}
