// Hours a week as people type them, in Swedish or English, with the words from prompts/.
import { describe, expect, it } from 'vitest';
import { parseHours } from '../../src/domain/commitments/commitment.js';
import { hourWords } from '../../src/features/commitments/check-in.js';
import { loadTranslator } from '../../src/i18n/i18n.js';

const words = hourWords(loadTranslator());

describe('hours freed a week', () => {
  it.each([
    ['2', 2],
    ['2,5', 2.5],
    ['2.5 h', 2.5],
    ['½', 0.5],
    ['2 timmar', 2],
    ['2 timmar i veckan', 2],
    ['3h/v', 3],
    ['2 h /veckan', 2],
    ['4 timmar per v', 4],
    ['1 hour a week', 1],
    ['3 hrs per week', 3],
  ])('reads %j as %d', (typed, hours) => {
    expect(parseHours(typed, words)).toBe(hours);
  });

  it.each(['', 'abc', '2 months', '41', '-1', 'två'])('does not take %j for hours', (typed) => {
    expect(parseHours(typed, words)).toBeUndefined();
  });
});
