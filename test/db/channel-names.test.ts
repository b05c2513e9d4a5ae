// Channels are shown by the name the program file gives them: a Teams channel's id reads
// "19:…@thread.tacv2", which nobody recognises. One without a name keeps its id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routerChat } from '../helpers/chat.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

let db: TestDatabase;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  const clock = new FakeClock(new Date('2027-01-11T09:00:00Z'));
  await importFixture(db, 'test/fixtures/programs/mixed-cohort.yaml', clock.now());
  await noticeAlreadyGiven(db, clock.now());
  wiring = servicesFor(db, clock);
});
afterEach(async () => db.close());

const { say } = routerChat(() => wiring);

describe('channel names', () => {
  it('are stored from the program file and shown instead of a Teams id', async () => {
    expect((await db.prisma.cohortChannel.findMany({ orderBy: { platform: 'asc' } })).map((c) => c.name)).toEqual([null, 'Blandkohorten']);
    const queued = await say('mixed-1/fia', 'sammanfatta');
    expect(queued).toBe('Sammanfattningen inför modul 1 skickas nu till 2 kanaler: #Blandkohorten (Teams), #C0KOHORT (Slack).');
    expect(queued).not.toContain('thread.tacv2');
  });
});
