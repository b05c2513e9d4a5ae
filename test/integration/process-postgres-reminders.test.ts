// Three kohort processes share one real PostgreSQL (started by the test). 1,000 reminders
// fall due at the same moment; the fake Slack on 127.0.0.1 is the recipient side and
// counts each person's reminder exactly once, whichever replica sent it.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { queryPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const PEOPLE = 1000;
let postgres: TestPostgres;
let slack: FakeSlack;
const replicas: KohortProcess[] = [];
const dirs = [tempDir('kohort-s1-'), tempDir('kohort-s2-'), tempDir('kohort-s3-')];
const work = tempDir('kohort-s-program-');

/** A program with one cohort of 1,000 participants, each known on Slack by member id. */
function writeProgram(): string {
  const people = Array.from({ length: PEOPLE }, (_, i) => `      - { key: p${i}, name: "Person ${i}", identities: { slack: U${String(i).padStart(5, '0')} } }`);
  const file = path.join(work, 'many.yaml');
  writeFileSync(
    file,
    [
      'program: { slug: many, name: "Many" }',
      'modules:',
      '  - number: 1',
      '    title: "Start"',
      '    start: "+40d 09:30"',
      '    preparations:',
      '      - { key: read, kind: read, title: "Read the chapter", due: "+30d 12:00" }',
      'cohorts:',
      '  - slug: many-1',
      '    name: "Many cohort"',
      '    joinCode: MANY-1',
      '    participants:',
      ...people,
    ].join('\n'),
  );
  return file;
}

const query = <T>(sql: string) => queryPostgres<T>(postgres.url, sql);

beforeAll(async () => {
  postgres = await startPostgres();
  slack = await new FakeSlack().start();
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await slack?.stop();
  postgres?.stop();
  for (const dir of [...dirs, work]) rmSync(dir, { recursive: true, force: true });
});

describe('the outbox shared by three replicas on PostgreSQL', () => {
  // Slack's budget (10 posts a second per workspace and replica) alone makes 1,000 posts take
  // over 30 s, after three starts that import 1,000 people: close to the 60 s default on a busy
  // 2-core machine, so this test gets its own ceiling. It asserts counts, never a duration.
  it('sends 1,000 reminders that fall due at once exactly once each', { timeout: 180_000 }, async () => {
    const env = {
      DATABASE_URL: postgres.url,
      DEMO_PROGRAM: writeProgram(),
      SLACK_BOT_TOKEN: 'xoxb-three',
      SLACK_SIGNING_SECRET: 'three-secret',
      SLACK_API_URL: slack.apiUrl,
      SCHEDULER_TICK: '* * * * * *', // every second, so the three replicas race for the same rows
    };
    replicas.push(...(await Promise.all(dirs.map((dir) => startKohortProcess({ ...env, DATA_DIR: dir })))));
    const planned = await query<{ n: string }>(`SELECT count(*) AS n FROM "OutboundMessage" WHERE kind = 'reminder' AND "idempotencyKey" LIKE '%:7d@09:00'`);
    expect(planned[0]?.n).toBe(String(PEOPLE));

    // The moment arrives for everyone at once.
    await query(`UPDATE "OutboundMessage" SET "dueAt" = now() WHERE kind = 'reminder' AND "idempotencyKey" LIKE '%:7d@09:00'`);
    await slack.waitUntil(() => slack.callsOf('chat.postMessage').length >= PEOPLE, 120_000);
    // Wait until no row is left to send, so any double send would already have happened.
    for (;;) {
      const open = await query<{ n: string }>(`SELECT count(*) AS n FROM "OutboundMessage" WHERE "dueAt" <= now() AND status IN ('pending', 'claimed')`);
      if (open[0]?.n === '0') break;
      await new Promise((resolve) => setImmediate(resolve));
    }

    const perChannel = new Map<string, number>();
    for (const call of slack.callsOf('chat.postMessage')) perChannel.set(String(call.args.channel), (perChannel.get(String(call.args.channel)) ?? 0) + 1);
    expect(perChannel.size).toBe(PEOPLE);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    expect(slack.callsOf('chat.postMessage').every((c) => String(c.args.text).includes('Read the chapter'))).toBe(true);

    const sent = await query<{ n: string; senders: string }>(
      `SELECT count(*) AS n, count(DISTINCT split_part("claimedBy", ':', 2)) AS senders FROM "OutboundMessage" WHERE status = 'sent' AND "platformMessageId" IS NOT NULL`,
    );
    expect(sent[0]?.n).toBe(String(PEOPLE));
    // The work was shared: more than one process sent some of them.
    expect(Number(sent[0]?.senders)).toBeGreaterThan(1);
  });
});
