// Sends what the outbox says is due. A timer (node-cron) only calls tick(); each tick
// claims due rows in batches and delivers them one by one. After downtime, rows within
// the grace window are still sent (marked late); older ones are skipped and counted.
// Claims a stopped or crashed worker did not finish are released for another attempt.
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Outbox } from '../persistence/repositories/outbox.js';
import type { Message } from '../ui/model.js';
import type { Services } from './context.js';
import { deliverToParticipant } from './reach.js';

/** Waits before the next attempt after a transient failure, by attempt number. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

export interface OutboxWorkerOptions {
  outbox: Outbox;
  services: Services;
  clock: Clock;
  logger: Logger;
  workerId: string;
  batchSize?: number;
  /** How late a message may still go out after downtime (default 6 hours). */
  graceMs?: number;
  /** A claim older than this is taken to belong to a crashed worker (default 10 minutes). */
  claimTimeoutMs?: number;
}

export interface TickResult {
  sent: number;
  late: number;
  retried: number;
  failed: number;
  skipped: number;
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { outbox, services, clock, logger, workerId } = options;
  const batchSize = options.batchSize ?? 100;
  const graceMs = options.graceMs ?? 6 * 3600_000;
  const claimTimeoutMs = options.claimTimeoutMs ?? 10 * 60_000;
  let stopping = false;
  let running: Promise<TickResult> | undefined;

  async function runTick(): Promise<TickResult> {
    const result: TickResult = { sent: 0, late: 0, retried: 0, failed: 0, skipped: 0 };
    const now = clock.now();
    result.skipped = await outbox.skipOlderThan(new Date(now.getTime() - graceMs));
    if (result.skipped > 0) logger.warn({ skipped: result.skipped }, 'messages too late after downtime were skipped');
    await outbox.releaseClaims({ staleBefore: new Date(now.getTime() - claimTimeoutMs) });
    while (!stopping) {
      const batch = await outbox.claimDue(clock.now(), batchSize, workerId);
      for (const row of batch) {
        if (stopping) break; // the rest of the batch is released below, never half-sent
        const participantId = row.participantId;
        const msg = row.payload.message as Message | undefined;
        if (!participantId || !msg) {
          await outbox.markFailed(row.id, 'nothing to send', undefined);
          result.failed += 1;
          continue;
        }
        const outcome = await deliverToParticipant(services, participantId, msg);
        const at = clock.now();
        if (outcome.delivered) {
          await outbox.markSent(row.id, at, outcome.ref.messageId || undefined);
          result.sent += 1;
          if (at.getTime() - row.dueAt.getTime() > 15 * 60_000) result.late += 1;
        } else if (!outcome.permanent && row.attempts < MAX_ATTEMPTS) {
          await outbox.markFailed(row.id, outcome.reason, new Date(at.getTime() + (BACKOFF_MS[row.attempts - 1] ?? BACKOFF_MS.at(-1)!)));
          result.retried += 1;
        } else {
          await outbox.markFailed(row.id, outcome.reason, undefined);
          result.failed += 1;
        }
      }
      if (batch.length < batchSize) break;
    }
    if (stopping) await outbox.releaseClaims({ worker: workerId });
    if (result.sent + result.failed + result.retried > 0) logger.info({ ...result }, 'outbox tick');
    return result;
  }

  return {
    /** One pass over what is due; overlapping calls share the pass already running. */
    tick(): Promise<TickResult> {
      running ??= runTick().finally(() => (running = undefined));
      return running;
    },
    /** Finishes the message in hand, gives back the rest of the claim, and stops. */
    async stop(): Promise<void> {
      stopping = true;
      await running?.catch(() => undefined);
      await outbox.releaseClaims({ worker: workerId });
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
