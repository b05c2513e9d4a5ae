// The rules behind the console's overview, pure: the grid's cells and state filter, who
// counts as unreachable or never connected, and that a reminder a facilitator asked for
// survives planning again (it is not a ladder step) unless the item is done.
import { describe, expect, it } from 'vitest';
import type { PendingMessage } from '../../src/domain/outbox.js';
import { askedKey, planFor, type PlanProgram } from '../../src/domain/reminders/plan.js';
import type { CohortRoster, ReachFacts } from '../../src/domain/reminders/roster.js';
import { reachabilityOf } from '../../src/features/reminders/reach.js';
import { gridOf } from '../../src/features/shared/progress-grid.js';

const NOW = new Date('2027-03-10T10:00:00Z');
const before = new Date('2027-03-01T10:00:00Z');
const after = new Date('2027-03-20T10:00:00Z');

const roster: CohortRoster = {
  people: [
    { id: 'a', name: 'Ada', groupIds: [], teamIds: [] },
    { id: 'b', name: 'Bo', groupIds: [], teamIds: [] },
    { id: 'c', name: 'Cecilia', groupIds: [], teamIds: [] },
  ],
  modules: [
    { number: 1, title: 'Start', startsAt: after, preparations: [{ id: 'p1', title: 'Read', dueAt: before, doneBy: ['a'] }] },
    { number: 2, title: 'Empty', startsAt: after, preparations: [] },
    { number: 3, title: 'Later', startsAt: after, preparations: [{ id: 'p3', title: 'Write', dueAt: after, doneBy: ['a', 'b'] }] },
  ],
  groups: [],
  teams: [],
};

describe('the grid', () => {
  it('marks done, late and not yet, leaves out modules without preparations, and filters by state and module', () => {
    const all = gridOf(roster, roster.people, NOW, { state: 'all' });
    expect(all.modules.map((m) => m.number)).toEqual([1, 3]);
    expect(all.rows.map((r) => [r.name, ...r.cells])).toEqual([
      ['Ada', 'done', 'done'],
      ['Bo', 'late', 'done'],
      ['Cecilia', 'late', 'not_yet'],
    ]);
    expect(gridOf(roster, roster.people, NOW, { state: 'late' }).rows.map((r) => r.name)).toEqual(['Bo', 'Cecilia']);
    expect(gridOf(roster, roster.people, NOW, { state: 'not_done', module: 3 }).rows.map((r) => [r.name, ...r.cells])).toEqual([['Cecilia', 'not_yet']]);
  });
});

describe('who cannot be reached', () => {
  const facts = (over: Partial<ReachFacts>): ReachFacts => ({ participantId: over.name ?? 'x', name: 'x', hasEmail: false, identities: [], lastWrote: undefined, lastFailure: undefined, ...over });

  it('lists a refused identity, a failure about the person they have not written since, and who never wrote', () => {
    const { unreachable, neverConnected } = reachabilityOf([
      facts({ name: 'Lost', identities: [{ platform: 'teams', unreachableSince: before }], lastWrote: before, lastFailure: { reason: 'forbidden', kind: 'reminder', at: before } }),
      facts({ name: 'NoPlatform', hasEmail: true, lastFailure: { reason: 'no_platform', kind: 'reminder', at: before } }),
      facts({ name: 'WroteSince', identities: [{ platform: 'slack', unreachableSince: null }], lastWrote: NOW, lastFailure: { reason: 'not_found', kind: 'reminder', at: before } }),
      // kohort's own trouble (its key, a platform not configured) says nothing about the person.
      facts({ name: 'OurFault', identities: [{ platform: 'slack', unreachableSince: null }], lastWrote: before, lastFailure: { reason: 'unauthorized', kind: 'nudge', at: NOW } }),
      facts({ name: 'Silent', identities: [{ platform: 'slack', unreachableSince: null }] }),
      facts({ name: 'EmailOnly', hasEmail: true }),
    ]);
    expect(unreachable.map((u) => [u.name, u.platform, u.reason])).toEqual([
      ['Lost', 'teams', 'forbidden'],
      ['NoPlatform', undefined, 'no_platform'],
    ]);
    expect(neverConnected.map((n) => [n.name, n.knownOn, n.hasEmail])).toEqual([
      ['Silent', ['slack'], false],
      ['EmailOnly', [], true],
    ]);
  });
});

describe('a reminder a facilitator asked for', () => {
  const program: PlanProgram = { zone: 'Europe/Stockholm', policy: { ladder: [] }, modules: [{ id: 'm1', startsAt: after, preparations: [{ id: 'p1', dueAt: after, tracked: true, policy: null }] }] };
  const asked: PendingMessage = {
    id: 'row',
    idempotencyKey: askedKey('a', 'p1', '2027-03-10'),
    kind: 'reminder',
    participantId: 'a',
    dueAt: NOW,
    payload: { preparationId: 'p1', step: 'asked@2027-03-10' },
  };
  const person = (done: string[]) => ({ id: 'a', cohortId: 'c', policy: null, pausedUntil: null, done: new Set(done) });

  it('is kept when planning again, and cancelled once the item is done', () => {
    expect(planFor(program, [person([])], [asked], NOW).cancel).toEqual([]);
    expect(planFor(program, [person(['p1'])], [asked], NOW).cancel).toEqual([{ id: 'row', reason: 'done' }]);
  });
});
