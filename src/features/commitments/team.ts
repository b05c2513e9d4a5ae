// `mitt team` / `my team` (team leads): the commitments in the teams I lead, with status
// and last check-in, and a nudge for one person or the whole team. A commitment its owner
// keeps "only counted" is never shown with a name here: a personal one is only counted, a
// team decision shows its text without the name. A lead sees only the teams they lead.
import type { CommitmentWithHistory, LedTeam } from '../../domain/commitments/store.js';
import { formatDay } from '../../i18n/format.js';
import { actions, button, header, message, text, type Block, type Interactive } from '../../ui/model.js';
import type { Context } from '../context.js';
import { voiceOf } from '../reminders/messages.js';
import { COMMITMENT_ACTIONS, hoursText } from './cards.js';

const NUDGE_BUTTONS = 8;

export function commitmentLine(ctx: Context, c: CommitmentWithHistory, showName = true): string {
  const parts = [ctx.t(`commitments.status.${c.status}`)];
  if (c.hoursFreedPerWeek !== null) parts.push(ctx.t('commitments.team.hours', { hours: hoursText(ctx, c.hoursFreedPerWeek) }));
  if (c.lastCheckIn) parts.push(ctx.t('commitments.team.last_check_in', { day: formatDay(c.lastCheckIn.answeredAt, ctx.person?.timezone ?? 'Europe/Stockholm', ctx.locale) }));
  const scope = c.scope === 'team' ? ` ${ctx.t('commitments.team.team_decision')}` : '';
  return `• ${showName ? `${c.ownerName}: ` : ''}”${c.text}”${scope} – ${parts.join(', ')}`;
}

/** "3 beslut utan namn: 1 klart, 2 pågår" for the commitments kept only counted. */
export function countedLine(ctx: Pick<Context, 't'>, counted: Pick<CommitmentWithHistory, 'status'>[]): string | undefined {
  if (counted.length === 0) return undefined;
  const byStatus = new Map<string, number>();
  for (const c of counted) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const parts = [...byStatus].map(([status, n]) => `${n} ${ctx.t(`commitments.status.${status}`)}`);
  return `• ${ctx.t('commitments.team.counted', { count: counted.length, statuses: parts.join(', ') })}`;
}

export function teamBlocks(ctx: Context, team: LedTeam, withButtons: boolean): Block[] {
  const named = team.commitments.filter((c) => c.visibility === 'named');
  // A team's shared decision is the team's business: its lead sees what it says, but the
  // name of whoever wrote it only if they allowed it. Personal ones kept counted stay counted.
  const sharedUnnamed = team.commitments.filter((c) => c.visibility === 'counted' && c.scope === 'team');
  const counted = team.commitments.filter((c) => c.visibility === 'counted' && c.scope === 'personal');
  const lines = [...named.map((c) => commitmentLine(ctx, c)), ...sharedUnnamed.map((c) => commitmentLine(ctx, c, false)), countedLine(ctx, counted)].filter((l): l is string => Boolean(l));
  const blocks: Block[] = [text(ctx.t('commitments.team.title', { team: team.name })), text(lines.length > 0 ? lines.join('\n') : ctx.t('commitments.team.none'))];
  if (withButtons) {
    const others = team.members.filter((m) => m.id !== ctx.person?.participantId);
    const buttons: Interactive[] = others.slice(0, NUDGE_BUTTONS).map((m) => button(ctx.t('commitments.team.nudge_one', { name: m.name }), COMMITMENT_ACTIONS.nudge, `${team.id}|${m.id}`));
    if (others.length > 1) buttons.push(button(ctx.t('commitments.team.nudge_all'), COMMITMENT_ACTIONS.nudge, `${team.id}|all`));
    if (buttons.length > 0) blocks.push(actions(...buttons));
  }
  return blocks;
}

export async function myTeam(ctx: Context): Promise<void> {
  const teams = await ctx.services.commitments.ledTeams(ctx.person!.participantId);
  if (teams.length === 0) return ctx.reply(message(text(ctx.t('commitments.team.not_a_lead'))));
  await ctx.reply(message(header(ctx.t('commitments.team.header')), ...teams.flatMap((t) => teamBlocks(ctx, t, true))));
}

/** The lead's home surface shows the same, without the buttons. */
export async function teamHomeSection(ctx: Context): Promise<Block[]> {
  if (!ctx.person || !ctx.roles.includes('team_lead')) return [];
  const teams = await ctx.services.commitments.ledTeams(ctx.person.participantId);
  return teams.flatMap((t) => teamBlocks(ctx, t, false));
}

/** `<team>|<member or "all">`: one message a day at most per person, through the outbox. */
export async function nudge(ctx: Context, value: string): Promise<void> {
  const [teamId = '', who = ''] = value.split('|');
  const lead = ctx.person!;
  const team = (await ctx.services.commitments.ledTeams(lead.participantId)).find((t) => t.id === teamId);
  if (!team) return ctx.reply(message(text(ctx.t('commitments.team.not_your_team'))));
  const targets = team.members.filter((m) => m.id !== lead.participantId && (who === 'all' || m.id === who));
  if (targets.length === 0) return ctx.reply(message(text(ctx.t('commitments.team.not_your_team'))));
  const day = ctx.now.toISOString().slice(0, 10);
  let sent = 0;
  for (const member of targets) {
    const person = await ctx.services.people.findById(member.id);
    if (!person) continue;
    const voice = voiceOf(person, ctx.services.translator.t);
    sent += await ctx.services.outbox.plan([
      {
        idempotencyKey: `nudge:${team.id}:${member.id}:${day}`,
        kind: 'nudge',
        cohortId: person.cohortId,
        participantId: member.id,
        dueAt: ctx.now,
        payload: { message: message(text(voice.t('commitments.team.nudge_message', { lead: lead.displayName, team: team.name }))) },
      },
    ]);
  }
  await ctx.services.audit.record({ at: ctx.now, actorId: lead.participantId, action: 'commitment.nudged', subject: team.id, detail: { people: sent } });
  if (targets.length === 1) {
    return ctx.reply(message(text(ctx.t(sent === 1 ? 'commitments.team.nudged_one' : 'commitments.team.already_nudged', { name: targets[0]!.name }))));
  }
  await ctx.reply(message(text(ctx.t('commitments.team.nudged_all', { count: sent, skipped: targets.length - sent }))));
}
