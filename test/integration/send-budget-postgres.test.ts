// Replicas share a platform's budget through PostgreSQL (issue 18): three kohort processes
// with a Slack workspace's budget each never start more than its limit in any second
// together, and a Retry-After one of them is given holds the others. Three database
// connections stand for three replicas; counted on the turns handed out and the starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { SendBudget, type BudgetStore, type Permit } from '../../src/core/send-budget.js';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { prismaBudgetStore } from '../../src/persistence/repositories/send-budgets.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { peakPerSecond } from '../helpers/rate-window.js';

let postgres: TestPostgres;
const replicas: Database[] = [];
const T0 = Date.parse('2026-11-27T10:00:00Z');
const LIMIT = 20;

beforeAll(async () => {
  postgres = await startPostgres();
  for (let i = 0; i < 3; i += 1) replicas.push(await openDatabase({ databaseUrl: postgres.url, dataDir: '.', logger: createLogger('silent') }));
}, 120_000);
afterAll(async () => {
  for (const db of replicas) await db.close();
  postgres?.stop();
});

/** A store that notes every turn it hands out. */
function noting(store: BudgetStore, turns: number[]): BudgetStore {
  return {
    async reserve(key, count, intervalMs, now) {
      const claim = await store.reserve(key, count, intervalMs, now);
      for (let i = 0; i < count; i += 1) turns.push(claim.first + i * claim.intervalMs);
      return claim;
    },
    hold: (key, until) => store.hold(key, until),
  };
}

/** Three gates for one key (each over its own store, or none), asking for `each` turns at once; when they started. */
async function threeGates(key: string, stores: (BudgetStore | undefined)[], each: number): Promise<number[]> {
  const clock = new FakeClock(new Date(T0));
  const gates = stores.map((store) => new SendBudget({ key, clock, store, perSecond: LIMIT, maxPerSecond: LIMIT }));
  return Promise.all(
    gates.flatMap((gate) =>
      Array.from({ length: each }, () =>
        gate.acquire('bulk').then((permit: Permit) => {
          permit.accepted();
          return permit.startedAt;
        }),
      ),
    ),
  );
}

describe('a platform budget shared by replicas on PostgreSQL', () => {
  it('three replicas never start more than the limit in any second together, and use it', async () => {
    const turns: number[] = [];
    const started = await threeGates(
      'slack:T-shared',
      replicas.map((db) => noting(prismaBudgetStore(db.prisma), turns)),
      40,
    );
    expect(started).toHaveLength(120);
    // The turns handed out never overlap and never crowd: at most the limit in any rolling second.
    expect(new Set(turns).size).toBe(turns.length);
    expect(peakPerSecond(turns)).toBeLessThanOrEqual(LIMIT);
    // A turn is used at its time or dropped, never later than its interval: one more at most in a second.
    expect(peakPerSecond(started)).toBeLessThanOrEqual(LIMIT + 1);
    // And they are used: 120 turns at twenty a second take about six seconds, not eighteen.
    expect(Math.max(...started) - Math.min(...started)).toBeLessThan(8000);
  });

  it('(the same three gates, each counting only for itself, start three times the limit)', async () => {
    const started = await threeGates('slack:T-alone', [undefined, undefined, undefined], 40);
    expect(peakPerSecond(started)).toBeGreaterThan(2 * LIMIT);
  });

  it('a Retry-After one replica is given holds the others until it has passed', async () => {
    const clock = new FakeClock(new Date(T0));
    const [a, b] = replicas.map((db) => new SendBudget({ key: 'teams:tenant-held', clock, store: prismaBudgetStore(db.prisma), perSecond: LIMIT }));
    const first = await a!.acquire('interactive');
    await first.refused(30_000);
    const other = await b!.acquire('interactive');
    expect(other.startedAt).toBeGreaterThanOrEqual(first.startedAt + 30_000);
  });

  it('hands out turns with one statement: evenly spaced after every earlier one, the widest spacing asked for standing a second, pushed by a hold', async () => {
    const store = prismaBudgetStore(replicas[0]!.prisma);
    expect(await store.reserve('slack:T-sql', 5, 100, 1000)).toEqual({ first: 1000, intervalMs: 100, used: 5 });
    expect(await store.reserve('slack:T-sql', 3, 100, 1000)).toEqual({ first: 1500, intervalMs: 100, used: 8 });
    // Another replica would go faster; the wider spacing asked for a moment ago stands.
    expect(await store.reserve('slack:T-sql', 2, 50, 1200)).toEqual({ first: 1800, intervalMs: 100, used: 10 });
    // Seconds later the faster one holds.
    expect(await store.reserve('slack:T-sql', 1, 50, 5000)).toEqual({ first: 5000, intervalMs: 50, used: 1 });
    await store.hold('slack:T-sql', 9000);
    expect(await store.reserve('slack:T-sql', 2, 50, 6000)).toEqual({ first: 9000, intervalMs: 50, used: 2 });
    // A replica whose clock is behind still queues after the others, and counts in no old second.
    expect(await store.reserve('slack:T-sql', 1, 50, 4000)).toEqual({ first: 9100, intervalMs: 50, used: 2 });
  });
});
