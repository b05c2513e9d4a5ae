import { describe, expect, it } from 'vitest';
import { authorize, CAPABILITIES, can, type Capability, type Role } from '../../src/domain/roles.js';

// The whole matrix, written out: a change to who may do what must change this table.
const ALLOWED: Record<Capability, (Role | 'visitor')[]> = {
  help: ['visitor', 'participant', 'team_lead', 'facilitator', 'admin'],
  join: ['visitor', 'participant', 'team_lead', 'facilitator', 'admin'],
  language: ['visitor', 'participant', 'team_lead', 'facilitator', 'admin'],
  status: ['participant', 'team_lead', 'facilitator', 'admin'],
  my_data: ['participant', 'team_lead', 'facilitator', 'admin'],
  forget_me: ['participant', 'team_lead', 'facilitator', 'admin'],
  mark_done: ['participant'],
  pause_reminders: ['participant'],
  maturity_test: ['participant'],
  stop_doing: ['participant', 'team_lead'],
  view_team: ['team_lead'],
  nudge_team: ['team_lead'],
  view_cohort: ['facilitator', 'admin'],
  remind_cohort: ['facilitator'],
  broadcast: ['facilitator'],
  summarize: ['facilitator'],
  import_program: ['facilitator', 'admin'],
  export_cohort: ['facilitator', 'admin'],
  manage_people: ['facilitator', 'admin'],
  manage_facilitators: ['admin'],
  person_data: ['admin'],
  open_console: ['team_lead', 'facilitator', 'admin'],
};

const WHO: [Role | 'visitor', Role[]][] = [
  ['visitor', []],
  ['participant', ['participant']],
  ['team_lead', ['team_lead']],
  ['facilitator', ['facilitator']],
  ['admin', ['admin']],
];

describe('authorisation matrix', () => {
  it('covers every capability', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...CAPABILITIES].sort());
  });

  for (const capability of CAPABILITIES) {
    for (const [who, roles] of WHO) {
      const allowed = ALLOWED[capability].includes(who);
      it(`${who} ${allowed ? 'may' : 'may not'} ${capability}`, () => {
        expect(can(roles, capability)).toBe(allowed);
        if (allowed) expect(() => authorize(roles, capability)).not.toThrow();
        else expect(() => authorize(roles, capability)).toThrow(expect.objectContaining({ code: 'not_authorised' }));
      });
    }
  }

  it('gives a person with several roles the union of them', () => {
    expect(can(['participant', 'team_lead'], 'view_team')).toBe(true);
    expect(can(['participant', 'team_lead'], 'broadcast')).toBe(false);
  });
});
