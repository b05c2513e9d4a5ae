// The plain reflection digest and the summary timing, without a database.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/reminders/ladder.js';
import { digestQuestion, themes } from '../../src/domain/summaries/digest.js';
import { planSummaries, summaryDueAt } from '../../src/domain/summaries/plan.js';
import { digestPrompt } from '../../src/gateways/llm-digest.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const answer = (participantId: string, text: string, quoteAllowed = false) => ({ participantId, answer: text, quoteAllowed });

describe('reflection digest', () => {
  it('quotes only allowed answers, shortened, at most three', () => {
    const long = `Början ${'ord '.repeat(100)}slut`;
    const digest = digestQuestion('Vad håller du med om?', [answer('a', 'Privat svar'), answer('b', long, true), answer('c', 'Två', true), answer('d', 'Tre', true), answer('e', 'Fyra', true)], 6, 3);
    expect(digest).toMatchObject({ answered: 5, of: 6 });
    expect(digest.quotes).toHaveLength(3);
    expect(digest.quotes[0]!.length).toBeLessThanOrEqual(280);
    expect(digest.quotes[0]!.endsWith('…')).toBe(true);
    expect(digest.quotes.join()).not.toContain('Privat');
  });

  it('quotes nobody and names no theme where fewer than the threshold answered: the only answer is known to be its writer’s', () => {
    const alone = digestQuestion('Vad håller du med om?', [answer('a', 'Kompetensen påverkas mest', true)], 3, 3);
    expect(alone).toMatchObject({ answered: 1, of: 3, quotes: [], themes: [], withheld: true });
    const two = digestQuestion('Vad?', [answer('a', 'Skolan är viktig', true), answer('b', 'Skolan igen', true)], 3, 3);
    expect(two).toMatchObject({ quotes: [], themes: [], withheld: true });
    const three = digestQuestion('Vad?', [answer('a', 'Skolan är viktig', true), answer('b', 'Skolan igen', true), answer('c', 'Något annat')], 3, 3);
    expect(three).toMatchObject({ quotes: ['Skolan är viktig', 'Skolan igen'], themes: ['skolan'], withheld: false });
  });

  it('finds themes only in words two or more people used, leaving stopwords and the question out', () => {
    const found = themes(
      [
        answer('a', 'Samverkan med skolan är viktig, och samverkan igen'),
        answer('a', 'Samverkan samverkan'),
        answer('b', 'Skolan och samverkan behövs'),
        answer('c', 'Budgeten är för liten och skolan'),
      ],
      'Vad är viktig samverkan?',
    );
    expect(found).toEqual(['skolan']);
    expect(themes([answer('a', 'Budget budget budget'), answer('a', 'budget')])).toEqual([]);
  });
});

describe('summary timing', () => {
  const schedule = (policy = DEFAULT_POLICY) => ({
    programId: 'p',
    zone: 'Europe/Stockholm',
    daysBefore: 2,
    at: '09:00',
    policy,
    modules: [
      { id: 'm1', number: 1, title: 'Ett', startsAt: local('2027-03-29T09:30'), place: null },
      { id: 'm2', number: 2, title: 'Två', startsAt: local('2027-01-12T09:30'), place: null },
    ],
    channels: [
      { id: 'c1', cohortId: 'k', groupId: null, platform: 'slack' as const, channelId: 'C1', name: null },
      { id: 'c2', cohortId: 'k', groupId: 'g', platform: 'teams' as const, channelId: '19:x', name: null },
    ],
  });

  it('moves off weekends and holidays when the program works on working days', () => {
    const working = { ...DEFAULT_POLICY, workingDaysOnly: true, holidays: 'SE' as const };
    expect(summaryDueAt(local('2027-03-29T09:30'), 'Europe/Stockholm', 2, '09:00', working)).toEqual(local('2027-03-25T09:00'));
    expect(summaryDueAt(local('2027-03-29T09:30'), 'Europe/Stockholm', 2, '09:00', { ...working, holidays: 'none' })).toEqual(local('2027-03-26T09:00'));
    expect(summaryDueAt(local('2027-03-29T09:30'), 'Europe/Stockholm', 2, '09:00', { ...working, workingDaysOnly: false, holidays: 'none' })).toEqual(local('2027-03-27T09:00'));
  });

  it('plans one row per channel for each module still ahead, with stable keys', () => {
    const rows = planSummaries(schedule(), local('2027-01-11T10:00'));
    expect(rows.map((r) => r.idempotencyKey)).toEqual(['summary:c1:m1', 'summary:c2:m1']);
    expect(rows[1]!.payload).toEqual({ channel: { id: 'c2', platform: 'teams', channelId: '19:x' }, moduleId: 'm1' });
  });
});

describe('language-model prompt', () => {
  it('holds only the quotable answers and never reads them as placeholders', () => {
    const prompt = digestPrompt(
      {
        locale: 'sv',
        moduleTitle: 'Modul {answers}',
        questions: [
          { question: 'Vad?', quotes: ['Svar med $& och {module}'] },
          { question: 'Utan citat?', quotes: [] },
        ],
      },
      'M: {module}\n{answers}',
    );
    expect(prompt).toBe('M: Modul {answers}\n## Vad?\n- Svar med $& och {module}');
  });
});
