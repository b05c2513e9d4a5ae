// The questionnaire format and kohort's default question bank: the bank validates, covers
// the eleven key factors with two to four statements each plus a closing free-text
// question, and every text exists in Swedish and English. Broken files name path and line.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire, validateQuestionnaireText } from '../../src/domain/questionnaire/load.js';
import { formatIssue } from '../../src/domain/yaml-file.js';

const issuesOf = (text: string) => {
  const result = validateQuestionnaireText(text);
  return result.ok ? [] : result.issues.map(formatIssue);
};

const MINIMAL = `key: mini
version: 1
title: { sv: "Mini", en: "Mini" }
scale:
  labels: [{ sv: a, en: a }, { sv: b, en: b }, { sv: c, en: c }, { sv: d, en: d }, { sv: e, en: e }]
dimensions:
  - { key: d1, title: { sv: "D1", en: "D1" }, suggestion: { sv: "Gör x", en: "Do x" } }
questions:
  - { key: q1, dimension: d1, text: { sv: "Påstående", en: "Statement" } }
`;

describe('the default question bank', () => {
  const bank = loadQuestionnaire('default');

  it('covers the eleven key factors with two to four statements each, and ends with free text', () => {
    expect(bank.dimensions.map((d) => d.key)).toEqual([
      'arbetsprocesser',
      'delaktighet',
      'infrastruktur',
      'juridik-sakerhet',
      'kommunikation',
      'kompetens',
      'ledarskap',
      'malbild',
      'nyttodriven',
      'organisation-kultur',
      'styrning',
    ]);
    for (const dimension of bank.dimensions) {
      const count = bank.questions.filter((q) => q.dimension === dimension.key && q.type === 'scale').length;
      expect(count, dimension.key).toBeGreaterThanOrEqual(2);
      expect(count, dimension.key).toBeLessThanOrEqual(4);
    }
    expect(bank.questions).toHaveLength(30);
    expect(bank.questions.at(-1)).toMatchObject({ type: 'text', skippable: true });
  });

  it('has every text in Swedish and English, and no two statements alike', () => {
    const texts = [bank.title, bank.intro!, ...bank.scale.labels, ...bank.dimensions.flatMap((d) => [d.title, d.suggestion]), ...bank.questions.map((q) => q.text)];
    for (const t of texts) {
      expect(t.sv.trim().length).toBeGreaterThan(0);
      expect(t.en.trim().length).toBeGreaterThan(0);
      expect(t.sv).not.toBe(t.en);
    }
    expect(new Set(bank.questions.map((q) => q.text.sv)).size).toBe(bank.questions.length);
    expect(new Set(bank.questions.map((q) => q.text.en)).size).toBe(bank.questions.length);
  });
});

describe('questionnaire validation', () => {
  it('accepts a minimal file', () => {
    expect(issuesOf(MINIMAL)).toEqual([]);
  });

  it('refuses a missing translation, an unknown key and a bad reference, naming the line', () => {
    expect(issuesOf(MINIMAL.replace('{ sv: "Påstående", en: "Statement" }', '{ sv: "Påstående" }'))).toEqual(['questions[0].text.en: is required (line 9)']);
    expect(issuesOf(MINIMAL.replace('dimension: d1,', 'dimension: d2,'))).toEqual([
      'questions[0].dimension: no dimension "d2"; known: d1 (line 9)',
      'dimensions[0]: dimension "d1" has no scale question (line 7)',
    ]);
    expect(issuesOf(MINIMAL.replace('version: 1', 'version: 1\nowner: me'))).toEqual(['Unrecognized key: "owner" (line 3)']);
    expect(issuesOf(MINIMAL.replace('{ sv: e, en: e }', ''))[0]).toContain('a scale has five steps');
  });

  it('refuses a choice without options, duplicate keys and a dimension without questions', () => {
    const bad = `${MINIMAL}  - { key: q1, dimension: d1, type: choice, text: { sv: "Val", en: "Choice" } }\n`.replace(
      '  - { key: d1,',
      '  - { key: d0, title: { sv: "D0", en: "D0" }, suggestion: { sv: "s", en: "s" } }\n  - { key: d1,',
    );
    expect(issuesOf(bad)).toEqual([
      'questions[1].key: "q1" is used twice (line 11)',
      'questions[1].options: a choice question needs options (line 11)',
      'dimensions[0]: dimension "d0" has no scale question (line 7)',
    ]);
  });

  it('names an unknown questionnaire clearly', () => {
    expect(() => loadQuestionnaire('nope')).toThrow(/no questionnaire "nope"/);
    expect(() => loadQuestionnaire('../etc/passwd')).toThrow(/no questionnaire/);
  });
});
