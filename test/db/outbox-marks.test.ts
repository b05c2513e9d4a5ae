// How the outbox worker writes a batch's outcomes back, on real PGlite with the fake
// clock: together in one statement when the sends complete together, never more than
// `maxUnmarked` messages sent and not yet marked (so a crash sends at most that many
// twice), and a first message that was not delivered leaves the privacy notice for the next.
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { prismaOutbox } from '../../src/persistence/repositories/outbox.js';
import { message, text } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { arrangeMix, batchCohort, mixRows, morePeople } from '../helpers/outbox-batch.js';
import { noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const t0 = new Date('2027-03-01T08:00:00Z');
let db: TestDatabase;
let statements: string[] = [];
afterEach(async () => db?.close());

async function setUp() {
  statements = [];
  db = await freshDatabase({ onQuery: (sql) => statements.push(sql) });
  const clock = new FakeClock(t0);
  const cohort = await batchCohort(db, t0);
  return { cohort, clock, outbox: prismaOutbox(db.prisma), ...servicesFor(db, clock) };
}

const marks = () => statements.filter((sql) => sql.includes('UPDATE "OutboundMessage" AS o')).length;

/** Turns of the event loop (no timers): enough for every send that could start to have started. */
async function settleLoop(turns = 50): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('the outbox marks its outcomes in groups', () => {
  it('marks a batch whose sends complete together in one statement: sent, skipped and failed alike', async () => {
    const { cohort, clock, outbox, adapter, wiring } = await setUp();
    await noticeAlreadyGiven(db, t0);
    await outbox.plan(mixRows(cohort, await arrangeMix(db, cohort, t0), t0));
    // A row that fails for good (its payload is from no kohort version) joins the same write.
    await db.prisma.outboundMessage.create({ data: { idempotencyKey: 'broken', kind: 'reminder', participantId: cohort.people.anna, dueAt: t0, payload: { nonsense: true } } });
    statements = [];
    const worker = createOutboxWorker({ ...wiring.worker, workerId: 'w1', batchSize: 100, maxUnmarked: 100 });
    const result = await worker.tick();
    expect(result).toMatchObject({ sent: 12, cancelled: 7 });
    expect(marks()).toBe(1);
    // And the broadcast's report to Fia, once its last row was settled.
    expect(adapter.sent).toHaveLength(13);
    const rows = await db.prisma.outboundMessage.findMany();
    expect(rows.filter((r) => r.status === 'sent').every((r) => r.sentAt?.getTime() === clock.now().getTime() && r.platformMessageId && r.claimedBy === 'w1')).toBe(true);
    expect(rows.find((r) => r.idempotencyKey === 'broken')).toMatchObject({ status: 'cancelled', claimedBy: null });
    expect(rows.find((r) => r.idempotencyKey === 'reminder:dag:p1 (done)')).toMatchObject({ status: 'cancelled', lastError: 'done' });
  });

  it('never has more than `maxUnmarked` messages sent and unmarked: a crash then sends at most that many twice', async () => {
    const { cohort, clock, outbox, adapter, wiring } = await setUp();
    await noticeAlreadyGiven(db, t0);
    await outbox.plan(await morePeople(db, cohort, 20, t0));
    // The first worker's writes never come back: it dies with its sends unmarked.
    let writes = 0;
    // Two in flight at a time, six sent and unmarked at most: it goes on sending while the
    // first write is out, and stops at six.
    const outboxThatHangs = { ...outbox, record: () => ((writes += 1), new Promise<void>(() => undefined)) };
    const dying = createOutboxWorker({ ...wiring.worker, outbox: outboxThatHangs, workerId: 'dies', batchSize: 100, concurrency: 2, maxUnmarked: 6 });
    void dying.tick();
    while (writes === 0) await settleLoop(1);
    await settleLoop();
    expect(adapter.sent).toHaveLength(6);

    // Its claim goes stale; another worker sends the whole batch, the six included.
    clock.advance(11 * 60_000);
    const next = createOutboxWorker({ ...wiring.worker, workerId: 'next', batchSize: 100 });
    expect(await next.tick()).toMatchObject({ sent: 40 });
    const times = new Map<string, number>();
    for (const sent of adapter.sent) {
      // Who, and which message (its title line: the rest words the time relative to now).
      const key = `${sent.conversation}|${toPlainText(sent.message).split('\n')[0]}`;
      times.set(key, (times.get(key) ?? 0) + 1);
    }
    expect(times.size).toBe(40);
    expect([...times.values()].filter((n) => n === 2)).toHaveLength(6);
    expect(adapter.sent).toHaveLength(46);
  });

  it('gives the privacy notice to the next message when the first one was refused', async () => {
    const { cohort, outbox, adapter, wiring, clock } = await setUp();
    const anna = cohort.people.anna;
    const nudge = (key: string) => ({ idempotencyKey: key, kind: 'nudge' as const, participantId: anna, dueAt: clock.now(), payload: { message: message(text(key)) } });
    await outbox.plan([nudge('first')]);
    adapter.failWith = new DeliveryError('rejected', 'invalid_blocks', 'refused');
    const worker = createOutboxWorker({ ...wiring.worker, workerId: 'w1' });
    expect(await worker.tick()).toMatchObject({ failed: 1 });
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: anna } })).privacyNoticeAt).toBeNull();

    adapter.failWith = undefined;
    await outbox.plan([nudge('second'), nudge('third')]);
    expect(await worker.tick()).toMatchObject({ sent: 2 });
    const texts = adapter.sent.map((s) => toPlainText(s.message));
    expect(texts.filter((t) => t.includes('Personuppgiftsansvarig'))).toHaveLength(1);
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: anna } })).privacyNoticeAt).not.toBeNull();
  });
});
