// Scheduler benchmark: 100,000 pending outbox rows of which 10,000 are due at once, sent
// through the real outbox worker (claim, compose from the database, deliver, mark sent)
// to a no-op adapter, on PGlite and on a PostgreSQL the bench starts itself. Reports
// claim-and-send throughput, the latency of a tick with nothing due, and memory.
//   npm run bench:scheduler
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import type { ChannelAdapter, SentMessageRef } from '../src/core/adapter.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { validateProgramText } from '../src/domain/program/validate.js';
import { createOutboxWorker } from '../src/outbox/worker.js';
import { loadTranslator } from '../src/i18n/i18n.js';
import { openDatabase, type Database } from '../src/persistence/database.js';
import { importProgram } from '../src/persistence/program-import.js';
import { wire } from '../src/wiring.js';
import { tempDir } from '../test/helpers/database.js';
import { postgresBinDir, startPostgres } from '../test/helpers/postgres.js';

const PEOPLE = 10_000;
const ROWS_PER_PERSON = 10; // one due now, nine later: 100,000 rows
const IDLE_TICKS = 30;

const PROGRAM = `
program: { slug: bench, name: "Bench" }
modules:
  - number: 1
    title: "Start"
    start: "+40d 09:30"
    preparations:
      - { key: read, kind: read, title: "Read the chapter", due: "+30d 12:00" }
cohorts:
  - { slug: bench-1, name: "Bench cohort", joinCode: BENCH-1 }
`;

/** Delivers nowhere, instantly: the figures are kohort's own work, not a platform's. */
class NoopAdapter implements ChannelAdapter {
  readonly platform = 'local' as const;
  readonly capabilities = { buttons: true, forms: true, threads: true, ephemeral: false, files: true, messageUpdates: false, home: false };
  delivered = 0;
  private ref(key: string): SentMessageRef {
    this.delivered += 1;
    return { platform: 'local', conversationKey: key, messageId: String(this.delivered) };
  }
  async sendToPerson(target: { userId: string }) {
    return this.ref(`dm:${target.userId}`);
  }
  async sendProactive(conversation: { key: string }) {
    return this.ref(conversation.key);
  }
  async postToChannel(channelId: string) {
    return this.ref(`channel:${channelId}`);
  }
  async updateMessage(): Promise<void> {}
}

async function seed(db: Database): Promise<void> {
  const parsed = validateProgramText(PROGRAM, new Date());
  if (!parsed.ok) throw new Error('bench program invalid');
  await importProgram(db.prisma, parsed.program);
  const cohort = await db.prisma.cohort.findFirstOrThrow({ where: { slug: 'bench-1' } });
  const prep = await db.prisma.preparation.findFirstOrThrow({ where: { key: 'read' } });
  // Bulk rows straight in SQL: the bench measures sending, not importing.
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Participant" ("id", "cohortId", "key", "displayName", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'p' || g, 'Person ' || g, now(), now() FROM generate_series(1, ${PEOPLE}) g`,
    cohort.id,
  );
  await db.prisma.$executeRawUnsafe(`INSERT INTO "RoleAssignment" ("participantId", "role") SELECT "id", 'participant' FROM "Participant"`);
  await db.prisma.$executeRawUnsafe(`INSERT INTO "PlatformIdentity" ("id", "participantId", "platform", "externalId") SELECT gen_random_uuid(), "id", 'local', "key" FROM "Participant"`);
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "OutboundMessage" ("id", "idempotencyKey", "kind", "cohortId", "participantId", "dueAt", "payload")
     SELECT gen_random_uuid(), 'bench:' || p."key" || ':' || s, 'reminder', p."cohortId", p."id",
            CASE WHEN s = 0 THEN now() - interval '1 minute' ELSE now() + (s || ' days')::interval END,
            jsonb_build_object('preparationId', $1::text, 'step', 'bench')
     FROM "Participant" p, generate_series(0, ${ROWS_PER_PERSON - 1}) s`,
    prep.id,
  );
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function run(label: string, db: Database): Promise<string[]> {
  const started = performance.now();
  await seed(db);
  const seeded = performance.now() - started;
  const adapter = new NoopAdapter();
  const logger = createLogger('silent');
  const wiring = wire(db, { translator: loadTranslator(), clock: systemClock, logger, adapters: new Map([['local', adapter]]) });
  const worker = createOutboxWorker({ ...wiring.worker, workerId: `bench-${label}` });

  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const result = await worker.tick();
  const sendMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  if (result.sent !== PEOPLE || adapter.delivered !== PEOPLE) throw new Error(`${label}: sent ${result.sent}, delivered ${adapter.delivered}, expected ${PEOPLE}`);

  const idle: number[] = [];
  for (let i = 0; i < IDLE_TICKS; i += 1) {
    const t = performance.now();
    await worker.tick();
    idle.push(performance.now() - t);
  }
  const pending = await db.prisma.outboundMessage.count({ where: { status: 'pending' } });
  return [
    `${label}: seeded ${PEOPLE * ROWS_PER_PERSON} rows in ${(seeded / 1000).toFixed(1)} s; ${pending} still pending (not due)`,
    `${label}: ${PEOPLE} due rows claimed, composed, sent and marked in ${(sendMs / 1000).toFixed(1)} s = ${Math.round(PEOPLE / (sendMs / 1000))} messages/s`,
    `${label}: tick with nothing due (over ${pending} pending rows): p50 ${percentile(idle, 50).toFixed(1)} ms, p95 ${percentile(idle, 95).toFixed(1)} ms`,
    `${label}: RSS ${mb(rssBefore)} before the send, ${mb(rssAfter)} after`,
  ];
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const dir = tempDir('kohort-bench-sched-');
  try {
    const db = await openDatabase({ dataDir: dir, logger: createLogger('silent') });
    try {
      lines.push(...(await run('PGlite', db)));
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (postgresBinDir()) {
    const postgres = await startPostgres();
    try {
      const db = await openDatabase({ databaseUrl: postgres.url, dataDir: dir, logger: createLogger('silent') });
      try {
        lines.push(...(await run('PostgreSQL', db)));
      } finally {
        await db.close();
      }
    } finally {
      postgres.stop();
    }
  } else {
    lines.push('PostgreSQL: skipped (no server binaries under /usr/lib/postgresql; apt-get install postgresql)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
