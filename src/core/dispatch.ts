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
   * Events handled at once. The database (PGlite especially) works one query at a time, so
   * more gains nothing; a bound keeps a burst's work from crowding out the HTTP side, which
   * must keep acknowledging new platform requests within seconds.
   */
  concurrency?: number;
}): Dispatcher {
  const inFlight = new InFlight();
  const limit = pLimit(deps.concurrency ?? 8);

  async function process(event: InboundEvent): Promise<void> {
    const log = deps.logger.child({ platform: event.actor.platform, eventId: event.eventId, type: event.type });
    try {
      if (!(await deps.ledger.firstSeen(event.actor.platform, event.eventId, deps.clock.now()))) {
        log.debug('duplicate event dropped');
        return;
      }
      await deps.handle(event);
      log.debug('event handled');
    } catch (error) {
      log.error({ code: isKohortError(error) ? error.code : 'internal', err: error }, 'event failed');
    }
  }

  return {
    receive: (event) => inFlight.track(limit(() => process(event))),
    drain: () => inFlight.drain(),
  };
}
