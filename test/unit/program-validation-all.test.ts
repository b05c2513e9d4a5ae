// `program validate` names every error it can find in one run: a part the schema refuses is
// left out of the later checks, but the parts that pass it on their own are still checked
// for dates, zones and references (a facilitator fixes a file in one go, not round by round).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, validateProgramText } from '../../src/domain/program/validate.js';
import { ROOT } from '../helpers/kohort-process.js';

const IMPORTED_AT = new Date('2027-01-01T10:00:00Z');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const issues = (text: string) => {
  const result = validateProgramText(text, IMPORTED_AT);
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe('program file validation, all at once', () => {
  it('reports schema errors together with the zone, date and reference errors of the parts that passed', () => {
    expect(issues(read('test/fixtures/programs/several-errors.yaml'))).toEqual([
      'modules[0]: Unrecognized key: "plats" (line 11)',
      'cohorts[0].participants[0].email: Invalid email address (line 20)',
      'program.timezone: "Europe/Umea" is not an IANA time zone such as "Europe/Stockholm" (line 6)',
      'modules[1].start: "2027-02-30 09:00" is not a real date (line 14)',
      'cohorts[1].teams[0].members[0]: "cecilia" is not a participant of cohort "second" (line 27)',
    ]);
  });

  it('still checks the questionnaires of a file whose program header is broken', () => {
    const text = read('programs/digitalt-forst.yaml')
      .replace(/^ {2}slug: .*$/m, '  slug: Not A Key')
      .replace('questionnaire: default', 'questionnaire: nope');
    expect(issues(text)).toEqual([
      expect.stringMatching(/^program\.slug: use lower-case letters/),
      expect.stringMatching(/^questionnaires\[0\]\.questionnaire: no questionnaire "nope" .*\(line \d+\)$/),
    ]);
  });
});
