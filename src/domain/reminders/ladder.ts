// When a participant is reminded of one preparation: the ladder of steps ("7 days before
// at 09:00"), in the program's time zone, moved off weekends, public holidays and quiet
// hours. Pure and calendar-exact: every step is computed from the local date and time
// with Luxon, so a daylight-saving change never shifts, drops or doubles a reminder.
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export interface LadderStep {
  daysBefore: number;
  at: string; // "HH:MM"
}

export interface ReminderPolicy {
  ladder: LadderStep[];
  quietHours: { start: string; end: string };
  workingDaysOnly: boolean;
  holidays: 'none' | 'SE';
}

export const DEFAULT_POLICY: ReminderPolicy = {
  ladder: [
    { daysBefore: 7, at: '09:00' },
    { daysBefore: 1, at: '09:00' },
    { daysBefore: 0, at: '08:00' },
  ],
  quietHours: { start: '18:00', end: '08:00' },
  workingDaysOnly: true,
  holidays: 'none',
};

/** Field by field, the most specific policy wins: participant over preparation over program. */
export function mergePolicies(...layers: (Partial<ReminderPolicy> | null | undefined)[]): ReminderPolicy {
  return layers.reduce<ReminderPolicy>((merged, layer) => ({ ...merged, ...definedFields(layer ?? {}) }), DEFAULT_POLICY);
}

export interface PlannedReminder {
  /** Stable name of the step, part of the outbox idempotency key. */
  step: string;
  at: Date;
}

/** The reminder moments for one deadline, earliest first; none at or after the deadline. */
export function reminderTimes(dueAt: Date, zone: string, policy: ReminderPolicy): PlannedReminder[] {
  const due = DateTime.fromJSDate(dueAt, { zone });
  const isFree = freeDayTest(policy);
  // One reminder a day at most: a step moved onto a day that already has one is dropped.
  const seen = new Set<string>();
  const planned: PlannedReminder[] = [];
  for (const step of policy.ladder) {
    const [hour, minute] = step.at.split(':').map(Number) as [number, number];
    let moment: DateTime = due.startOf('day').minus({ days: step.daysBefore }).set({ hour, minute });
    moment = outsideQuietHours(moment, policy.quietHours);
    // Off a weekend or holiday, earlier rather than later, so it still comes before the deadline.
    for (let guard = 0; guard < 14 && isFree(moment); guard += 1) moment = moment.minus({ days: 1 });
    const day = moment.toISODate() ?? '';
    if (moment >= due || seen.has(day)) continue;
    seen.add(day);
    planned.push({ step: `${step.daysBefore}d@${step.at}`, at: moment.toJSDate() });
  }
  return planned.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Quiet hours span midnight (18:00–08:00): early morning moves to their end, evening to their start minus an hour. */
function outsideQuietHours(moment: DateTime, quiet: ReminderPolicy['quietHours']): DateTime {
  const minutes = moment.hour * 60 + moment.minute;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  const spansMidnight = start > end;
  const quietNow = spansMidnight ? minutes >= start || minutes < end : minutes >= start && minutes < end;
  if (!quietNow) return moment;
  if (spansMidnight && minutes < end) return moment.set({ hour: Math.floor(end / 60), minute: end % 60 });
  const before = Math.max(0, start - 60);
  return moment.set({ hour: Math.floor(before / 60), minute: before % 60 });
}

const holidayCalendars = new Map<string, Holidays>();
/** Each day's answer, once: the calendar computes a date's holidays afresh at every call (milliseconds each). */
const holidayNames = new Map<string, string | undefined>();

/**
 * date-holidays carries every country's rules (about 25 MB and a few hundred milliseconds to load),
 * so it is loaded when a program first asks for holidays, not at start: synchronously, with
 * require (its CommonJS build), because the ladder is plain synchronous arithmetic.
 */
function calendarOf(holidays: Exclude<ReminderPolicy['holidays'], 'none'>): Holidays {
  let calendar = holidayCalendars.get(holidays);
  if (!calendar) {
    const HolidaysClass = createRequire(import.meta.url)('date-holidays') as typeof Holidays;
    calendar = new HolidaysClass(holidays);
    holidayCalendars.set(holidays, calendar);
  }
  return calendar;
}

/** The public holiday — or a "bank" eve Swedes take off (midsommarafton, julafton, nyårsafton) — on this day, by its name in the calendar. */
export function holidayOn(holidays: ReminderPolicy['holidays'], moment: DateTime): string | undefined {
  if (holidays === 'none') return undefined;
  const day = `${holidays} ${moment.year}-${moment.month}-${moment.day}`;
  if (holidayNames.has(day)) return holidayNames.get(day);
  const found = calendarOf(holidays).isHoliday(new Date(Date.UTC(moment.year, moment.month - 1, moment.day, 12)));
  const name = Array.isArray(found) ? found.find((h) => h.type === 'public' || h.type === 'bank')?.name : undefined;
  holidayNames.set(day, name);
  return name;
}

/** True on a day reminders do not land on: a weekend (when working days only) or a holiday. */
export function freeDayTest(policy: ReminderPolicy): (moment: DateTime) => boolean {
  return (moment) => (policy.workingDaysOnly && moment.weekday >= 6) || holidayOn(policy.holidays, moment) !== undefined;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
