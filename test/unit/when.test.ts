import { describe, expect, it } from 'vitest';
import { resolveWhen } from '../../src/domain/program/when.js';

const ctx = (importedAt: string) => ({ zone: 'Europe/Stockholm', importedAt: new Date(importedAt), defaultTime: { hour: 23, minute: 59 } });

describe('resolveWhen', () => {
  it('reads local wall-clock time on both sides of the daylight-saving changes', () => {
    expect(resolveWhen('2026-03-28 09:00', ctx('2026-01-01T00:00:00Z'))).toEqual(new Date('2026-03-28T08:00:00Z'));
    expect(resolveWhen('2026-03-30 09:00', ctx('2026-01-01T00:00:00Z'))).toEqual(new Date('2026-03-30T07:00:00Z'));
    expect(resolveWhen('2026-10-24 09:00', ctx('2026-01-01T00:00:00Z'))).toEqual(new Date('2026-10-24T07:00:00Z'));
    expect(resolveWhen('2026-10-26 09:00', ctx('2026-01-01T00:00:00Z'))).toEqual(new Date('2026-10-26T08:00:00Z'));
  });

  it('counts relative days on the local calendar, so 09:00 stays 09:00 across a change', () => {
    // Imported late on Saturday 24 October 2026 (summer time); +2d lands after the change.
    expect(resolveWhen('+2d 09:00', ctx('2026-10-24T21:30:00Z'))).toEqual(new Date('2026-10-26T08:00:00Z'));
  });

  it('uses the default time for a bare date and rejects times that do not exist', () => {
    expect(resolveWhen('2026-09-24', ctx('2026-01-01T00:00:00Z'))).toEqual(new Date('2026-09-24T21:59:00Z'));
    expect(resolveWhen('2026-03-29 02:30', ctx('2026-01-01T00:00:00Z'))).toMatch(/does not exist/);
    expect(resolveWhen('2026-09-24 24:00', ctx('2026-01-01T00:00:00Z'))).toMatch(/no such time/);
    expect(resolveWhen('tomorrow', ctx('2026-01-01T00:00:00Z'))).toMatch(/is not a date/);
  });
});
