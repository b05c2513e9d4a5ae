// A fake clock walks minute-exact ticks (every 15 minutes, day and night) through the
// March and October daylight-saving changes of 2027 in Europe/Stockholm, with Easter,
// weekends and quiet hours on the way. Every reminder must arrive exactly once, at the
// expected local time, and nothing at any other moment.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replanReminders } from '../../src/features/reminders/planner.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const ZONE = 'Europe/Stockholm';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const TICK_MS = 15 * 60_000;
let db: TestDatabase;
let clock: FakeClock;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-03-01T10:00'));
  await importFixture(db, 'test/fixtures/programs/reminder-calendar.yaml', clock.now());
});
afterEach(async () => db.close());

/** Ticks every 15 minutes from `from` to `to`; returns "<local time> <first line>" per message, in order. */
async function walk(from: string, to: string) {
  const { adapter, worker: workerFor } = servicesFor(db, clock);
  const worker = workerFor('walker');
  const arrivals: string[] = [];
  clock.set(local(from));
  while (clock.now() <= local(to)) {
    const before = adapter.sent.length;
    await worker.tick();
    for (const sent of adapter.sent.slice(before)) {
      const when = DateTime.fromJSDate(clock.now(), { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
      arrivals.push(`${when} ${sent.conversation} ${toPlainText(sent.message).split('\n')[0]}`);
    }
    clock.advance(TICK_MS);
  }
  return arrivals;
}

describe('reminders through the calendar', () => {
  it('lands each reminder once at the local time across the March change, Easter and a weekend', async () => {
    const { services } = servicesFor(db, clock);
    await replanReminders(services, { everything: true }, clock.now());
    expect(await walk('2027-03-20T00:00', '2027-04-08T00:00')).toEqual([
      // 7 days before, 09:00 CET.
      'Tue 2027-03-23 09:00 +01:00 dm:cal-1/ada Påminnelse: Read across Easter',
      // 1 day before is Easter Monday; Sunday, Saturday and Good Friday are off too: Thursday.
      'Thu 2027-03-25 09:00 +01:00 dm:cal-1/ada Påminnelse: Read across Easter',
      // The day itself, 08:00 — now summer time.
      'Tue 2027-03-30 08:00 +02:00 dm:cal-1/ada Påminnelse: Read across Easter',
      // The day before module 1 (Wednesday 7 April): the notice.
      'Tue 2027-04-06 09:00 +02:00 dm:cal-1/ada Snart dags: modul 1 – Spring',
    ]);
  });

  it('lands each reminder once across the October change and out of quiet hours', async () => {
    const { services } = servicesFor(db, clock);
    await replanReminders(services, { everything: true }, clock.now());
    expect(await walk('2027-10-20T00:00', '2027-11-03T00:00')).toEqual([
      'Tue 2027-10-26 09:00 +02:00 dm:cal-1/ada Påminnelse: Task across the October change',
      // 20:00 the evening before is quiet: 17:00 instead.
      'Thu 2027-10-28 17:00 +02:00 dm:cal-1/ada Påminnelse: Watch before Friday',
      // 06:30 on the day is quiet too: at the end of the quiet hours, 08:00.
      'Fri 2027-10-29 08:00 +02:00 dm:cal-1/ada Påminnelse: Watch before Friday',
      // After the clocks go back on Sunday 31 October: still 09:00 and 08:00 local.
      'Mon 2027-11-01 09:00 +01:00 dm:cal-1/ada Påminnelse: Task across the October change',
      'Tue 2027-11-02 08:00 +01:00 dm:cal-1/ada Påminnelse: Task across the October change',
    ]);
    // Planning again changes nothing: no row is added, nothing is sent twice.
    expect((await replanReminders(services, { everything: true }, clock.now())).planned).toBe(0);
    expect(await walk('2027-11-03T00:00', '2027-11-04T00:00')).toEqual([]);
  });
});
