// The inbound side of the core: drop duplicates (platform retries, replicas), run the
// handler, and never let an error escape back to the adapter — an adapter that saw a
// throw might answer the platform with an error and make it retry.
import pLimit from 'p-limit';
import type { InboundSink } from './adapter.js';
import type { Clock } from './clock.js';
import type { InboundEvent } from './events.js';
import { isKohortError } from './errors.js';
import type { Logger } from './logger.js';
import { InFlight } from './in-flight.js';
import type { Platform } from './events.js';

/** Where handled event ids are remembered (the database): retries, restarts and replicas see one another's. */
export interface EventLedger {
  /** True the first time a (platform, eventId) is seen. */
  firstSeen(platform: Platform, eventId: string, at: Date): Promise<boolean>;
}

/**
 * Most of an event's time is spent waiting on the platform to accept its answer, not in
 * this process: at eight at once, 200 events a second from bench/inbound.ts were answered at
 * 80 a second with the CPU less than half busy, against a fake Slack that answers in a
 * millisecond (Slack's own Web API takes far longer). The database still runs one query at
 * a time and lets the HTTP side in between any two (persistence/database.ts), so
 * acknowledgements do not wait behind a burst however many events are in progress.
 */
export const EVENTS_AT_ONCE = 64;

export interface Dispatcher extends InboundSink {
  /** Resolves when every event received so far has been handled (graceful shutdown). */
  drain(): Promise<void>;
}

export function createDispatcher(deps: {
  ledger: EventLedger;
  clock: Clock;
  logger: Logger;
  handle: (event: InboundEvent) => Promise<void>;
  /**
   * Events handled at once (default EVENTS_AT_ONCE). A bound keeps a burst first come, first
   * answered, and its memory in check.
   */
  concurrency?: number;
}): Dispatcher {
  const inFlight = new InFlight();
  const limit = pLimit(deps.concurrency ?? EVENTS_AT_ONCE);

  const logOf = (event: InboundEvent) => deps.logger.child({ platform: event.actor.platform, eventId: event.eventId, type: event.type });

  /** Recorded as it arrives, outside the bound below: a burst's events share ledger statements, and a retry is dropped at once. */
  async function firstSeen(event: InboundEvent): Promise<boolean> {
    try {
      if (await deps.ledger.firstSeen(event.actor.platform, event.eventId, deps.clock.now())) return true;
      logOf(event).debug('duplicate event dropped');
    } catch (error) {
      logOf(event).error({ code: isKohortError(error) ? error.code : 'internal', err: error }, 'event failed');
    }
    return false;
  }

  async function handle(event: InboundEvent): Promise<void> {
    const log = logOf(event);
    try {
      await deps.handle(event);
      log.debug('event handled');
    } catch (error) {
      log.error({ code: isKohortError(error) ? error.code : 'internal', err: error }, 'event failed');
    }
  }

  return {
    receive: (event) => inFlight.track(firstSeen(event).then((first) => (first ? limit(() => handle(event)) : undefined))),
    drain: () => inFlight.drain(),
  };
}
