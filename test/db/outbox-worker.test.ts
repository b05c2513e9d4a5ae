// The outbox worker on real PGlite with the fake clock: due rows go out once, failures
// retry with backoff or stay failed, downtime is handled, and a stop never half-sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import type { OutboxStore } from '../../src/domain/outbox.js';
import { prismaOutbox } from '../../src/persistence/repositories/outbox.js';
import { message, text } from '../../src/ui/model.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { importFixture, servicesFor } from '../helpers/services.js';

let db: TestDatabase;
let clock: FakeClock;
let outbox: OutboxStore;
let adaId: string;
const t0 = new Date('2027-03-01T08:00:00Z');

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(t0);
  await importFixture(db, 'test/fixtures/programs/valid-minimal.yaml', t0);
  outbox = prismaOutbox(db.prisma);
  adaId = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'ada' } })).id;
});
afterEach(async () => db.close());

function worker(batchSize = 100, concurrency = 4) {
  const wiring = servicesFor(db, clock);
  const w = createOutboxWorker({ ...wiring.wiring.worker, workerId: 'w1', batchSize, concurrency });
  return { ...wiring, worker: w };
}

const planFor = (key: string, minutesFromNow: number, body = key) =>
  outbox.plan([{ idempotencyKey: key, kind: 'nudge', participantId: adaId, dueAt: new Date(clock.now().getTime() + minutesFromNow * 60_000), payload: { message: message(text(body)) } }]);

describe('outbox worker', () => {
  it('sends what is due exactly once, and nothing early', async () => {
    const { adapter, worker: w } = worker();
    await planFor('now', 0, 'Påminnelse nu');
    await planFor('later', 30, 'Påminnelse sen');
    expect(await w.tick()).toMatchObject({ sent: 1 });
    expect(await w.tick()).toMatchObject({ sent: 0 });
    expect(adapter.sent.map((s) => s.conversation)).toEqual(['dm:mini-1/ada']);
    clock.advance(30 * 60_000);
    await w.tick();
    expect(adapter.sent).toHaveLength(2);
    expect((await db.prisma.outboundMessage.findMany({ orderBy: { dueAt: 'asc' } })).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('retries a transient failure with backoff, and keeps a permanent one as failed', async () => {
    const { adapter, worker: w } = worker();
    await planFor('flaky', 0);
    adapter.failWith = new DeliveryError('rate_limited', 'ratelimited', 'slow down');
    expect(await w.tick()).toMatchObject({ retried: 1 });
    adapter.failWith = undefined;
    clock.advance(59_000);
    expect(await w.tick()).toMatchObject({ sent: 0 });
    clock.advance(1_000);
    expect(await w.tick()).toMatchObject({ sent: 1 });

    await planFor('gone', 0);
    adapter.failWith = new DeliveryError('not_found', 'channel_not_found', 'gone');
    expect(await w.tick()).toMatchObject({ failed: 1 });
    const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'gone' } });
    expect([row.status, row.lastError]).toEqual(['failed', 'channel_not_found']);
  });

  it('after downtime sends what is within the grace window (late) and skips what is older', async () => {
    const { adapter, worker: w } = worker();
    await planFor('recent', 0);
    await planFor('old', 0);
    await db.prisma.outboundMessage.update({ where: { idempotencyKey: 'old' }, data: { dueAt: new Date(t0.getTime() - 7 * 3600_000) } });
    clock.advance(2 * 3600_000);
    expect(await w.tick()).toMatchObject({ sent: 1, late: 1, skipped: 1 });
    expect(adapter.sent).toHaveLength(1);
  });

  it('on stop, finishes the message in hand and gives the rest of its claim back', async () => {
    // One message in flight at a time, so "the message in hand" is exactly one.
    const { adapter, worker: w, wiring } = worker(10, 1);
    for (let i = 0; i < 5; i += 1) await planFor(`m${i}`, 0);
    // Stop as soon as the first message is being sent.
    const original = adapter.sendProactive.bind(adapter);
    adapter.sendProactive = async (conversation, msg) => {
      void w.stop();
      return original(conversation, msg);
    };
    adapter.sendToPerson = async (target, msg) => {
      void w.stop();
      return original({ platform: 'local', key: `dm:${target.userId}`, kind: 'dm', reference: {} }, msg);
    };
    await w.tick();
    await w.stop();
    const rows = await db.prisma.outboundMessage.findMany();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'claimed')).toHaveLength(0);
    // Another worker picks the rest up, each once.
    const next = createOutboxWorker({ ...wiring.worker, workerId: 'w2' });
    expect(await next.tick()).toMatchObject({ sent: 4 });
    expect(adapter.sent).toHaveLength(5);
  });
});
