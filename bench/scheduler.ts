// Scheduler benchmark: 100,000 pending outbox rows of which 10,000 are due at once, sent
// through the real outbox worker (claim, compose from the database, deliver, mark sent)
// to a no-op adapter, on PGlite and on a PostgreSQL the bench starts itself. Reports
// claim-and-send time and throughput, the SQL statements per message, the latency of a
// tick with nothing due over the 90,000 rows still pending, and memory; checks that every
// person got their message exactly once.
//   npm run bench:scheduler        (BENCH_PEOPLE=1000 for a shorter run; BENCH_BATCH,
//                                   BENCH_CONCURRENCY and BENCH_UNMARKED override the
//                                   worker's defaults;
//                                   BENCH_DATABASES=pglite or =postgres runs one database;
//                                   BENCH_SQL=1 prints where the send's time went, by statement)
import { seedBenchCohort } from './seed.js';
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import type { ChannelAdapter, SentMessageRef } from '../src/core/adapter.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { createOutboxWorker } from '../src/outbox/worker.js';
import { loadTranslator } from '../src/i18n/i18n.js';
import { openDatabase, type Database } from '../src/persistence/database.js';
import { wire } from '../src/wiring.js';
import { tempDir } from '../test/helpers/database.js';
import { postgresBinDir, startPostgres } from '../test/helpers/postgres.js';
import { printReport, type Figure } from './report.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const ROWS_PER_PERSON = 10; // one due now, nine later: 100,000 rows
const IDLE_TICKS = 100;
/** BENCH_DATABASES=pglite or =postgres runs one of the two (both by default). */
const ON = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const BATCH = process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {};
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {};
const UNMARKED = process.env.BENCH_UNMARKED ? { maxUnmarked: Number(process.env.BENCH_UNMARKED) } : {};

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
  /** Messages per conversation: each person's must be exactly one. */
  readonly perConversation = new Map<string, number>();
  private ref(key: string): SentMessageRef {
    this.delivered += 1;
    this.perConversation.set(key, (this.perConversation.get(key) ?? 0) + 1);
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
  await seedBenchCohort(db, PROGRAM, PEOPLE);
  const prep = await db.prisma.preparation.findFirstOrThrow({ where: { key: 'read' } });
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
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Every person got one message, and the outbox says each was sent once with the platform's id. */
async function checkExactlyOnce(label: string, db: Database, adapter: NoopAdapter, sent: number): Promise<void> {
  const recorded = await db.prisma.outboundMessage.count({ where: { status: 'sent', platformMessageId: { not: null } } });
  const twice = [...adapter.perConversation.values()].filter((n) => n !== 1).length;
  if (sent !== PEOPLE || adapter.delivered !== PEOPLE || adapter.perConversation.size !== PEOPLE || twice > 0 || recorded !== PEOPLE) {
    throw new Error(`${label}: sent ${sent}, delivered ${adapter.delivered} to ${adapter.perConversation.size} people (${twice} not exactly once), ${recorded} marked sent; expected ${PEOPLE}`);
  }
}

async function run(label: string, open: (onQuery: (sql: string, ms: number) => void) => Promise<Database>): Promise<Figure[]> {
  let statements = 0;
  // BENCH_SQL=1: where the time of the send goes, by kind of statement (on stderr).
  const bySql = new Map<string, { n: number; ms: number }>();
  const db = await open((sql, ms) => {
    statements += 1;
    if (!process.env.BENCH_SQL) return;
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
    const entry = bySql.get(key) ?? bySql.set(key, { n: 0, ms: 0 }).get(key)!;
    entry.n += 1;
    entry.ms += ms;
  });
  try {
    const started = performance.now();
    await seed(db);
    const seeded = performance.now() - started;
    const adapter = new NoopAdapter();
    const logger = createLogger('silent');
    const wiring = wire(db, { translator: loadTranslator(), clock: systemClock, logger, adapters: new Map([['local', adapter]]) });
    const worker = createOutboxWorker({ ...wiring.worker, workerId: `bench-${label}`, ...BATCH, ...CONCURRENCY, ...UNMARKED });

    const rssBefore = process.memoryUsage().rss;
    statements = 0;
    bySql.clear();
    const t0 = performance.now();
    const result = await worker.tick();
    const sendMs = performance.now() - t0;
    const perMessage = statements / PEOPLE;
    for (const [sql, { n, ms }] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) process.stderr.write(`${label} ${ms.toFixed(0).padStart(7)} ms ${String(n).padStart(6)}× ${sql}\n`);
    const rssAfter = process.memoryUsage().rss;
    await checkExactlyOnce(label, db, adapter, result.sent);

    const idle: number[] = [];
    for (let i = 0; i < IDLE_TICKS; i += 1) {
      const t = performance.now();
      await worker.tick();
      idle.push(performance.now() - t);
    }
    if (process.env.BENCH_DEBUG) process.stderr.write(`${label} idle: ${idle.map((t) => t.toFixed(1)).join(' ')}\n`);
    const pending = await db.prisma.outboundMessage.count({ where: { status: 'pending' } });
    process.stderr.write(`${label}: seeded ${PEOPLE * ROWS_PER_PERSON} rows in ${(seeded / 1000).toFixed(1)} s; ${pending} still pending (not due)\n`);
    const sendTarget = label === 'PostgreSQL' ? '<= 5' : '<= 15';
    return [
      { name: `${PEOPLE} due messages claimed, composed, sent, marked (${label})`, value: sendMs / 1000, unit: 's', ...(PEOPLE === 10_000 ? { target: sendTarget } : {}) },
      { name: `throughput (${label})`, value: Math.round(PEOPLE / (sendMs / 1000)), unit: 'messages/s' },
      { name: `SQL statements per message (${label})`, value: perMessage, unit: 'statements' },
      { name: `tick with nothing due over ${pending} pending rows, p50 (${label})`, value: percentile(idle, 50), unit: 'ms' },
      { name: `tick with nothing due over ${pending} pending rows, p95 (${label})`, value: percentile(idle, 95), unit: 'ms', target: '< 5' },
      { name: `RSS before the send (${label})`, value: megabytes(rssBefore), unit: 'MB' },
      { name: `RSS after the send (${label})`, value: megabytes(rssAfter), unit: 'MB' },
    ];
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const dir = tempDir('kohort-bench-sched-');
  try {
    if (ON.includes('pglite')) figures.push(...(await run('PGlite', (onQuery) => openDatabase({ dataDir: dir, logger: createLogger('silent'), onQuery }))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let context = `${cpus().length} cores, Node ${process.versions.node}, ${PEOPLE * ROWS_PER_PERSON} rows of which ${PEOPLE} due, no-op adapter`;
  if (!ON.includes('postgres')) {
    // Left out on request (BENCH_DATABASES).
  } else if (postgresBinDir()) {
    const postgres = await startPostgres();
    try {
      figures.push(...(await run('PostgreSQL', (onQuery) => openDatabase({ databaseUrl: postgres.url, dataDir: dir, logger: createLogger('silent'), onQuery }))));
    } finally {
      postgres.stop();
    }
  } else {
    context += '; PostgreSQL skipped (no server binaries under /usr/lib/postgresql)';
  }
  printReport({ bench: 'scheduler', context, figures });
}

await main();
