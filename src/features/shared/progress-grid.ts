// People × tracked preparations, module by module: done, late (its deadline passed) or not
// yet. One rule for the facilitators' overview and a team lead's page of their team.
import type { CohortRoster, RosterPerson } from '../../domain/reminders/roster.js';

export type Cell = 'done' | 'late' | 'not_yet';

export interface Grid {
  modules: { number: number; title: string; preparations: { id: string; title: string; dueAt: Date }[] }[];
  rows: { id: string; name: string; cells: Cell[] }[];
}

/** The grid of these people over the roster's preparations (only the chosen module's, when one is). */
export function gridOf(roster: CohortRoster, people: readonly RosterPerson[], now: Date, filter: { module?: number; state: 'all' | 'late' | 'not_done' }): Grid {
  const modules = roster.modules
    .filter((m) => m.preparations.length > 0 && (filter.module === undefined || m.number === filter.module))
    .map((m) => ({ number: m.number, title: m.title, preparations: m.preparations }));
  const preparations = modules.flatMap((m) => m.preparations);
  const done = new Map(roster.modules.flatMap((m) => m.preparations.map((p) => [p.id, new Set(p.doneBy)] as const)));
  const rows = people
    .map((person) => ({
      id: person.id,
      name: person.name,
      cells: preparations.map((p): Cell => (done.get(p.id)?.has(person.id) ? 'done' : p.dueAt <= now ? 'late' : 'not_yet')),
    }))
    .filter((row) => filter.state === 'all' || row.cells.some((c) => (filter.state === 'late' ? c === 'late' : c !== 'done')));
  return { modules: modules.map((m) => ({ ...m, preparations: m.preparations.map(({ id, title, dueAt }) => ({ id, title, dueAt })) })), rows };
}
