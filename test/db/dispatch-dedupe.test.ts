import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/core/dispatch.js';
import { createLogger } from '../../src/core/logger.js';
import type { InboundEvent } from '../../src/core/events.js';
import { openDatabase } from '../../src/persistence/database.js';
import { prismaEventLedger } from '../../src/persistence/repositories/ledger.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { messageFrom } from '../helpers/recording-adapter.js';

let db: TestDatabase | undefined;
afterEach(async () => db?.close());

function dispatcherOn(database: { prisma: TestDatabase['prisma'] }, handled: InboundEvent[]) {
  return createDispatcher({
    ledger: prismaEventLedger(database.prisma),
    clock: new FakeClock(new Date('2026-11-21T10:00:00Z')),
    logger: createLogger('silent'),
    handle: async (event) => {
      handled.push(event);
    },
  });
}

describe('dispatch deduplication', () => {
  it('handles an event once however often, and however concurrently, it is delivered', async () => {
    db = await freshDatabase();
    const handled: InboundEvent[] = [];
    const dispatcher = dispatcherOn(db, handled);
    const event = messageFrom('demo/ada', 'hjälp');
    await Promise.all([dispatcher.receive(event), dispatcher.receive(event), dispatcher.receive({ ...event })]);
    await dispatcher.receive(event);
    expect(handled).toHaveLength(1);
    await dispatcher.receive(messageFrom('demo/ada', 'hjälp'));
    expect(handled).toHaveLength(2);
  });

  it('remembers handled events across a restart (the ledger is in the database)', async () => {
    db = await freshDatabase();
    const event = messageFrom('demo/ada', 'status');
    await dispatcherOn(db, []).receive(event);
    await db.closeKeepingData();

    const reopened = await openDatabase({ dataDir: db.dataDir, logger: createLogger('silent') });
    try {
      const handled: InboundEvent[] = [];
      await dispatcherOn(reopened, handled).receive(event);
      expect(handled).toHaveLength(0);
    } finally {
      await reopened.close();
    }
  });

  it('keeps going when a handler throws, and drains in-flight work', async () => {
    db = await freshDatabase();
    let calls = 0;
    const dispatcher = createDispatcher({
      ledger: prismaEventLedger(db.prisma),
      clock: new FakeClock(new Date()),
      logger: createLogger('silent'),
      handle: async () => {
        calls += 1;
        throw new Error('boom');
      },
    });
    await expect(dispatcher.receive(messageFrom('x', 'a'))).resolves.toBeUndefined();
    void dispatcher.receive(messageFrom('x', 'b'));
    await dispatcher.drain();
    expect(calls).toBe(2);
  });
});
