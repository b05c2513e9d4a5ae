// The daily housekeeping on a timer (node-cron, like the outbox tick): retention, expired
// downloads, old event ids, finished payloads (persistence/housekeeping.ts). Replicas may
// run it at once: every step is a delete or an erasure that finds nothing the second time.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../core/logger.js';

export interface HousekeepingTimer {
  stop(): Promise<void>;
}

export function startHousekeeping(expression: string, run: () => Promise<Record<string, number>>, logger: Logger): HousekeepingTimer {
  if (expression === 'off') return { stop: async () => undefined };
  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      try {
        // Counts only: the log never names whom retention erased.
        logger.info(await run(), 'housekeeping done');
      } catch (error) {
        logger.error({ err: error }, 'housekeeping failed');
      }
    },
    { name: 'kohort-housekeeping', noOverlap: true, timezone: 'UTC' },
  );
  return { stop: async () => void (await task.destroy()) };
}
