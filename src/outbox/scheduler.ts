// node-cron only ticks; all the work (claiming, sending, retrying) is the outbox worker's,
// so any number of replicas can tick at once. Overlapping ticks are skipped by node-cron
// and shared by the worker, so a slow tick never piles up.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../core/logger.js';
import { createOutboxWorker, type OutboxWorkerOptions, type TickResult } from './worker.js';

export interface Scheduler {
  /** One pass over what is due now (the timer calls this; so can tests and operators). */
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

export function startScheduler(options: { expression: string; graceHours: number; logger: Logger } & Omit<OutboxWorkerOptions, 'workerId' | 'graceMs' | 'logger'>): Scheduler {
  const { logger } = options;
  const worker = createOutboxWorker({
    ...options,
    logger,
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    graceMs: options.graceHours * 3600_000,
  });
  let task: ScheduledTask | undefined;
  if (options.expression !== 'off') {
    task = cron.schedule(
      options.expression,
      async () => {
        try {
          await worker.tick();
        } catch (error) {
          logger.error({ err: error }, 'outbox tick failed');
        }
      },
      { name: 'kohort-outbox', noOverlap: true, logger: cronLogger(logger) },
    );
  }
  return {
    tick: () => worker.tick(),
    async stop() {
      // The worker is told first, synchronously: no new row is started after this call.
      const stopped = worker.stop();
      await task?.destroy();
      await stopped;
    },
  };
}

/** node-cron's own messages (missed or overlapping runs) are routine: debug level. */
function cronLogger(logger: Logger) {
  return {
    info: (msg: string) => logger.debug({ source: 'node-cron' }, msg),
    warn: (msg: string) => logger.debug({ source: 'node-cron' }, msg),
    error: (msg: string | Error) => logger.warn({ source: 'node-cron', err: msg }, 'node-cron error'),
    debug: (msg: string | Error) => logger.debug({ source: 'node-cron' }, String(msg)),
  };
}
