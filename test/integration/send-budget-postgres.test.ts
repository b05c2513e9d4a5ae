// Replicas share a platform's budget through PostgreSQL (issue 18): three kohort processes
// with a Slack workspace's budget each never start more than its limit in any window
// together, and a Retry-After one of them is given holds the others. Three database
// connections stand for three replicas; the counting is checked on the turns granted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { memoryBudgetStore, SendBudget, type BudgetStore, type Permit } from '../../src/core/send-budget.js';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { prismaBudgetStore } from '../../src/persistence/repositories/send-budgets.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

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

/** Three gates for one key, each over its own store, asking for `each` turns at once; the windows their turns fell in. */
async function threeGates(key: string, stores: BudgetStore[], each: number): Promise<Map<number, number>> {
  const clock = new FakeClock(new Date(T0));
  const gates = stores.map((store) => new SendBudget({ key, clock, store, perSecond: LIMIT, maxPerSecond: LIMIT }));
  const permits = await Promise.all(
    gates.flatMap((gate) =>
      Array.from({ length: each }, () =>
        gate.acquire('bulk').then((permit: Permit) => {
          permit.accepted();
          return permit.startedAt;
        }),
      ),
    ),
  );
  const perWindow = new Map<number, number>();
  for (const at of permits) perWindow.set(Math.floor(at / 1000), (perWindow.get(Math.floor(at / 1000)) ?? 0) + 1);
  return perWindow;
}

describe('a platform budget shared by replicas on PostgreSQL', () => {
  it('three replicas never start more than the limit in a window together, and use it', async () => {
    const perWindow = await threeGates('slack:T-shared', replicas.map((db) => prismaBudgetStore(db.prisma)), 40);
    expect([...perWindow.values()].reduce((a, b) => a + b, 0)).toBe(120);
    for (const count of perWindow.values()) expect(count).toBeLessThanOrEqual(LIMIT);
    // 120 turns at 20 a window: six windows, all but possibly the first and last full.
    expect(perWindow.size).toBeLessThanOrEqual(7);
  });

  it('(the same three gates, each counting only for itself, would start three times the limit)', async () => {
    const perWindow = await threeGates('slack:T-alone', [memoryBudgetStore(), memoryBudgetStore(), memoryBudgetStore()], 40);
    expect(Math.max(...perWindow.values())).toBeGreaterThan(LIMIT);
  });

  it('a Retry-After one replica is given holds the others until it has passed', async () => {
    const clock = new FakeClock(new Date(T0));
    const [a, b] = replicas.map((db) => new SendBudget({ key: 'teams:tenant-held', clock, store: prismaBudgetStore(db.prisma), perSecond: LIMIT }));
    const first = await a!.acquire('interactive');
    await first.refused(30_000);
    const other = await b!.acquire('interactive');
    expect(other.startedAt).toBeGreaterThanOrEqual(first.startedAt + 30_000);
  });

  it('counts per window in one statement: a newer window starts again, a caller behind the row gets nothing', async () => {
    const store = prismaBudgetStore(replicas[0]!.prisma);
    expect(await store.take('slack:T-sql', 100, 15, 20, 100_000)).toEqual({ granted: 15, heldUntil: 0, used: 15 });
    expect((await store.take('slack:T-sql', 100, 15, 20, 100_100)).granted).toBe(5);
    expect((await store.take('slack:T-sql', 100, 1, 20, 100_200)).granted).toBe(0);
    expect((await store.take('slack:T-sql', 101, 3, 20, 101_000)).granted).toBe(3);
    expect((await store.take('slack:T-sql', 100, 3, 20, 101_000)).granted).toBe(0);
    await store.hold('slack:T-sql', 105_000);
    expect(await store.take('slack:T-sql', 102, 3, 20, 102_000)).toEqual({ granted: 0, heldUntil: 105_000, used: 0 });
    expect((await store.take('slack:T-sql', 105, 3, 20, 105_000)).granted).toBe(3);
  });
});
