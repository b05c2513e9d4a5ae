// A team lead's page in the web console: for each team they lead, the same grid the
// facilitators see (only the team's members) and the team's commitments as `mitt team`
// shows them. Behind `view_team`, like `mitt team`: a lead sees the teams they lead and
// nothing else of the cohort.
import type { Ports } from '../../application/ports.js';
import { memberOf } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import { gridOf, type Grid } from '../shared/progress-grid.js';
import { teamLines } from './team.js';

export interface TeamPage {
  id: string;
  name: string;
  grid: Grid;
  /** The commitments, worded as in chat ("• Erik: ”…” – pågår"), names only where their owner allowed. */
  commitments: string[];
}

export const teamOverview = useCase('view_team', async (session, ports: Pick<Ports, 'commitments' | 'roster'>, _input: void): Promise<TeamPage[]> => {
  const lead = memberOf(session);
  const teams = await ports.commitments.ledTeams(lead.participantId);
  if (teams.length === 0) return [];
  const roster = await ports.roster.roster(lead.cohortId);
  return teams.map((team) => {
    const members = new Set(team.members.map((m) => m.id));
    const people = roster.people.filter((p) => members.has(p.id));
    return { id: team.id, name: team.name, grid: gridOf(roster, people, session.now, { state: 'all' }), commitments: teamLines(session, team) };
  });
});
