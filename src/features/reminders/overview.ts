// The cohort at a glance (facilitators, in the web console): people × tracked preparations,
// module by module — done, late (deadline passed) or not yet — filtered by module, group,
// team and state, and the next deadlines with how many are not done. The use case returns
// data; the console draws it. A team lead's page draws the same grid for their team only
// (see commitments/team-page.ts); the cell rule lives once, in shared/progress-grid.ts.
import type { Ports } from '../../application/ports.js';
import { memberOf } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import type { CohortRoster, RosterPerson } from '../../domain/reminders/roster.js';
import { gridOf, type Grid } from '../shared/progress-grid.js';

export type { Cell, Grid } from '../shared/progress-grid.js';

export const STATE_FILTERS = ['all', 'late', 'not_done'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface OverviewFilter {
  module?: number;
  group?: string;
  team?: string;
  state: StateFilter;
}

export interface Deadline {
  preparationId: string;
  title: string;
  moduleNumber: number;
  dueAt: Date;
  notDone: number;
  total: number;
}

export interface CohortOverview {
  grid: Grid;
  /** Everyone in the cohort (not only the filtered rows). */
  participants: number;
  /** The next preparations due, earliest first, counted over the whole cohort. */
  nextDeadlines: Deadline[];
  /** Every tracked preparation with its not-done count, for the reminder's choice. */
  preparations: Deadline[];
  modules: { number: number; title: string }[];
  groups: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  /** Filter values that name nothing in this cohort (ignored). */
  unknown: ('module' | 'group' | 'team')[];
}

/** How many upcoming deadlines the overview lists. */
export const NEXT_DEADLINES = 4;

/** Every tracked preparation with how many of these people have not done it, earliest due first. */
export function deadlinesOf(roster: CohortRoster, people: readonly RosterPerson[]): Deadline[] {
  const ids = new Set(people.map((p) => p.id));
  return roster.modules
    .flatMap((m) =>
      m.preparations.map((p) => {
        const done = p.doneBy.filter((id) => ids.has(id)).length;
        return { preparationId: p.id, title: p.title, moduleNumber: m.number, dueAt: p.dueAt, notDone: ids.size - done, total: ids.size };
      }),
    )
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export const cohortOverview = useCase('view_cohort', async (session, ports: Pick<Ports, 'roster'>, filter: OverviewFilter): Promise<CohortOverview> => {
  const roster = await ports.roster.roster(memberOf(session).cohortId, session.locale);
  const unknown: CohortOverview['unknown'] = [];
  const known = <T>(name: 'module' | 'group' | 'team', value: T | undefined, exists: (v: T) => boolean): T | undefined => {
    if (value === undefined || exists(value)) return value;
    unknown.push(name);
    return undefined;
  };
  const module = known('module', filter.module, (n) => roster.modules.some((m) => m.number === n && m.preparations.length > 0));
  const group = known('group', filter.group, (id) => roster.groups.some((g) => g.id === id));
  const team = known('team', filter.team, (id) => roster.teams.some((t) => t.id === id));
  const people = roster.people.filter((p) => (group === undefined || p.groupIds.includes(group)) && (team === undefined || p.teamIds.includes(team)));
  const preparations = deadlinesOf(roster, roster.people);
  return {
    grid: gridOf(roster, people, session.now, { module, state: filter.state }),
    participants: roster.people.length,
    nextDeadlines: preparations.filter((d) => d.dueAt > session.now).slice(0, NEXT_DEADLINES),
    preparations,
    modules: roster.modules.filter((m) => m.preparations.length > 0).map(({ number, title }) => ({ number, title })),
    groups: roster.groups,
    teams: roster.teams,
    unknown,
  };
});
