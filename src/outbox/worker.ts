// Sends what the outbox says is due. A timer (node-cron) only calls tick(); each tick
// claims due rows in batches. A batch is composed as a set (a few queries however many
// rows it has, see composition.ts), its participants' routes are read at once, and its
// outcomes are written back in groups as the sends complete (see below). After
// downtime, rows within the grace window are still sent (marked late); older ones are
// skipped and counted. Claims a stopped or crashed worker did not finish are released for
// another attempt.
import pLimit, { type LimitFunction } from 'p-limit';
import type { SentMessageRef } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { DeliveryPort, RouteBook } from '../application/ports.js';
import { parseClaimed, type ClaimedMessage, type DeliveryReason, type OutboxOutcome, type OutboxRow, type OutboxStore } from '../domain/outbox.js';
import type { ComposedBatch, ComposedRow } from './composition.js';
import { Batcher } from '../core/batcher.js';
import type { Message } from '../ui/model.js';

// Outcomes are written back in groups (one statement each, through a Batcher): whatever
// completed while the previous write ran goes into the next one. The trade-off is what a
// crash between sending and marking costs. A row sent but not yet marked is still claimed;
// after a crash its claim goes stale and it is sent again. Marked one by one, at most the
// messages in flight are sent again, at one statement each; marked once at the end of a
// batch, the whole batch (500) could be. Here a message takes an "unmarked" slot before it
// is sent and keeps it until its own outcome is written, so at most `maxUnmarked` (64) are
// ever sent and not yet marked, whatever the batch size: a fast platform's outcomes share a
// statement, a slow platform's are written almost as soon as they complete.

/** Waits before the next attempt after a transient failure, by attempt number. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** Sent later than this after its due time counts as late (and says so). */
const LATE_AFTER_MS = 15 * 60_000;

export interface OutboxWorkerOptions {
  outbox: OutboxStore;
  delivery: DeliveryPort;
  /** Builds the messages of a claimed batch, each row by its kind's composer. */
  compose(batch: readonly { row: OutboxRow; late: boolean }[], now: Date): Promise<ComposedBatch>;
  /** Runs once per batch with the rows that reached their final outcome (a finished broadcast's report). */
  settle(rows: OutboxRow[]): Promise<void>;
  clock: Clock;
  logger: Logger;
  workerId: string;
  /**
   * Rows claimed and composed together (default 500: fewer, larger batches measured faster
   * than 250 in bench/scheduler.ts). A batch's claim must be sent well within
   * `claimTimeoutMs` at the platforms' pace, or another worker takes it over: 500 at Slack's
   * 10 posts a second take 50 s, 150 s with three replicas sharing the budget, of 10 minutes.
   */
  batchSize?: number;
  /**
   * Messages in flight at once (default 16), each to a different person; adapters pace per
   * conversation and per platform budget. A stop waits for these.
   */
  concurrency?: number;
  /**
   * Messages sent and not yet marked sent, at most (default 64, never below `concurrency`):
   * the most a crash can send twice, and how many outcomes one write can carry.
   */
  maxUnmarked?: number;
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

/** A composed message ready to go out. */
interface Ready {
  row: OutboxRow;
  late: boolean;
  message: Message;
  thread?: Message;
}

/** One claimed batch in progress: how its rows' outcomes are written and counted. */
interface BatchRun {
  /** Outcomes written back in groups as the sends complete (see the trade-off above). */
  writer: Batcher<OutboxOutcome, void>;
  result: TickResult;
  /** Rows that reached their final outcome, for settle. */
  finals: OutboxRow[];
  /** Rows whose message did not reach the person (not tried, or refused). */
  undelivered: Set<OutboxRow>;
  routes?: RouteBook;
  /** The sending slots (`concurrency`). */
  sending: LimitFunction;
  /** A follow-up row (a summary's thread part) was planned. */
  followUps: boolean;
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { outbox, delivery, clock, logger, workerId } = options;
  const batchSize = options.batchSize ?? 500;
  const concurrency = options.concurrency ?? 16;
  const maxUnmarked = Math.max(options.maxUnmarked ?? 64, concurrency);
  const graceMs = options.graceMs ?? 6 * 3600_000;
  const claimTimeoutMs = options.claimTimeoutMs ?? 10 * 60_000;
  let stopping = false;
  let running: Promise<TickResult> | undefined;

  /** Writes one row's outcome (with others) and counts it once written. */
  async function record(run: BatchRun, row: OutboxRow | undefined, outcome: OutboxOutcome, counted: Exclude<keyof TickResult, 'late' | 'skipped'>, final: boolean): Promise<void> {
    await run.writer.submit(outcome);
    run.result[counted] += 1;
    if (outcome.status === 'sent' && outcome.late) run.result.late += 1;
    if (row && final) run.finals.push(row);
  }

  /** A failure: tried again after a backoff while attempts remain and it may pass, otherwise final. */
  function failure(run: BatchRun, row: OutboxRow, failed: { reason: DeliveryReason; code?: string }, permanent: boolean, at: Date): Promise<void> {
    const outcome = { id: row.id, status: 'failed' as const, reason: failed.reason, ...(failed.code ? { code: failed.code } : {}) };
    if (!permanent && row.attempts < MAX_ATTEMPTS) {
      const retryAt = new Date(at.getTime() + (BACKOFF_MS[row.attempts - 1] ?? BACKOFF_MS.at(-1)!));
      return record(run, row, { ...outcome, retryAt }, 'retried', false);
    }
    return record(run, row, outcome, 'failed', true);
  }

  /** A bug or a database hiccup: logged, and the row is tried again later like a transient failure. */
  function unexpected(run: BatchRun, row: OutboxRow, error: unknown, log = true): Promise<void> {
    if (log) logger.error({ err: error, kind: row.kind }, 'outbox message failed unexpectedly');
    return failure(run, row, { reason: 'internal_error' }, false, clock.now());
  }

  /** One composed message: sent in one of the sending slots, then its outcome written (the caller holds an unmarked slot until then). */
  async function send(run: BatchRun, { row, late, message, thread: threadPart }: Ready): Promise<void> {
    let delivered = false;
    try {
      const channel = 'channel' in row.payload ? row.payload.channel : undefined;
      const threadOf: SentMessageRef | undefined = 'threadOf' in row.payload ? row.payload.threadOf : undefined;
      const outcome = await run.sending(() =>
        // Stopping: a message not yet in hand stays claimed, and stop() gives it back.
        stopping ? undefined : channel ? delivery.toChannel(channel, message, threadOf) : delivery.toParticipant(row.participantId!, message, run.routes),
      );
      if (!outcome) return void run.undelivered.add(row);
      const at = clock.now();
      if (!outcome.delivered) {
        run.undelivered.add(row);
        return await failure(run, row, { reason: outcome.reason, code: outcome.code }, outcome.permanent, at);
      }
      delivered = true;
      // The thread part is a row of its own, planned before this one is marked sent: a crash
      // in between can only send the first part again, never lose the second.
      const thread = channel && row.kind === 'summary' ? threadPart : undefined;
      if (thread && channel) {
        await outbox.plan([{ idempotencyKey: `${row.idempotencyKey}:thread`, kind: 'summary', cohortId: row.cohortId, dueAt: at, payload: { channel, threadOf: outcome.ref, message: thread } }]);
        run.followUps = true;
      }
      await record(run, row, { id: row.id, status: 'sent', at, platformMessageId: outcome.ref.messageId || undefined, late }, 'sent', true);
    } catch (error) {
      if (!delivered) run.undelivered.add(row);
      await unexpected(run, row, error).catch((again: unknown) => logger.error({ err: again }, 'outbox outcome not written'));
    }
  }

  /** Rows decided without sending (skipped, invalid, failed to compose), written with the first sends. */
  function writeDecided(run: BatchRun, invalid: { claimed: ClaimedMessage; problem: string }[], composed: ComposedRow[]): Promise<void>[] {
    const writing: Promise<void>[] = [];
    for (const { claimed, problem } of invalid) {
      // A row written by an older kohort, or by hand: there is nothing to send from it, as
      // for a row whose preparation or broadcast is gone. Logged loudly: it is a bug.
      logger.error({ kind: claimed.kind, problem }, 'outbox row with an invalid payload');
      writing.push(record(run, undefined, { id: claimed.id, status: 'cancelled', reason: `invalid payload: ${problem}`.slice(0, 200) }, 'cancelled', false));
    }
    const logged = new Set<unknown>();
    for (const { row, composed: outcome } of composed) {
      if ('skip' in outcome) writing.push(record(run, row, { id: row.id, status: 'cancelled', reason: outcome.skip }, 'cancelled', true));
      if (!('error' in outcome)) continue;
      // One failed lookup fails every row of its kind: logged once.
      if (!logged.has(outcome.error)) logger.error({ err: outcome.error, kind: row.kind }, 'outbox message failed unexpectedly');
      logged.add(outcome.error);
      writing.push(unexpected(run, row, outcome.error, false));
    }
    return writing.map((w) => w.catch((error: unknown) => logger.error({ err: error }, 'outbox outcome not written')));
  }

  /** One claimed batch, start to finish; every row's outcome is written back, so no claim is left dangling. */
  async function runBatch(claimed: ClaimedMessage[], result: TickResult): Promise<boolean> {
    const writer = new Batcher<OutboxOutcome, void>(async (outcomes) => {
      await outbox.record(outcomes);
      return outcomes.map(() => undefined);
    }, maxUnmarked);
    const run: BatchRun = { writer, result, finals: [], undelivered: new Set(), followUps: false, sending: pLimit(concurrency) };
    const now = clock.now();
    const rows: { row: OutboxRow; late: boolean }[] = [];
    const invalid: { claimed: ClaimedMessage; problem: string }[] = [];
    for (const row of claimed) {
      const parsed = parseClaimed(row);
      if (parsed.ok) rows.push({ row: parsed.row, late: now.getTime() - row.dueAt.getTime() > LATE_AFTER_MS });
      else invalid.push({ claimed: row, problem: parsed.problem });
    }
    const batch = await options.compose(rows, now).catch((error: unknown) => void logger.error({ err: error }, 'composing an outbox batch failed'));
    const composed: ComposedRow[] = batch?.rows ?? rows.map(({ row, late }) => ({ row, late, composed: { error: 'not composed' }, firstContact: false }));
    const toSend = composed.flatMap(({ row, late, composed: outcome }): Ready[] => ('message' in outcome ? [{ row, late, ...outcome }] : []));
    const participants = toSend.flatMap(({ row }) => (row.participantId && !('channel' in row.payload && row.payload.channel) ? [row.participantId] : []));
    if (participants.length > 0) {
      // Without the batch's routes each message looks up its own: slower, not wrong.
      run.routes = await delivery.routes(participants).catch((error: unknown) => void logger.warn({ err: error }, 'routes of an outbox batch not read'));
    }
    // From here on nothing waits before the sends start, so the decided rows share their first write.
    const decided = writeDecided(run, invalid, composed);
    // A message takes an unmarked slot before it is sent and keeps it until its outcome is written.
    const unmarked = pLimit(maxUnmarked);
    await Promise.all(toSend.map((item) => unmarked(() => send(run, item))));
    await Promise.all(decided);
    if (batch && run.undelivered.size > 0) await batch.notDelivered([...run.undelivered]).catch((error: unknown) => logger.error({ err: error }, 'first-contact claims not given back'));
    await afterBatch(run.finals);
    return run.followUps;
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
    const staleBefore = new Date(now.getTime() - claimTimeoutMs);
    // Most ticks find nothing to do: one question, one statement (bench/scheduler.ts measures it).
    if (!(await outbox.hasWork(now, staleBefore))) return result;
    result.skipped = await outbox.skipOlderThan(new Date(now.getTime() - graceMs));
    if (result.skipped > 0) logger.warn({ skipped: result.skipped }, 'messages too late after downtime were skipped');
    await outbox.releaseClaims({ staleBefore });
    while (!stopping) {
      const batch = await outbox.claimDue(clock.now(), batchSize, workerId);
      if (batch.length === 0) break;
      const queued = await runBatch(batch, result);
      // Follow-up rows queued just now (threads) go out in this tick, not the next one.
      if (batch.length < batchSize && !queued) break;
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
    /** Finishes the messages in hand, gives back the rest of the claim, and stops. */
    async stop(): Promise<void> {
      stopping = true;
      await running?.catch(() => undefined);
      await outbox.releaseClaims({ worker: workerId });
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
