// The durable outbox on real PGlite: planning is idempotent, claims are exclusive,
// failures retry or stay with their reason, and unfinished claims come back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxStore } from '../../src/domain/outbox.js';
import { prismaOutbox } from '../../src/persistence/repositories/outbox.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
let outbox: OutboxStore;
const t0 = new Date('2027-03-01T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeEach(async () => {
  db = await freshDatabase();
  outbox = prismaOutbox(db.prisma);
});
afterEach(async () => db.close());

const plan = (key: string, minutes: number, text = key) => ({ idempotencyKey: key, kind: 'reminder' as const, dueAt: at(minutes), payload: { text } });
const statusOf = async (key: string) => (await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: key } })).status;

describe('outbox', () => {
  it('plans each key once; re-planning moves a pending row and leaves a sent one alone', async () => {
    expect(await outbox.plan([plan('a', 0), plan('b', 5)])).toBe(2);
    expect(await outbox.plan([plan('a', 10, 'moved'), plan('b', 5)])).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(2);
    const a = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'a' } });
    expect([a.dueAt, a.payload]).toEqual([at(10), { text: 'moved' }]);
    const [b] = await outbox.claimDue(at(5), 10, 'w1');
    await outbox.record([{ id: b!.id, status: 'sent', at: at(5), platformMessageId: 'ts-1', late: false }]);
    await outbox.plan([plan('b', 60, 'again')]);
    const sent = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'b' } });
    expect([sent.status, sent.dueAt, sent.platformMessageId]).toEqual(['sent', at(5), 'ts-1']);
  });

  it('claims only due rows, in due order, and never the same row twice', async () => {
    await outbox.plan(Array.from({ length: 50 }, (_, i) => plan(`k${i}`, i % 10)));
    await outbox.plan([plan('later', 100)]);
    const [x, y] = await Promise.all([outbox.claimDue(at(20), 30, 'x'), outbox.claimDue(at(20), 30, 'y')]);
    const ids = [...x, ...y].map((m) => m.idempotencyKey);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(ids).not.toContain('later');
    expect(x.map((m) => m.dueAt.getTime())).toEqual([...x.map((m) => m.dueAt.getTime())].sort((p, q) => p - q));
    expect(await outbox.claimDue(at(20), 30, 'z')).toEqual([]);
  });

  it('retries a transient failure later and keeps a permanent one with its reason', async () => {
    await outbox.plan([plan('t', 0), plan('p', 0)]);
    const claimed = await outbox.claimDue(at(0), 10, 'w');
    await outbox.record([
      { id: claimed.find((m) => m.idempotencyKey === 't')!.id, status: 'failed', reason: 'rate_limited', code: 'ratelimited', retryAt: at(5) },
      { id: claimed.find((m) => m.idempotencyKey === 'p')!.id, status: 'failed', reason: 'forbidden' },
    ]);
    expect(await outbox.claimDue(at(4), 10, 'w')).toEqual([]);
    const retried = await outbox.claimDue(at(5), 10, 'w');
    expect(retried.map((m) => [m.idempotencyKey, m.attempts])).toEqual([['t', 2]]);
    const failed = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'p' } });
    expect([failed.status, failed.lastError]).toEqual(['failed', 'forbidden']);
  });

  it('gives back unfinished claims and skips what is too old to send', async () => {
    await outbox.plan([plan('mine', 0), plan('crashed', 0), plan('ancient', -600)]);
    expect(await outbox.skipOlderThan(at(-360))).toBe(1);
    expect(await statusOf('ancient')).toBe('skipped');
    await outbox.claimDue(at(0), 1, 'stopping');
    await outbox.claimDue(at(1), 1, 'dead');
    expect(await outbox.releaseClaims({ worker: 'stopping' })).toBe(1);
    expect(await outbox.releaseClaims({ staleBefore: at(0) })).toBe(0);
    expect(await outbox.releaseClaims({ staleBefore: at(30) })).toBe(1);
    expect((await outbox.claimDue(at(2), 10, 'w')).map((m) => m.idempotencyKey).sort()).toEqual(['crashed', 'mine']);
  });

  it('cancels the pending rows of a key prefix only, and planning the key again revives a cancelled row', async () => {
    await outbox.plan([plan('reminder:p1:prep:7d', 0), plan('reminder:p1:prep:1d', 10), plan('reminder:p2:prep:1d', 10)]);
    const [first] = await outbox.claimDue(at(0), 1, 'w');
    await outbox.record([{ id: first!.id, status: 'sent', at: at(0), late: false }]);
    expect(await outbox.cancelByPrefix('reminder:p1:prep:', 'done')).toBe(1);
    expect(await statusOf('reminder:p1:prep:7d')).toBe('sent');
    expect(await statusOf('reminder:p1:prep:1d')).toBe('cancelled');
    expect(await statusOf('reminder:p2:prep:1d')).toBe('pending');
    // An undo plans the same keys again: the cancelled row comes back, the sent one stays sent.
    expect(await outbox.plan([plan('reminder:p1:prep:7d', 0), plan('reminder:p1:prep:1d', 10)])).toBe(0);
    expect(await statusOf('reminder:p1:prep:1d')).toBe('pending');
    expect(await statusOf('reminder:p1:prep:7d')).toBe('sent');
    expect(await db.prisma.outboundMessage.count()).toBe(3);
  });

  it('treats a LIKE wildcard in a prefix as a plain character', async () => {
    await outbox.plan([plan('a_b:1', 0), plan('axb:1', 0)]);
    expect(await outbox.cancelByPrefix('a_b:', 'test')).toBe(1);
    expect(await statusOf('axb:1')).toBe('pending');
  });

  it('writes any mix of outcomes in one statement: sent keeps its claim, a retry and a cancel give theirs up', async () => {
    await outbox.plan([plan('sent', 0), plan('late', 0), plan('retry', 0), plan('gone', 0), plan('dropped', 0)]);
    const claimed = new Map((await outbox.claimDue(at(0), 10, 'w1')).map((m) => [m.idempotencyKey, m.id]));
    let statements = 0;
    const counting = prismaOutbox(db.prisma.$extends({ query: { $allOperations: ({ args, query }) => ((statements += 1), query(args)) } }) as unknown as typeof db.prisma);
    await counting.record([
      { id: claimed.get('sent')!, status: 'sent', at: at(1), platformMessageId: 'ts-1', late: false },
      { id: claimed.get('late')!, status: 'sent', at: at(2), late: true },
      { id: claimed.get('retry')!, status: 'failed', reason: 'rate_limited', code: 'ratelimited', retryAt: at(5) },
      { id: claimed.get('gone')!, status: 'failed', reason: 'not_found', code: 'channel_not_found' },
      { id: claimed.get('dropped')!, status: 'cancelled', reason: 'done' },
    ]);
    expect(statements).toBe(1);
    const rows = new Map((await db.prisma.outboundMessage.findMany()).map((r) => [r.idempotencyKey, r]));
    const shape = (key: string) => {
      const r = rows.get(key)!;
      return [r.status, r.sentAt, r.platformMessageId, r.late, r.lastError, r.failure, r.dueAt, r.claimedBy];
    };
    expect(shape('sent')).toEqual(['sent', at(1), 'ts-1', false, null, null, at(0), 'w1']);
    expect(shape('late')).toEqual(['sent', at(2), null, true, null, null, at(0), 'w1']);
    expect(shape('retry')).toEqual(['pending', null, null, false, 'ratelimited', 'rate_limited', at(5), null]);
    expect(shape('gone')).toEqual(['failed', null, null, false, 'channel_not_found', 'not_found', at(0), 'w1']);
    expect(shape('dropped')).toEqual(['cancelled', null, null, false, 'done', null, at(0), null]);
  });

  it('plans thousands of rows in a few statements, each key once', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => plan(`bulk:${i}`, i % 60));
    expect(await outbox.plan(many)).toBe(2500);
    expect(await outbox.plan(many)).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(2500);
  });
});
