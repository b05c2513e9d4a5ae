// Platform budgets shared by replicas on PostgreSQL: one row per key (a Slack workspace, a
// Teams tenant) holding the time its next turn is free and the spacing of turns. A
// reservation is one upsert that hands out the next `count` turns and moves that time on;
// the row lock it takes makes concurrent reservations from several replicas queue up, so the
// turns they get never overlap and stay evenly spaced however many replicas ask. The spacing
// is the widest any replica asked for within the last second: a replica that was just
// refused slows them all at once, and a faster rate holds only once every replica has come
// to it. A hold (Retry-After) moves the next turn on for everyone. The row also counts the
// turns reserved in the current second, so a replica can tell how much the others use.
import type { BudgetClaim, BudgetStore } from '../../core/send-budget.js';
import type { Prisma } from '../database.js';

/** How long a replica's slower spacing stands before a faster one may replace it. */
const SPACING_STANDS_MS = 1000;

export function prismaBudgetStore(prisma: Prisma): BudgetStore {
  return {
    async reserve(key, count, intervalMs, now): Promise<BudgetClaim> {
      const second = Math.floor(now / 1000);
      const rows = await prisma.$queryRaw<{ first: number; intervalMs: number; used: number }[]>`
        WITH asked AS (SELECT ${now}::float8 AS now, ${intervalMs}::float8 AS interval, ${count}::int AS count, ${second}::bigint AS second)
        INSERT INTO "SendBudget" AS b ("key", "nextAt", "intervalMs", "intervalAt", "second", "used")
        SELECT ${key}, now + count * interval, interval, now, second, count FROM asked
        ON CONFLICT ("key") DO UPDATE SET
          "intervalMs" = CASE WHEN EXCLUDED."intervalMs" >= b."intervalMs" OR b."intervalAt" < EXCLUDED."intervalAt" - ${SPACING_STANDS_MS} THEN EXCLUDED."intervalMs" ELSE b."intervalMs" END,
          "intervalAt" = CASE WHEN EXCLUDED."intervalMs" >= b."intervalMs" OR b."intervalAt" < EXCLUDED."intervalAt" - ${SPACING_STANDS_MS} THEN EXCLUDED."intervalAt" ELSE b."intervalAt" END,
          "nextAt" = GREATEST(b."nextAt", EXCLUDED."intervalAt")
            + (EXCLUDED."used") * CASE WHEN EXCLUDED."intervalMs" >= b."intervalMs" OR b."intervalAt" < EXCLUDED."intervalAt" - ${SPACING_STANDS_MS} THEN EXCLUDED."intervalMs" ELSE b."intervalMs" END,
          "used" = CASE WHEN b."second" = EXCLUDED."second" THEN b."used" + EXCLUDED."used" WHEN b."second" > EXCLUDED."second" THEN b."used" ELSE EXCLUDED."used" END,
          "second" = GREATEST(b."second", EXCLUDED."second")
        RETURNING "nextAt" - ${count}::int * "intervalMs" AS "first", "intervalMs", "used"`;
      const row = rows[0]!;
      return { first: Number(row.first), intervalMs: Number(row.intervalMs), used: Number(row.used) };
    },
    async hold(key, until): Promise<void> {
      await prisma.$executeRaw`
        INSERT INTO "SendBudget" AS b ("key", "nextAt", "intervalMs", "intervalAt", "second", "used") VALUES (${key}, ${until}::float8, 0, 0, 0, 0)
        ON CONFLICT ("key") DO UPDATE SET "nextAt" = GREATEST(b."nextAt", EXCLUDED."nextAt")`;
    },
  };
}
