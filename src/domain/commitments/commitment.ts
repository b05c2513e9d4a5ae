// Stop-doing commitments: the rules that hold wherever a commitment is written or shown.
import type { LadderStep } from '../reminders/ladder.js';

export const MAX_TEXT = 280;
export const MAX_REASON = 500;
export const MAX_NOTE = 1000;
/** Hours a week a person can say a commitment freed: 0–40, in half hours. */
export const MAX_HOURS = 40;

export const COMMITMENT_STATUSES = ['active', 'done', 'partly', 'not_yet', 'dropped', 'withdrawn'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const CHECK_IN_STATUSES = ['done', 'partly', 'not_yet', 'dropped'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];
export type Scope = 'personal' | 'team';
/** named: may be shown with the owner's name; counted: only ever counted, never named. */
export type Visibility = 'named' | 'counted';

/**
 * Follow-ups before the module: five days before, and one more nudge two days before if
 * unanswered — far enough apart that moving off a weekend never lands both on one day.
 */
export const DEFAULT_FOLLOW_UP: LadderStep[] = [
  { daysBefore: 5, at: '09:00' },
  { daysBefore: 2, at: '09:00' },
];

/** A commitment needs a little time to be tried: the module it is followed up at is at least a week away. */
const MIN_DAYS_TO_TRY = 7;

export type TextProblem = 'empty' | 'too_long';

export function checkText(text: string, max = MAX_TEXT): TextProblem | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'empty';
  if ([...trimmed].length > max) return 'too_long';
  return undefined;
}

/** The module a new commitment is followed up at: the first at least a week away, else the next one. */
export function followUpModule<T extends { startsAt: Date }>(modules: T[], now: Date): T | undefined {
  const upcoming = modules.filter((m) => m.startsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return upcoming.find((m) => m.startsAt.getTime() - now.getTime() >= MIN_DAYS_TO_TRY * 86_400_000) ?? upcoming[0];
}

/** The words people type around a number of hours ("timmar", "i veckan"); kept in prompts/. */
export interface HourWords {
  units: readonly string[];
  /** "i", "per", "/", "a" … before a word for week ("v", "veckan", "week"). */
  perWeekPrefixes: readonly string[];
  weeks: readonly string[];
}

const longestFirst = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);

/** "2", "2,5", "2.5 h", "2 timmar i veckan", "½" → hours a week; undefined when it is not a number in range. */
export function parseHours(text: string, words: HourWords): number | undefined {
  let cleaned = text.trim().toLowerCase().replace('½', '.5').replace(',', '.').replace(/\.$/, '').replace(/\s+/g, ' ');
  // "i veckan", "/v", "per week": a prefix and a week word, with or without a space between.
  const perWeek = words.perWeekPrefixes.flatMap((prefix) => words.weeks.flatMap((week) => [`${prefix} ${week}`, `${prefix}${week}`]));
  const suffix = longestFirst(perWeek).find((candidate) => cleaned.endsWith(candidate));
  if (suffix) cleaned = cleaned.slice(0, -suffix.length).trim();
  const unit = longestFirst(words.units).find((suffix) => cleaned.endsWith(suffix));
  if (unit) cleaned = cleaned.slice(0, -unit.length).trim();
  if (!/^\d*\.?\d+$/.test(cleaned)) return undefined;
  const hours = Math.round(Number(cleaned) * 2) / 2;
  return hours >= 0 && hours <= MAX_HOURS ? hours : undefined;
}
