// Platform budgets shared by replicas on PostgreSQL: one row per key (a Slack workspace, a
// Teams tenant) with the current window's number and the turns taken in it. A claim is one
// upsert; the row lock it takes makes concurrent claims from several replicas queue up, so
// their grants in one window never add up to more than the limit. A newer window starts the
// count again; a caller whose clock is behind the row's window gets nothing until it catches up.
import type { BudgetClaim, BudgetStore } from '../../core/send-budget.js';
import type { Prisma } from '../database.js';

export function prismaBudgetStore(prisma: Prisma): BudgetStore {
  return {
    async take(key, window, want, limit, now): Promise<BudgetClaim> {
      // "base": what the row's window has used, zero when the caller's window is newer.
      // Granted only when not held and the caller is not behind: up to what the limit leaves.
      const rows = await prisma.$queryRaw<{ granted: number; heldUntil: bigint; used: number }[]>`
        INSERT INTO "SendBudget" AS b ("key", "window", "used", "granted", "heldUntil")
        VALUES (${key}, ${window}::bigint, LEAST(${want}::int, ${limit}::int), LEAST(${want}::int, ${limit}::int), 0)
        ON CONFLICT ("key") DO UPDATE SET
          "granted" = CASE
            WHEN b."heldUntil" > ${now}::bigint OR b."window" > EXCLUDED."window" THEN 0
            ELSE LEAST(${want}::int, GREATEST(${limit}::int - CASE WHEN b."window" < EXCLUDED."window" THEN 0 ELSE b."used" END, 0))
          END,
          "used" = CASE WHEN b."window" < EXCLUDED."window" THEN 0 ELSE b."used" END + CASE
            WHEN b."heldUntil" > ${now}::bigint OR b."window" > EXCLUDED."window" THEN 0
            ELSE LEAST(${want}::int, GREATEST(${limit}::int - CASE WHEN b."window" < EXCLUDED."window" THEN 0 ELSE b."used" END, 0))
          END,
          "window" = GREATEST(b."window", EXCLUDED."window")
        RETURNING "granted", "heldUntil", "used"`;
      const row = rows[0]!;
      return { granted: Number(row.granted), heldUntil: Number(row.heldUntil), used: Number(row.used) };
    },
    async hold(key, until): Promise<void> {
      await prisma.$executeRaw`
        INSERT INTO "SendBudget" AS b ("key", "window", "used", "granted", "heldUntil") VALUES (${key}, 0, 0, 0, ${until}::bigint)
        ON CONFLICT ("key") DO UPDATE SET "heldUntil" = GREATEST(b."heldUntil", EXCLUDED."heldUntil")`;
    },
  };
}
