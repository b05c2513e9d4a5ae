import { describe, expect, it } from 'vitest';
import { createDispatcher, EVENTS_AT_ONCE, type EventLedger } from '../../src/core/dispatch.js';
import { createLogger } from '../../src/core/logger.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { messageFrom } from '../helpers/recording-adapter.js';

/** A ledger in memory that notes when each event was recorded. */
function memoryLedger() {
  const seen = new Set<string>();
  return {
    recorded: [] as string[],
    firstSeen(this: { recorded: string[] }, platform, eventId) {
      this.recorded.push(eventId);
      if (seen.has(`${platform}:${eventId}`)) return Promise.resolve(false);
      seen.add(`${platform}:${eventId}`);
      return Promise.resolve(true);
    },
  } satisfies EventLedger & { recorded: string[] };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('dispatcher', () => {
  it('keeps many events in progress while each waits on the platform, and records each as it arrives', async () => {
    const ledger = memoryLedger();
    const waiting: (() => void)[] = [];
    const dispatcher = createDispatcher({
      ledger,
      clock: new FakeClock(new Date('2027-01-11T09:00:00Z')),
      logger: createLogger('silent'),
      // Each answer waits for the platform until released.
      handle: () => new Promise<void>((resolve) => waiting.push(resolve)),
    });
    const events = Array.from({ length: EVENTS_AT_ONCE + 10 }, (_, i) => messageFrom('demo/ada', `hjälp ${i}`));
    const received = events.map((event) => dispatcher.receive(event));
    await turns(5);
    // All recorded at once (a retry is dropped without waiting its turn); as many in progress as allowed.
    expect(ledger.recorded).toHaveLength(events.length);
    expect(waiting).toHaveLength(EVENTS_AT_ONCE);
    expect(EVENTS_AT_ONCE).toBeGreaterThanOrEqual(32);

    waiting.shift()!();
    await turns(5);
    expect(waiting).toHaveLength(EVENTS_AT_ONCE);
    for (const release of waiting.splice(0)) release();
    await turns(5);
    for (const release of waiting.splice(0)) release();
    await Promise.all(received);
    await dispatcher.drain();
  });
});
