// When a snoozed reminder comes back, and until when a pause lasts. Pure and zone-aware:
// "tomorrow morning" is the next working day at the end of the quiet hours (08:00 by
// default) in the program's time zone, whatever the daylight-saving offset that day.
import { DateTime } from 'luxon';
import { freeDayTest, type ReminderPolicy } from './ladder.js';

export const SNOOZE_OPTIONS = ['tomorrow', 'monday'] as const;
export type SnoozeOption = (typeof SNOOZE_OPTIONS)[number];

/** The first working morning after today, or the first Monday after today (moved past a holiday). */
export function snoozeUntil(now: Date, zone: string, policy: ReminderPolicy, option: SnoozeOption): Date {
  const [hour, minute] = policy.quietHours.end.split(':').map(Number) as [number, number];
  const isFree = freeDayTest(policy);
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  let day = option === 'tomorrow' ? today.plus({ days: 1 }) : today.plus({ days: 8 - today.weekday });
  for (let guard = 0; guard < 14 && isFree(day); guard += 1) day = day.plus({ days: 1 });
  return day.set({ hour, minute }).toJSDate();
}

export type PauseRequest = { kind: 'show' } | { kind: 'off' } | { kind: 'until'; until: Date; day: string } | { kind: 'invalid'; problem: 'format' | 'past' | 'too_far'; text: string };

/** At most this far ahead: a longer pause is almost always a typo in the year. */
export const MAX_PAUSE_DAYS = 366;

/** The words people type: "paus av" turns reminders on again; "paus till …" may lead with a word. Kept in prompts/. */
export interface PauseWords {
  off: readonly string[];
  until: readonly string[];
}

/**
 * `paus till 2026-12-01` / `pause until 1/12`: reminders stop now and start again on that
 * day. A day alone (`1/12`, Swedish day/month order) means its next occurrence.
 */
export function parsePause(args: string, now: Date, zone: string, words: PauseWords): PauseRequest {
  const typed = args.trim().toLowerCase().replace(/\s+/g, ' ');
  // The longest leading word first: "till och med" before "till".
  const leading = [...words.until].sort((a, b) => b.length - a.length).find((word) => typed.startsWith(`${word} `));
  const value = (leading ? typed.slice(leading.length) : typed).trim();
  if (value === '') return { kind: 'show' };
  if (words.off.includes(value)) return { kind: 'off' };
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const day = readDay(value, today, zone);
  if (!day) return { kind: 'invalid', problem: 'format', text: value };
  if (day <= today) return { kind: 'invalid', problem: 'past', text: value };
  if (day.diff(today, 'days').days > MAX_PAUSE_DAYS) return { kind: 'invalid', problem: 'too_far', text: value };
  return { kind: 'until', until: day.toJSDate(), day: day.toISODate() ?? value };
}

function readDay(value: string, today: DateTime, zone: string): DateTime | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (iso) return valid(DateTime.fromObject({ year: +iso[1]!, month: +iso[2]!, day: +iso[3]! }, { zone }));
  const dayMonth = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(value);
  if (!dayMonth) return undefined;
  const [day, month] = [+dayMonth[1]!, +dayMonth[2]!];
  if (dayMonth[3]) return valid(DateTime.fromObject({ year: +dayMonth[3], month, day }, { zone }));
  const thisYear = valid(DateTime.fromObject({ year: today.year, month, day }, { zone }));
  if (!thisYear) return undefined;
  return thisYear > today ? thisYear : valid(thisYear.plus({ years: 1 }));
}

function valid(day: DateTime): DateTime | undefined {
  return day.isValid ? day : undefined;
}
