// Snooze targets and pause dates, in Europe/Stockholm, across weekends, holidays and the
// daylight-saving change; and every way a pause date can be written wrong.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicies } from '../../src/domain/reminders/ladder.js';
import { parsePause, snoozeUntil } from '../../src/domain/reminders/snooze.js';
import { pauseWords } from '../../src/features/reminders/pause.js';
import { loadTranslator } from '../../src/i18n/i18n.js';

/** The words people type, as prompts/ holds them. */
const WORDS = pauseWords(loadTranslator());

const ZONE = 'Europe/Stockholm';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const shown = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');

describe('snooze', () => {
  it('"tomorrow" is the next working morning at the end of quiet hours', () => {
    expect(shown(snoozeUntil(local('2027-09-14T10:00'), ZONE, DEFAULT_POLICY, 'tomorrow'))).toBe('Wed 2027-09-15 08:00 +02:00');
    // Friday evening: Saturday and Sunday are skipped.
    expect(shown(snoozeUntil(local('2027-09-17T17:30'), ZONE, DEFAULT_POLICY, 'tomorrow'))).toBe('Mon 2027-09-20 08:00 +02:00');
    // Saturday 30 October 2027, the night before the clocks go back: still 08:00 local on Monday.
    expect(shown(snoozeUntil(local('2027-10-30T12:00'), ZONE, DEFAULT_POLICY, 'tomorrow'))).toBe('Mon 2027-11-01 08:00 +01:00');
  });

  it('"Monday" is the first Monday after today, past a holiday when holidays are off days', () => {
    expect(shown(snoozeUntil(local('2027-09-13T10:00'), ZONE, DEFAULT_POLICY, 'monday'))).toBe('Mon 2027-09-20 08:00 +02:00');
    expect(shown(snoozeUntil(local('2027-03-24T10:00'), ZONE, DEFAULT_POLICY, 'monday'))).toBe('Mon 2027-03-29 08:00 +02:00');
    // Easter Monday 29 March 2027 is a public holiday: Tuesday instead.
    expect(shown(snoozeUntil(local('2027-03-24T10:00'), ZONE, mergePolicies({ holidays: 'SE' }), 'monday'))).toBe('Tue 2027-03-30 08:00 +02:00');
  });

  it('keeps the literal next day when weekends are allowed', () => {
    expect(shown(snoozeUntil(local('2027-09-17T10:00'), ZONE, mergePolicies({ workingDaysOnly: false }), 'tomorrow'))).toBe('Sat 2027-09-18 08:00 +02:00');
  });
});

describe('pause dates', () => {
  const now = local('2026-11-21T10:00');
  const until = (text: string) => {
    const parsed = parsePause(text, now, ZONE, WORDS);
    return parsed.kind === 'until' ? shown(parsed.until) : parsed;
  };

  it('reads ISO dates and Swedish day/month, with or without "till"/"until"', () => {
    expect(until('till 2026-12-01')).toBe('Tue 2026-12-01 00:00 +01:00');
    expect(until('until 2026-12-01')).toBe('Tue 2026-12-01 00:00 +01:00');
    expect(until('2026-12-1')).toBe('Tue 2026-12-01 00:00 +01:00');
    expect(until('till 1/12')).toBe('Tue 2026-12-01 00:00 +01:00');
    // A day/month already past this year means next year's.
    expect(until('till 15/1')).toBe('Fri 2027-01-15 00:00 +01:00');
    expect(until('till 5/4/2027')).toBe('Mon 2027-04-05 00:00 +02:00');
  });

  it('knows "off" in both languages and an empty request', () => {
    expect(parsePause('av', now, ZONE, WORDS)).toEqual({ kind: 'off' });
    expect(parsePause('off', now, ZONE, WORDS)).toEqual({ kind: 'off' });
    expect(parsePause('  ', now, ZONE, WORDS)).toEqual({ kind: 'show' });
  });

  it('refuses what is not a date, what has passed and what is more than a year away', () => {
    expect(until('till nästa vecka')).toEqual({ kind: 'invalid', problem: 'format', text: 'nästa vecka' });
    expect(until('till 2026-02-30')).toMatchObject({ kind: 'invalid', problem: 'format' });
    expect(until('till 31/2')).toMatchObject({ kind: 'invalid', problem: 'format' });
    expect(until('till 2026-11-21')).toEqual({ kind: 'invalid', problem: 'past', text: '2026-11-21' });
    expect(until('till 2026-11-01')).toMatchObject({ kind: 'invalid', problem: 'past' });
    expect(until('till 2028-01-01')).toMatchObject({ kind: 'invalid', problem: 'too_far' });
  });
});
