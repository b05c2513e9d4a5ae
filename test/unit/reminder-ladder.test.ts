// Reminder moments in Europe/Stockholm across both daylight-saving changes, weekends,
// quiet hours and Swedish holidays: each lands once, at the expected local time.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicies, reminderTimes } from '../../src/domain/reminders/ladder.js';

const ZONE = 'Europe/Stockholm';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const shown = (dates: { at: Date }[]) => dates.map((d) => DateTime.fromJSDate(d.at, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm ZZ'));

describe('reminder ladder', () => {
  it('keeps 09:00 and 08:00 local across the March change (CET → CEST), moving Sunday to Friday', () => {
    const planned = reminderTimes(local('2027-03-29T12:00'), ZONE, DEFAULT_POLICY);
    expect(shown(planned)).toEqual(['Mon 2027-03-22 09:00 +01:00', 'Fri 2027-03-26 09:00 +01:00', 'Mon 2027-03-29 08:00 +02:00']);
    expect(planned.map((p) => p.at.toISOString())).toEqual(['2027-03-22T08:00:00.000Z', '2027-03-26T08:00:00.000Z', '2027-03-29T06:00:00.000Z']);
  });

  it('keeps them across the October change (CEST → CET)', () => {
    const planned = reminderTimes(local('2027-11-01T12:00'), ZONE, DEFAULT_POLICY);
    expect(shown(planned)).toEqual(['Mon 2027-10-25 09:00 +02:00', 'Fri 2027-10-29 09:00 +02:00', 'Mon 2027-11-01 08:00 +01:00']);
  });

  it('skips Swedish public holidays and the eves taken off when asked, one reminder a day', () => {
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March are holidays.
    const planned = reminderTimes(local('2027-03-29T12:00'), ZONE, mergePolicies({ holidays: 'SE' }));
    expect(shown(planned)).toEqual(['Mon 2027-03-22 09:00 +01:00', 'Thu 2027-03-25 09:00 +01:00']);
    // Midsommarafton (Friday 25 June 2027) is a day off too.
    expect(shown(reminderTimes(local('2027-06-28T12:00'), ZONE, mergePolicies({ holidays: 'SE', ladder: [{ daysBefore: 3, at: '09:00' }] })))).toEqual(['Thu 2027-06-24 09:00 +02:00']);
  });

  it('moves steps out of quiet hours and never past the deadline', () => {
    const policy = mergePolicies({
      ladder: [
        { daysBefore: 2, at: '06:30' },
        { daysBefore: 1, at: '21:00' },
        { daysBefore: 0, at: '13:00' },
      ],
    });
    expect(shown(reminderTimes(local('2027-09-15T12:00'), ZONE, policy))).toEqual(['Mon 2027-09-13 08:00 +02:00', 'Tue 2027-09-14 17:00 +02:00']);
  });

  it('lets the most specific policy win, field by field', () => {
    const merged = mergePolicies({ workingDaysOnly: false }, { ladder: [{ daysBefore: 1, at: '10:00' }] }, null, { holidays: undefined });
    expect(merged).toEqual({ ...DEFAULT_POLICY, workingDaysOnly: false, ladder: [{ daysBefore: 1, at: '10:00' }] });
    expect(shown(reminderTimes(local('2027-03-29T12:00'), ZONE, merged))).toEqual(['Sun 2027-03-28 10:00 +02:00']);
  });
});
