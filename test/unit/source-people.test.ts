// The stored program file follows the console's changes to people (domain/program/source-people.ts):
// an entry is added or rewritten with its groups and team, fields the console does not edit
// are kept, and a team never loses its last lead (the file would no longer be valid).
import { describe, expect, it } from 'vitest';
import { withJoinCode, withPerson, type SourcePerson } from '../../src/domain/program/source-people.js';

const file: unknown = {
  program: { slug: 'p' },
  cohorts: [
    {
      slug: 'c',
      joinCode: 'OLD-CODE',
      groups: [
        { key: 'g1', name: 'G1', members: ['anna'] },
        { key: 'g2', name: 'G2', members: [] },
      ],
      teams: [
        { key: 't', name: 'T', leads: ['anna'], members: ['erik'] },
        { key: 'u', name: 'U', leads: ['erik'], members: ['anna'] },
      ],
      participants: [
        { key: 'anna', name: 'Anna', roles: ['participant', 'team_lead'], identities: { slack: 'U1' } },
        { key: 'erik', name: 'Erik', email: 'erik@example.se', roles: ['participant'] },
      ],
    },
    { slug: 'other', joinCode: 'OTHER', participants: [] },
  ],
};
type Cohort = { joinCode: string; groups: { members: string[] }[]; teams: { leads: string[]; members: string[] }[]; participants: Record<string, unknown>[] };
type File = { cohorts: Cohort[] };
const cohort = (source: unknown) => (source as File).cohorts[0]!;
const person = (over: Partial<SourcePerson>): SourcePerson => ({ key: 'karin', name: 'Karin', email: null, locale: null, roles: ['participant'], groups: [], teams: [], ...over });

describe('the stored program file follows the console', () => {
  it('adds a person with their groups and team, and touches no other cohort', () => {
    const next = withPerson(file, 'c', person({ email: 'k@example.se', locale: 'en', groups: ['g2'], teams: [{ key: 't', lead: false }] }));
    expect(cohort(next).participants.at(-1)).toEqual({ key: 'karin', name: 'Karin', email: 'k@example.se', locale: 'en', roles: ['participant'] });
    expect(cohort(next).groups.map((g) => g.members)).toEqual([['anna'], ['karin']]);
    expect(cohort(next).teams[0]!).toMatchObject({ leads: ['anna'], members: ['erik', 'karin'] });
    expect(cohort(next).teams[1]!).toMatchObject({ leads: ['erik'], members: ['anna'] });
    expect((next as File).cohorts[1]).toBe((file as File).cohorts[1]);
  });

  it('rewrites an entry, keeping what the console does not edit and dropping a cleared e-mail', () => {
    const next = withPerson(file, 'c', person({ key: 'erik', name: 'Erik N', groups: ['g1'], teams: [{ key: 't', lead: true }], roles: ['participant', 'team_lead'] }));
    expect(cohort(next).participants[1]!).toEqual({ key: 'erik', name: 'Erik N', roles: ['participant', 'team_lead'] });
    expect(cohort(next).teams[0]!).toMatchObject({ leads: ['anna', 'erik'], members: [] });
    // Erik left team u, which he was the only lead of: the file keeps him as its lead so it stays valid.
    expect(cohort(next).teams[1]!).toMatchObject({ leads: ['erik'], members: ['anna'] });
    const anna = withPerson(file, 'c', person({ key: 'anna', name: 'Anna', groups: [], teams: [] }));
    expect(cohort(anna).participants[0]!).toMatchObject({ identities: { slack: 'U1' } });
    // Anna left the team, but she was its only lead: the file keeps her as lead so it stays valid.
    expect(cohort(anna).teams[0]!).toMatchObject({ leads: ['anna'], members: ['erik'] });
    expect(cohort(anna).groups[0]!.members).toEqual([]);
  });

  it('keeps a person in all their teams, leading the one they lead', () => {
    const next = withPerson(
      file,
      'c',
      person({
        key: 'anna',
        name: 'Anna B',
        roles: ['participant', 'team_lead'],
        teams: [
          { key: 't', lead: true },
          { key: 'u', lead: false },
        ],
      }),
    );
    expect(cohort(next).teams).toEqual(cohort(file).teams);
    expect(cohort(next).participants[0]!).toMatchObject({ name: 'Anna B', identities: { slack: 'U1' } });
    const left = withPerson(file, 'c', person({ key: 'anna', name: 'Anna', roles: ['participant', 'team_lead'], teams: [{ key: 't', lead: true }] }));
    expect(cohort(left).teams.map((t) => [t.leads, t.members])).toEqual([
      [['anna'], ['erik']],
      [['erik'], []],
    ]);
  });

  it('changes the join code of one cohort', () => {
    const next = withJoinCode(file, 'c', 'NEW-CODE') as File;
    expect(next.cohorts.map((c) => c.joinCode)).toEqual(['NEW-CODE', 'OTHER']);
  });
});
