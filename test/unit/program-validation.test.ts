import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, validateProgramText } from '../../src/domain/program/validate.js';
import { ROOT } from '../helpers/kohort-process.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/programs');
const IMPORTED_AT = new Date('2027-01-01T10:00:00Z');
const validate = (file: string) => validateProgramText(readFileSync(path.join(FIXTURES, file), 'utf8'), IMPORTED_AT);

const EXPECTED: Record<string, string[]> = {
  'bad-01-yaml-syntax.yaml': ['not valid YAML: Missing closing "quote (line 6)'],
  'bad-02-missing-title.yaml': ['modules[0].title: is required (line 5)'],
  'bad-03-unknown-key.yaml': ['modules[0]: Unrecognized key: "titel" (line 6)'],
  'bad-04-bad-due.yaml': ['modules[0].preparations[0].due: "5 mars kl 12" is not a date: write a date like "2026-09-24 12:00" or a day relative to import like "+21d 12:00" (line 12)'],
  'bad-05-bad-timezone.yaml': ['program.timezone: "Europe/Umea" is not an IANA time zone such as "Europe/Stockholm" (line 4)'],
  'bad-06-unknown-kind.yaml': ['modules[0].preparations[0].kind: Invalid option: expected one of "read"|"watch"|"listen"|"task"|"reflection"|"maturity_test"|"stop_doing" (line 10)'],
  'bad-07-due-after-start.yaml': ['modules[0].preparations[0].due: is after the start of its module (line 12)'],
  'bad-08-unknown-member.yaml': ['cohorts[0].teams[0].members[1]: "cecilia" is not a participant of cohort "mini-1" (line 21)'],
  'bad-09-duplicate-module.yaml': ['modules[1].number: module number 1 is used twice (line 13)'],
  'bad-10-no-such-date.yaml': ['modules[0].start: "2027-02-30 09:00" is not a real date (line 7)'],
  'bad-11-dst-gap.yaml': ['modules[0].start: "2027-03-28 02:30" does not exist in Europe/Stockholm (daylight-saving change) (line 7)'],
  'bad-12-bad-link.yaml': ['modules[0].preparations[0].links[0].url: must be an http(s) address (line 14)'],
  'bad-13-bad-key.yaml': ['modules[0].preparations[0].key: use lower-case letters, digits and dashes, e.g. "las-kapitel-1" (line 9)'],
  'bad-14-duplicate-identity.yaml': ['cohorts[0].participants[1].identities.slack: slack id "U1" already belongs to "ada" (line 19)'],
  'bad-15-empty.yaml': ['the file is empty; programs/digitalt-forst.yaml is a complete example'],
};

describe('program file validation', () => {
  it.each(Object.entries(EXPECTED))('%s is rejected with a precise message', (file, messages) => {
    const result = validate(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(formatIssue)).toEqual(messages);
  });

  it('accepts the minimal valid file and resolves times in the program zone', () => {
    const result = validate('valid-minimal.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [mod] = result.program.modules;
    // 09:00 in Stockholm on 10 March 2027 (winter time, UTC+1).
    expect(mod?.startsAt.toISOString()).toBe('2027-03-10T08:00:00.000Z');
    expect(mod?.preparations[0]?.dueAt.toISOString()).toBe('2027-03-05T11:00:00.000Z');
  });

  it('accepts the demo program and places its dates after the day of import', () => {
    const text = readFileSync(path.join(ROOT, 'programs/digitalt-forst.yaml'), 'utf8');
    const result = validateProgramText(text, IMPORTED_AT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.program.modules.map((m) => m.input.number)).toEqual([1, 2, 3, 4, 5]);
    for (const mod of result.program.modules) {
      expect(mod.startsAt.getTime()).toBeGreaterThan(IMPORTED_AT.getTime());
      for (const prep of mod.preparations) expect(prep.dueAt.getTime()).toBeGreaterThan(IMPORTED_AT.getTime());
    }
    // "+14d 09:30" from 1 January 2027 in Stockholm.
    expect(result.program.modules[0]?.startsAt.toISOString()).toBe('2027-01-15T08:30:00.000Z');
  });

  it('refuses a questionnaire that does not exist, at its line', () => {
    const text = readFileSync(path.join(ROOT, 'programs/digitalt-forst.yaml'), 'utf8').replace('questionnaire: default', 'questionnaire: nope');
    const result = validateProgramText(text, new Date('2026-08-01T10:00:00Z'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(formatIssue)).toEqual([expect.stringMatching(/^questionnaires\[0\]\.questionnaire: no questionnaire "nope" .*\(line \d+\)$/)]);
  });

  it('warns, without refusing, where a module or a deadline falls on a public holiday of the program’s calendar', () => {
    const text = (holidays: string) => `program:
  slug: jul
  name: "Jul"
  reminders: { holidays: ${holidays} }
modules:
  - number: 1
    title: "Start"
    start: "+29d 09:00"
    preparations:
      - { key: las, kind: read, title: "Läs", due: "+5d 12:00" }
  - number: 2
    title: "Fortsättning"
    start: "2027-01-20 09:00"
    preparations:
      - { key: skriv, kind: task, title: "Skriv", due: "2027-01-01 12:00" }
cohorts:
  - { slug: c, name: "C", joinCode: JUL-1, participants: [{ key: ada, name: "Ada", roles: [participant] }] }
`;
    // Imported on Thursday 26 November 2026: "+29d" is Christmas Day.
    const result = validateProgramText(text('SE'), new Date('2026-11-26T10:00:00Z'));
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.program.warnings.map(formatIssue)).toEqual([
      'modules[0].start: falls on juldagen (Fri 25 Dec 2026), a public holiday (line 8)',
      'modules[1].preparations[0].due: falls on nyårsdagen (Fri 1 Jan 2027), a public holiday (line 15)',
    ]);
    // A program without a holiday calendar has none to warn about.
    const none = validateProgramText(text('none'), new Date('2026-11-26T10:00:00Z'));
    expect(none.ok && none.program.warnings).toEqual([]);
  });
});
