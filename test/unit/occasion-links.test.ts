// A maturity_test preparation stands for one test occasion: the one the file names, else
// the last that opens by its due time. Anything else is an error with its line, at import.
import { describe, expect, it } from 'vitest';
import { formatIssue, validateProgramText } from '../../src/domain/program/validate.js';

const IMPORTED_AT = new Date('2027-01-01T10:00:00Z');
const program = (preparations: string) => `program:
  slug: mini
  name: "Mini program"
modules:
  - number: 1
    title: "Start"
    start: "2027-03-10 09:00"
    preparations:
${preparations}
questionnaires:
  - key: mognad
    questionnaire: default
    occasions:
      - { key: forst, title: "Först", opens: "2027-01-01", closes: "2027-02-01 12:00" }
      - { key: sedan, title: "Sedan", opens: "2027-02-15", closes: "2027-03-31 12:00" }
cohorts:
  - slug: mini-1
    name: "Mini cohort"
    joinCode: MINI-1
    participants:
      - { key: ada, name: "Ada", roles: [participant] }
`;
const validate = (preparations: string) => validateProgramText(program(preparations), IMPORTED_AT);
const occasionOf = (preparations: string) => {
  const result = validate(preparations);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.program.modules[0]!.preparations.map((p) => p.occasionKey);
};

describe('the test occasion of a maturity_test preparation', () => {
  it('is the last occasion open by its due time, or the one the file names', () => {
    expect(occasionOf('      - { key: t1, kind: maturity_test, title: "Testet", due: "2027-01-20 12:00" }')).toEqual(['forst']);
    expect(occasionOf('      - { key: t1, kind: maturity_test, title: "Testet" }')).toEqual(['sedan']);
    expect(occasionOf('      - { key: t1, kind: maturity_test, title: "Testet", occasion: forst }')).toEqual(['forst']);
    expect(occasionOf('      - { key: r1, kind: read, title: "Läs" }')).toEqual([null]);
  });

  it('is an error, with its line, when the named occasion does not exist, none has opened, or the preparation is no test', () => {
    const issues = (preparations: string) => {
      const result = validate(preparations);
      return result.ok ? [] : result.issues.map(formatIssue);
    };
    expect(issues('      - { key: t1, kind: maturity_test, title: "Testet", occasion: sist }')).toEqual([
      'modules[0].preparations[0].occasion: "sist" is not an occasion of the program\'s questionnaires (forst, sedan) (line 9)',
    ]);
    expect(issues('      - { key: t1, kind: maturity_test, title: "Testet", due: "2026-12-01 12:00" }')).toEqual([
      'modules[0].preparations[0]: no test occasion opens by its due time: name one with `occasion:` (line 9)',
    ]);
    expect(issues('      - { key: r1, kind: read, title: "Läs", occasion: forst }')).toEqual(['modules[0].preparations[0].occasion: only a maturity_test preparation has a test occasion (line 9)']);
  });
});
