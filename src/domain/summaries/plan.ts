// When the scheduled summaries go out: for every module still ahead, `daysBefore` days
// before its day at `at` in the program's time zone, one message per cohort channel.
// Like reminders, a summary does not land on a weekend or holiday when the program works on
// working days only: it moves to the working day before. The key is stable, so planning again (restart, re-import) never adds a second one.
import { DateTime } from 'luxon';
import type { PlannedMessage } from '../outbox.js';
import { freeDayTest, type ReminderPolicy } from '../reminders/ladder.js';
import type { SummarySchedule } from './store.js';

export const DEFAULT_SUMMARY_TIMING = { daysBefore: 2, at: '09:00' } as const;

export const summaryKey = (channelId: string, moduleId: string) => `summary:${channelId}:${moduleId}`;

/** `daysBefore` the module's day at `at`, moved back to a working day like the reminders are. */
export function summaryDueAt(moduleStart: Date, zone: string, daysBefore: number, at: string, policy: ReminderPolicy): Date {
  const [hour = 9, minute = 0] = at.split(':').map(Number);
  const isFree = freeDayTest(policy);
  let day = DateTime.fromJSDate(moduleStart, { zone }).minus({ days: daysBefore }).set({ hour, minute, second: 0, millisecond: 0 });
  for (let step = 0; step < 14 && isFree(day); step += 1) day = day.minus({ days: 1 });
  return day.toJSDate();
}

export function planSummaries(schedule: SummarySchedule, now: Date): PlannedMessage[] {
  const planned: PlannedMessage[] = [];
  for (const module of schedule.modules) {
    const dueAt = summaryDueAt(module.startsAt, schedule.zone, schedule.daysBefore, schedule.at, schedule.policy);
    // A summary after the module has started is no use; one whose time passed is not sent late on planning.
    if (dueAt <= now || dueAt >= module.startsAt) continue;
    for (const channel of schedule.channels) {
      planned.push({
        idempotencyKey: summaryKey(channel.id, module.id),
        kind: 'summary',
        cohortId: channel.cohortId,
        dueAt,
        payload: { channel: { id: channel.id, platform: channel.platform, channelId: channel.channelId }, moduleId: module.id },
      });
    }
  }
  return planned;
}
