// `mitt team` / `my team` (team leads): the commitments in the teams I lead, with status
// and last check-in, and a nudge for one person or the whole team. A commitment its owner
// keeps "only counted" is never shown with a name here: a personal one is only counted, a
// team decision shows its text without the name. A lead sees only the teams they lead.
import type { Section } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { answer, refuse, say, type Reply } from '../../application/reply.js';
import { memberOf, sessionFor, type Session } from '../../application/session.js';
import type { CommitmentWithHistory, LedTeam } from '../../domain/commitments/store.js';
import { itemActions, header, message, text, type Block, type Interactive } from '../../ui/model.js';
import { countedLine, hoursText } from '../shared/commitment-lines.js';
import { day } from '../shared/wording.js';
import { COMMITMENT_NUDGE } from './controls.js';

const NUDGE_BUTTONS = 8;

export type TeamPorts = Pick<Ports, 'commitments' | 'people' | 'outbox' | 'audit'>;

function commitmentLine(session: Session, c: CommitmentWithHistory, showName = true): string {
  const parts = [session.t(`commitments.status.${c.status}`)];
  if (c.hoursFreedPerWeek !== null) parts.push(session.t('commitments.team.hours', { hours: hoursText(session, c.hoursFreedPerWeek) }));
  if (c.lastCheckIn) parts.push(session.t('commitments.team.last_check_in', { day: day(session, c.lastCheckIn.answeredAt) }));
  const scope = c.scope === 'team' ? ` ${session.t('commitments.team.team_decision')}` : '';
  return `• ${showName ? `${c.ownerName}: ` : ''}”${c.text}”${scope} – ${parts.join(', ')}`;
}

/** The team's commitments as lines, each name shown only as its owner allowed (the chat view and the console's team page). */
export function teamLines(session: Session, team: LedTeam): string[] {
  const named = team.commitments.filter((c) => c.visibility === 'named');
  // A team's shared decision is the team's business: its lead sees what it says, but the
  // name of whoever wrote it only if they allowed it. Personal ones kept counted stay counted.
  const sharedUnnamed = team.commitments.filter((c) => c.visibility === 'counted' && c.scope === 'team');
  const counted = team.commitments.filter((c) => c.visibility === 'counted' && c.scope === 'personal');
  return [...named.map((c) => commitmentLine(session, c)), ...sharedUnnamed.map((c) => commitmentLine(session, c, false)), countedLine(session, counted, team.minGroupSize)].filter((l): l is string =>
    Boolean(l),
  );
}

function teamBlocks(session: Session, team: LedTeam, withButtons: boolean): Block[] {
  const lines = teamLines(session, team);
  const blocks: Block[] = [text(session.t('commitments.team.title', { team: team.name })), text(lines.length > 0 ? lines.join('\n') : session.t('commitments.team.none'))];
  if (withButtons) {
    const others = team.members.filter((m) => m.id !== session.person?.participantId);
    const buttons: Interactive[] = others.slice(0, NUDGE_BUTTONS).map((m) => COMMITMENT_NUDGE.button(session.t('commitments.team.nudge_one', { name: m.name }), { teamId: team.id, who: m.id }));
    if (others.length > 1) buttons.push(COMMITMENT_NUDGE.button(session.t('commitments.team.nudge_all'), { teamId: team.id, who: 'all' }));
    if (buttons.length > 0) blocks.push(itemActions(...buttons));
  }
  return blocks;
}

export async function myTeam(session: Session, ports: TeamPorts): Promise<Reply> {
  const teams = await ports.commitments.ledTeams(memberOf(session).participantId);
  if (teams.length === 0) return say(session, 'commitments.team.not_a_lead');
  return answer(message(header(session.t('commitments.team.header')), ...teams.flatMap((t) => teamBlocks(session, t, true))));
}

/** The lead's home surface shows the same, without the buttons. */
export const teamHomeSection: Section<Pick<Ports, 'commitments'>> = {
  order: 30,
  async render(session, ports) {
    if (!session.person || !session.roles.includes('team_lead')) return [];
    const teams = await ports.commitments.ledTeams(session.person.participantId);
    return teams.flatMap((t) => teamBlocks(session, t, false));
  },
};

/** One message a day at most per person, through the outbox, in each member's own language. */
export async function nudge(session: Session, ports: TeamPorts, teamId: string, who: string): Promise<Reply> {
  const lead = memberOf(session);
  const team = (await ports.commitments.ledTeams(lead.participantId)).find((t) => t.id === teamId);
  if (!team) return refuse(session, 'commitments.team.not_your_team');
  const targets = team.members.filter((m) => m.id !== lead.participantId && (who === 'all' || m.id === who));
  if (targets.length === 0) return refuse(session, 'commitments.team.not_your_team');
  const dayKey = session.now.toISOString().slice(0, 10);
  let sent = 0;
  for (const member of targets) {
    const person = await ports.people.findById(member.id);
    if (!person) continue;
    const theirs = sessionFor(person, session.translator, session.now);
    sent += await ports.outbox.plan([
      {
        idempotencyKey: `nudge:${team.id}:${member.id}:${dayKey}`,
        kind: 'nudge',
        cohortId: person.cohortId,
        participantId: member.id,
        dueAt: session.now,
        payload: { message: message(text(theirs.t('commitments.team.nudge_message', { lead: lead.displayName, team: team.name }))) },
      },
    ]);
  }
  await ports.audit.record({ at: session.now, actorId: lead.participantId, action: 'commitment.nudged', subject: team.id, detail: { people: sent } });
  if (targets.length === 1) return say(session, sent === 1 ? 'commitments.team.nudged_one' : 'commitments.team.already_nudged', { name: targets[0]!.name });
  return say(session, 'commitments.team.nudged_all', { count: sent, skipped: targets.length - sent });
}
