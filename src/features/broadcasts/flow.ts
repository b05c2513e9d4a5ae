// `utskick` / `broadcast` (facilitators): pick a module or write a message, see the preview,
// choose the audience (everyone by direct message, the cohort's channels, one group),
// confirm. Confirming is one conditional update, so a double click, an old card or a second
// facilitator's click sends nothing twice; the rows have one key per recipient, so a retry
// or a restart cannot either. Delivery is the outbox's job (platform rate limits included).
import { broadcastKeyPrefix, type Broadcast } from '../../domain/broadcasts/store.js';
import type { PlannedMessage } from '../../domain/outbox.js';
import { actions, button, divider, header, message, text, type Block } from '../../ui/model.js';
import type { Context } from '../context.js';
import { channelLabel, moduleNumberOf } from '../wording.js';
import { broadcastMessage } from './content.js';
import { deliveryReport } from './report.js';

export const BROADCAST_ACTIONS = {
  module: 'broadcast.module',
  write: 'broadcast.write',
  audience: 'broadcast.audience',
  confirm: 'broadcast.confirm',
  cancel: 'broadcast.cancel',
} as const;
export const BROADCAST_FORM = 'broadcast.text';
/** Fits one Slack section and one Teams text block with room to spare. */
export const MAX_BROADCAST_TEXT = 2500;

export async function broadcast(ctx: Context, args: string): Promise<void> {
  const words = args.trim();
  if (/^(rapport|report)$/i.test(words)) return showReport(ctx);
  const number = moduleNumberOf(words);
  if (number !== undefined) return draftModule(ctx, number);
  if (words) return draftText(ctx, words);
  const modules = await ctx.services.summaries.modulesOf(ctx.person!.programId);
  const upcoming = modules.filter((m) => m.startsAt > ctx.now);
  await ctx.reply(
    message(
      header(ctx.t('broadcasts.menu_title')),
      text(ctx.t('broadcasts.menu_intro')),
      actions(
        {
          type: 'select',
          placeholder: ctx.t('broadcasts.pick_module'),
          actionId: BROADCAST_ACTIONS.module,
          options: (upcoming.length > 0 ? upcoming : modules).map((m) => ({ label: ctx.t('broadcasts.module_option', { number: m.number, title: m.title }), value: String(m.number) })),
        },
        button(ctx.t('broadcasts.write_own'), BROADCAST_ACTIONS.write, 'new'),
      ),
    ),
  );
}

export async function pickModule(ctx: Context, value: string): Promise<void> {
  const number = moduleNumberOf(value);
  if (number === undefined) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  await draftModule(ctx, number);
}

export async function writeOwn(ctx: Context): Promise<void> {
  await ctx.reply(
    message({
      type: 'input',
      formId: BROADCAST_FORM,
      inputId: 'text',
      label: ctx.t('broadcasts.text_label'),
      placeholder: ctx.t('broadcasts.text_placeholder'),
      multiline: true,
      maxLength: MAX_BROADCAST_TEXT,
      submitLabel: ctx.t('broadcasts.send'),
      cancelLabel: ctx.t('common.cancel'),
    }),
  );
}

export async function fromForm(ctx: Context, values: Record<string, string>): Promise<void> {
  await draftText(ctx, values.text ?? '');
}

async function draftModule(ctx: Context, number: number): Promise<void> {
  const module = (await ctx.services.summaries.modulesOf(ctx.person!.programId)).find((m) => m.number === number);
  if (!module) return ctx.reply(message(text(ctx.t('broadcasts.no_module', { number }))));
  const draft = await ctx.services.broadcasts.createDraft({ cohortId: ctx.person!.cohortId, createdById: ctx.person!.participantId, contentKind: 'module', moduleId: module.id, at: ctx.now });
  await preview(ctx, draft);
}

async function draftText(ctx: Context, raw: string): Promise<void> {
  const body = raw.trim();
  if (!body) return ctx.reply(message(text(ctx.t('broadcasts.empty_text'))));
  const length = [...body].length;
  if (length > MAX_BROADCAST_TEXT) return ctx.reply(message(text(ctx.t('broadcasts.too_long', { length, max: MAX_BROADCAST_TEXT }))));
  const draft = await ctx.services.broadcasts.createDraft({ cohortId: ctx.person!.cohortId, createdById: ctx.person!.participantId, contentKind: 'text', text: body, at: ctx.now });
  await preview(ctx, draft);
}

/** The message as recipients will see it, then one button per audience with its size. */
async function preview(ctx: Context, draft: Broadcast): Promise<void> {
  const content = await broadcastMessage(ctx.services, draft, ctx.locale);
  const everyone = await ctx.services.broadcasts.recipients(draft.cohortId, null);
  const channels = await ctx.services.summaries.channelsOf(draft.cohortId);
  const groups = await ctx.services.broadcasts.groups(draft.cohortId);
  const choices = [
    button(ctx.t('broadcasts.audience_all', { count: everyone.length }), BROADCAST_ACTIONS.audience, `${draft.id}|all`, 'primary'),
    ...(channels.length > 0 ? [button(ctx.t('broadcasts.audience_channels', { count: channels.length }), BROADCAST_ACTIONS.audience, `${draft.id}|channels`)] : []),
    ...groups.filter((g) => g.size > 0).map((g) => button(ctx.t('broadcasts.audience_group', { group: g.name, count: g.size }), BROADCAST_ACTIONS.audience, `${draft.id}|group:${g.id}`)),
    button(ctx.t('broadcasts.cancel'), BROADCAST_ACTIONS.cancel, draft.id),
  ];
  const blocks: Block[] = [text(ctx.t('broadcasts.preview_title'), 'muted'), divider(), ...(content?.blocks ?? []), divider(), text(ctx.t('broadcasts.choose_audience')), actions(...choices)];
  await ctx.reply(message(...blocks));
}

/** The facilitator's own draft in their cohort, still a draft; anything else is an old button. */
async function ownDraft(ctx: Context, id: string): Promise<Broadcast | undefined> {
  const found = await ctx.services.broadcasts.byId(id);
  if (!found || found.createdById !== ctx.person?.participantId) {
    await ctx.reply(message(text(ctx.t('common.errors.old_button'))));
    return undefined;
  }
  if (found.status === 'sending') await ctx.reply(message(text(ctx.t('broadcasts.already_sent'))));
  else if (found.status === 'cancelled') await ctx.reply(message(text(ctx.t('broadcasts.already_cancelled'))));
  return found.status === 'draft' ? found : undefined;
}

export async function chooseAudience(ctx: Context, value: string): Promise<void> {
  const [id = '', choice = ''] = value.split('|');
  if (!/^(all|channels|group:[0-9a-f-]{36})$/i.test(choice)) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  const draft = await ownDraft(ctx, id);
  if (!draft) return;
  const audience = choice.startsWith('group:') ? 'group' : (choice as 'all' | 'channels');
  const group = audience === 'group' ? (await ctx.services.broadcasts.groups(draft.cohortId)).find((g) => g.id === choice.slice(6)) : undefined;
  if (audience === 'group' && !group) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  let question: string;
  if (audience === 'channels') {
    const channels = await ctx.services.summaries.channelsOf(draft.cohortId);
    if (channels.length === 0) return ctx.reply(message(text(ctx.t('broadcasts.no_channels'))));
    question = ctx.t('broadcasts.confirm_question.channels', { count: channels.length, channels: channels.map((c) => channelLabel(ctx.t, c)).join(', ') });
  } else {
    const people = await ctx.services.broadcasts.recipients(draft.cohortId, group?.id ?? null);
    if (people.length === 0) return ctx.reply(message(text(ctx.t('broadcasts.nobody'))));
    question = ctx.t(`broadcasts.confirm_question.${audience}`, { count: people.length, group: group?.name ?? '' });
  }
  if (!(await ctx.services.broadcasts.setAudience(draft.id, audience, group?.id ?? null))) return ctx.reply(message(text(ctx.t('broadcasts.already_sent'))));
  await ctx.reply(message(text(question), actions(button(ctx.t('broadcasts.send'), BROADCAST_ACTIONS.confirm, draft.id, 'primary'), button(ctx.t('broadcasts.cancel'), BROADCAST_ACTIONS.cancel, draft.id))));
}

export async function confirmBroadcast(ctx: Context, id: string): Promise<void> {
  const draft = await ownDraft(ctx, id);
  if (!draft || !draft.audience) return draft ? ctx.reply(message(text(ctx.t('common.errors.old_button')))) : undefined;
  const rows = await plannedRows(ctx, draft);
  if (rows.length === 0) return ctx.reply(message(text(ctx.t('broadcasts.nobody'))));
  // Only the click that turns the draft into "sending" plans anything.
  if (!(await ctx.services.broadcasts.confirm(draft.id, ctx.now))) return ctx.reply(message(text(ctx.t('broadcasts.already_sent'))));
  await ctx.services.outbox.plan(rows);
  await ctx.services.audit.record({ at: ctx.now, actorId: ctx.person!.participantId, action: 'broadcast.confirmed', subject: draft.id, detail: { audience: draft.audience, recipients: rows.length } });
  await ctx.reply(message(text(ctx.t('broadcasts.sending', { count: rows.length }))));
  ctx.services.kick?.();
}

export async function cancelBroadcast(ctx: Context, id: string): Promise<void> {
  const draft = await ownDraft(ctx, id);
  if (!draft) return;
  await ctx.services.broadcasts.cancel(draft.id);
  await ctx.reply(message(text(ctx.t('broadcasts.cancelled'))));
}

async function plannedRows(ctx: Context, draft: Broadcast): Promise<PlannedMessage[]> {
  const prefix = broadcastKeyPrefix(draft.id);
  const common = { kind: 'broadcast' as const, cohortId: draft.cohortId, dueAt: ctx.now };
  if (draft.audience === 'channels') {
    const channels = await ctx.services.summaries.channelsOf(draft.cohortId);
    return channels.map((c) => ({ ...common, idempotencyKey: `${prefix}c:${c.id}`, payload: { broadcastId: draft.id, channel: { id: c.id, platform: c.platform, channelId: c.channelId } } }));
  }
  const people = await ctx.services.broadcasts.recipients(draft.cohortId, draft.audience === 'group' ? draft.groupId : null);
  return people.map((participantId) => ({ ...common, idempotencyKey: `${prefix}p:${participantId}`, participantId, payload: { broadcastId: draft.id } }));
}

async function showReport(ctx: Context): Promise<void> {
  const latest = await ctx.services.broadcasts.latestSent(ctx.person!.cohortId);
  if (!latest) return ctx.reply(message(text(ctx.t('broadcasts.report.none_yet'))));
  await ctx.reply(await deliveryReport(ctx.services, latest, ctx.locale));
}
