// A clicked card shows the choice made only when the click was acted on: a refused click
// (an old card, a stale step, someone else's button) keeps its controls, so the person can
// see it did nothing. Through the real router, on a real database.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let db: TestDatabase;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  const clock = new FakeClock(local('2027-03-22T10:00'));
  await importFixture(db, 'test/fixtures/programs/reminder-calendar.yaml', clock.now());
  wiring = servicesFor(db, clock);
});
afterEach(async () => db.close());

const { act, press, last } = routerChat(() => wiring);
const confirmed = () => wiring.adapter.confirmed.map((e) => `${e.actionId} ${e.value}`);

describe('confirming a clicked choice', () => {
  it('stamps a click that was acted on, and not one that was refused', async () => {
    const easter = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'over-easter' } })).id;
    await act('cal-1/ada', 'reminder.done', easter);
    expect(confirmed()).toEqual([`reminder.done ${easter}`]);
    // The same Done again is refused ("already done"), an unknown item and a forged value too.
    await act('cal-1/ada', 'reminder.done', easter);
    await act('cal-1/ada', 'reminder.done', '00000000-0000-4000-8000-000000000000');
    await act('cal-1/ada', 'reminder.snooze', `${easter}|someday`);
    await act('cal-1/ada', 'no.such.action', 'x');
    expect(confirmed()).toEqual([`reminder.done ${easter}`]);
  });

  it('does not stamp a stale step of the maturity test, nor a click the person may not make', async () => {
    await importFixture(db, 'programs/digitalt-forst.yaml', local('2027-03-22T10:00'));
    await act('demo-host/anna', 'command', 'maturity');
    const question = last();
    await press('demo-host/anna', buttonOf(question, 'Hoppa över'));
    await press('demo-host/anna', buttonOf(question, 'Hoppa över'));
    expect(confirmed().filter((c) => c.startsWith('maturity.skip'))).toHaveLength(1);
    // A facilitator (Sara) may not answer the test: refused by role, not stamped.
    await press('demo-host/sara', buttonOf(question, 'Hoppa över'));
    expect(confirmed().filter((c) => c.startsWith('maturity.skip'))).toHaveLength(1);
  });
});
