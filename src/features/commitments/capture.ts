// `sluta` / `stop-doing`: record what I (or my team) will stop doing, from the program's
// suggestions or in my own words; then change who it is for, whether my name may be shown,
// the reason or the wording, or take it back. Only the owner can change a commitment.
import { checkText, followUpModule, MAX_REASON } from '../../domain/commitments/commitment.js';
import type { CommitmentWithHistory } from '../../domain/commitments/store.js';
import { message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { captureCard, commitmentCard, COMMITMENT_FORMS } from './cards.js';
import { ownCommitment } from './owned.js';
import { followUpPrefix, planFollowUps } from './plan.js';

export async function stopDoing(ctx: Context, args: string): Promise<void> {
  const person = ctx.person!;
  if (!args.trim()) {
    const own = await ctx.services.commitments.own(person.participantId);
    await ctx.reply(captureCard(ctx, await ctx.services.commitments.suggestions(person.programId)));
    for (const c of own.slice(0, 3)) await showCommitment(ctx, c);
    return;
  }
  await create(ctx, args, undefined);
}

export async function fromSuggestion(ctx: Context, key: string): Promise<void> {
  const suggestion = (await ctx.services.commitments.suggestions(ctx.person!.programId)).find((s) => s.key === key);
  if (!suggestion) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  await create(ctx, suggestion.text, suggestion.key);
}

export async function fromForm(ctx: Context, values: Record<string, string>): Promise<void> {
  await create(ctx, values.text ?? '', undefined);
}

async function create(ctx: Context, raw: string, suggestionKey: string | undefined): Promise<void> {
  const person = ctx.person!;
  const problem = checkText(raw);
  if (problem) return ctx.reply(message(text(ctx.t(`commitments.problem.${problem}`, { length: [...raw.trim()].length, max: 280 }))));
  const { modules } = await ctx.services.commitments.context(person.participantId);
  const mod = followUpModule(modules, ctx.now);
  const created = await ctx.services.commitments.create({
    participantId: person.participantId,
    teamId: null,
    moduleId: mod?.id ?? null,
    text: raw.trim(),
    reason: null,
    suggestionKey: suggestionKey ?? null,
    scope: 'personal',
    // Only counted until the person says their name may be shown.
    visibility: 'counted',
    at: ctx.now,
  });
  await planFollowUps(ctx.services, created, ctx.now);
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'commitment.created', subject: created.id });
  await ctx.reply(message(text(ctx.t('commitments.saved'))));
  const full = await ctx.services.commitments.byId(created.id);
  if (full) await showCommitment(ctx, full);
}

async function showCommitment(ctx: Context, c: CommitmentWithHistory): Promise<void> {
  const { modules, teams } = await ctx.services.commitments.context(c.participantId);
  const mod = modules.find((m) => m.id === c.moduleId);
  await ctx.reply(commitmentCard(ctx, c, { teamName: teams.find((t) => t.id === c.teamId)?.name, canBeTeam: teams.length > 0, moduleNumber: mod?.number, moduleStarts: mod?.startsAt }));
}

export async function setScope(ctx: Context, value: string): Promise<void> {
  const [id = '', scope = ''] = value.split('|');
  const c = await ownCommitment(ctx, id);
  if (!c || (scope !== 'team' && scope !== 'personal')) return;
  const { teams } = await ctx.services.commitments.context(c.participantId);
  const team = teams[0];
  if (scope === 'team' && !team) return ctx.reply(message(text(ctx.t('commitments.problem.no_team'))));
  await ctx.services.commitments.update(c.id, { scope, teamId: scope === 'team' ? team!.id : null }, ctx.now);
  await refreshed(ctx, c.id);
}

export async function setVisibility(ctx: Context, value: string): Promise<void> {
  const [id = '', visibility = ''] = value.split('|');
  const c = await ownCommitment(ctx, id);
  if (!c || (visibility !== 'named' && visibility !== 'counted')) return;
  await ctx.services.commitments.update(c.id, { visibility }, ctx.now);
  await refreshed(ctx, c.id);
}

export async function editText(ctx: Context, id: string): Promise<void> {
  const c = await ownCommitment(ctx, id);
  if (!c) return;
  await ctx.reply(
    message({ type: 'input', formId: `${COMMITMENT_FORMS.text}:${c.id}`, inputId: 'text', label: ctx.t('commitments.edit_label', { text: c.text.slice(0, 60) }), maxLength: 280, submitLabel: ctx.t('commitments.save'), cancelLabel: ctx.t('common.cancel') }),
  );
}

export async function saveText(ctx: Context, values: Record<string, string>, id: string): Promise<void> {
  const c = await ownCommitment(ctx, id);
  if (!c) return;
  const raw = values.text ?? '';
  const problem = checkText(raw);
  if (problem) return ctx.reply(message(text(ctx.t(`commitments.problem.${problem}`, { length: [...raw.trim()].length, max: 280 }))));
  await ctx.services.commitments.update(c.id, { text: raw.trim() }, ctx.now);
  await refreshed(ctx, c.id);
}

export async function saveReason(ctx: Context, values: Record<string, string>, id: string): Promise<void> {
  const c = await ownCommitment(ctx, id);
  if (!c) return;
  const reason = (values.reason ?? '').trim();
  if ([...reason].length > MAX_REASON) return ctx.reply(message(text(ctx.t('commitments.problem.reason_too_long', { length: [...reason].length, max: MAX_REASON }))));
  await ctx.services.commitments.update(c.id, { reason: reason || null }, ctx.now);
  await refreshed(ctx, c.id);
}

export async function withdraw(ctx: Context, id: string): Promise<void> {
  const c = await ownCommitment(ctx, id);
  if (!c) return;
  await ctx.services.commitments.update(c.id, { status: 'withdrawn' }, ctx.now);
  await ctx.services.outbox.cancelByPrefix(followUpPrefix(c.id), 'withdrawn');
  await ctx.services.audit.record({ at: ctx.now, actorId: c.participantId, action: 'commitment.withdrawn', subject: c.id });
  await ctx.reply(message(text(ctx.t('commitments.withdrawn', { text: c.text }))));
}

async function refreshed(ctx: Context, id: string): Promise<void> {
  const c = await ctx.services.commitments.byId(id);
  if (c) await showCommitment(ctx, c);
}
