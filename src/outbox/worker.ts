// Sends what the outbox says is due. A timer (node-cron) only calls tick(); each tick
// claims due rows in batches and delivers them one by one. After downtime, rows within
// the grace window are still sent (marked late); older ones are skipped and counted.
// Claims a stopped or crashed worker did not finish are released for another attempt.
import pLimit from 'p-limit';
import type { SentMessageRef } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Composed, ComposeMemo } from '../application/feature.js';
import type { DeliveryPort } from '../application/ports.js';
import { parseClaimed, type ClaimedMessage, type DeliveryReason, type OutboxRow, type OutboxStore } from '../domain/outbox.js';

/** Waits before the next attempt after a transient failure, by attempt number. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** Sent later than this after its due time counts as late (and says so). */
const LATE_AFTER_MS = 15 * 60_000;

export interface OutboxWorkerOptions {
  outbox: OutboxStore;
  delivery: DeliveryPort;
  /** Builds the message for a claimed row, by its kind's composer. */
  compose(row: OutboxRow, now: Date, late: boolean, memo: ComposeMemo): Promise<Composed>;
  /** Runs once per batch with the rows that reached their final outcome (a finished broadcast's report). */
  settle(rows: OutboxRow[]): Promise<void>;
  clock: Clock;
  logger: Logger;
  workerId: string;
  batchSize?: number;
  /** Messages in flight at once; each goes to a different person, and adapters pace per conversation. */
  concurrency?: number;
  /** How late a message may still go out after downtime (default 6 hours). */
  graceMs?: number;
  /** A claim older than this is taken to belong to a crashed worker (default 10 minutes). */
  claimTimeoutMs?: number;
}

export interface TickResult {
  sent: number;
  late: number;
  cancelled: number;
  retried: number;
  failed: number;
  skipped: number;
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { outbox, delivery, clock, logger, workerId } = options;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  const graceMs = options.graceMs ?? 6 * 3600_000;
  const claimTimeoutMs = options.claimTimeoutMs ?? 10 * 60_000;
  let stopping = false;
  let running: Promise<TickResult> | undefined;

  /**
   * One row, start to finish; its outcome is always written back, so no claim is left
   * dangling. Returns true when it queued a follow-up row (a summary's thread part).
   */
  async function handle(claimed: ClaimedMessage, result: TickResult, memo: ComposeMemo, done: OutboxRow[]): Promise<boolean> {
    const parsed = parseClaimed(claimed);
    if (!parsed.ok) {
      // A row written by an older kohort, or by hand: there is nothing to send from it, as
      // for a row whose preparation or broadcast is gone. Logged loudly: it is a bug.
      logger.error({ kind: claimed.kind, problem: parsed.problem }, 'outbox row with an invalid payload');
      await outbox.markCancelled(claimed.id, `invalid payload: ${parsed.problem}`.slice(0, 200));
      result.cancelled += 1;
      return false;
    }
    const row = parsed.row;
    try {
      const startedAt = clock.now();
      const late = startedAt.getTime() - row.dueAt.getTime() > LATE_AFTER_MS;
      const channel = 'channel' in row.payload ? row.payload.channel : undefined;
      const composed = row.participantId || channel ? await options.compose(row, startedAt, late, memo) : { skip: 'no recipient' };
      if ('skip' in composed) {
        await outbox.markCancelled(row.id, composed.skip);
        result.cancelled += 1;
        done.push(row);
        return false;
      }
      const threadOf: SentMessageRef | undefined = 'threadOf' in row.payload ? row.payload.threadOf : undefined;
      const outcome = channel ? await delivery.toChannel(channel, composed.message, threadOf) : await delivery.toParticipant(row.participantId!, composed.message);
      const at = clock.now();
      if (!outcome.delivered) {
        if (await settleFailure(row, { reason: outcome.reason, code: outcome.code }, outcome.permanent, at, result)) done.push(row);
        return false;
      }
      // The thread part is a row of its own, planned before this one is marked sent: a crash
      // in between can only send the first part again, never lose the second.
      const thread = channel && row.kind === 'summary' ? composed.thread : undefined;
      if (thread && channel) {
        await outbox.plan([{ idempotencyKey: `${row.idempotencyKey}:thread`, kind: 'summary', cohortId: row.cohortId, dueAt: at, payload: { channel, threadOf: outcome.ref, message: thread } }]);
      }
      await outbox.markSent(row.id, at, outcome.ref.messageId || undefined, late);
      result.sent += 1;
      if (late) result.late += 1;
      done.push(row);
      return Boolean(thread);
    } catch (error) {
      // A bug or a database hiccup: logged, and the row is tried again later like a transient failure.
      logger.error({ err: error, kind: row.kind }, 'outbox message failed unexpectedly');
      const final = await settleFailure(row, { reason: 'internal_error' }, false, clock.now(), result).catch(() => false);
      if (final) done.push(row);
      return false;
    }
  }

  /** Returns true when the failure is final (no retry is planned). */
  async function settleFailure(row: OutboxRow, failure: { reason: DeliveryReason; code?: string }, permanent: boolean, at: Date, result: TickResult): Promise<boolean> {
    if (!permanent && row.attempts < MAX_ATTEMPTS) {
      await outbox.markFailed(row.id, failure, new Date(at.getTime() + (BACKOFF_MS[row.attempts - 1] ?? BACKOFF_MS.at(-1)!)));
      result.retried += 1;
      return false;
    }
    await outbox.markFailed(row.id, failure, undefined);
    result.failed += 1;
    return true;
  }

  /** What follows rows' final outcomes (a broadcast's report); its failure never un-sends a row. */
  async function afterBatch(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await options.settle(rows);
    } catch (error) {
      logger.error({ err: error }, 'follow-up after outbox messages failed');
    }
  }

  async function runTick(): Promise<TickResult> {
    const result: TickResult = { sent: 0, late: 0, cancelled: 0, retried: 0, failed: 0, skipped: 0 };
    const now = clock.now();
    result.skipped = await outbox.skipOlderThan(new Date(now.getTime() - graceMs));
    if (result.skipped > 0) logger.warn({ skipped: result.skipped }, 'messages too late after downtime were skipped');
    await outbox.releaseClaims({ staleBefore: new Date(now.getTime() - claimTimeoutMs) });
    while (!stopping) {
      const batch = await outbox.claimDue(clock.now(), batchSize, workerId);
      const limit = pLimit(concurrency);
      // Shared lookups live for one batch only, so an edited preparation shows in the next one.
      const memo: ComposeMemo = new Map();
      const done: OutboxRow[] = [];
      const queued = await Promise.all(batch.map((row) => limit(() => (stopping ? false : handle(row, result, memo, done)))));
      // Once per batch, not per row: a 5,000-recipient broadcast checks for its end 50 times, not 5,000.
      await afterBatch(done);
      // Follow-up rows queued just now (threads) go out in this tick, not the next one.
      if (batch.length < batchSize && !queued.some(Boolean)) break;
    }
    if (stopping) await outbox.releaseClaims({ worker: workerId });
    if (result.sent + result.failed + result.retried + result.cancelled > 0) logger.info({ ...result }, 'outbox tick');
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
