// The buttons on a reminder: Klar/Done (with Ångra/Undo), Snooza/Snooze and
// Detaljer/Details. Every value comes from a card the person may have kept for weeks,
// so each handler checks the preparation belongs to the person's own program.
import type { PreparationView } from '../../domain/reminders/store.js';
import { reminderPrefix, snoozeKey } from '../../domain/reminders/plan.js';
import { snoozeUntil, SNOOZE_OPTIONS, type SnoozeOption } from '../../domain/reminders/snooze.js';
import { formatMoment } from '../../i18n/format.js';
import { actions, button, message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { refreshHome } from '../home.js';
import { ACTIONS, detailsMessage, voiceOf } from './messages.js';
import { askReflection } from '../reflections/reflect.js';
import { replanReminders } from './planner.js';

async function ownPreparation(ctx: Context, preparationId: string): Promise<PreparationView | undefined> {
  const prep = await ctx.services.reminders.preparation(preparationId);
  if (!prep || !ctx.person || prep.programId !== ctx.person.programId) {
    await ctx.reply(message(text(ctx.t('common.errors.old_button'))));
    return undefined;
  }
  return prep;
}

const isDone = async (ctx: Context, preparationId: string) =>
  (await ctx.services.reminders.doneAmong(ctx.person!.participantId, [preparationId])).size > 0;

export async function markDone(ctx: Context, preparationId: string): Promise<void> {
  const prep = await ownPreparation(ctx, preparationId);
  if (!prep) return;
  const person = ctx.person!;
  const isNew = await ctx.services.reminders.markDone(person.participantId, prep.id, ctx.now);
  if (!isNew) return ctx.reply(message(text(ctx.t('reminders.already_done', { title: prep.title }))));
  await ctx.services.outbox.cancelByPrefix(reminderPrefix(person.participantId, prep.id), 'done');
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'preparation.done', subject: prep.id });
  await ctx.reply(message(text(ctx.t('reminders.done', { title: prep.title })), actions(button(ctx.t('reminders.button_undo'), ACTIONS.undo, prep.id))));
  await refreshHome(ctx);
  // A preparation with reflection questions asks them now, while it is fresh.
  await askReflection(ctx, prep.id, 0);
}

export async function undoDone(ctx: Context, preparationId: string): Promise<void> {
  const prep = await ownPreparation(ctx, preparationId);
  if (!prep) return;
  const person = ctx.person!;
  if (!(await ctx.services.reminders.undoDone(person.participantId, prep.id))) {
    return ctx.reply(message(text(ctx.t('reminders.not_done', { title: prep.title }))));
  }
  // The ladder's remaining steps come back (cancelled rows are revived, nothing doubles).
  await replanReminders(ctx.services, { participantIds: [person.participantId] }, ctx.now);
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'preparation.undone', subject: prep.id });
  await ctx.reply(message(text(ctx.t('reminders.undone', { title: prep.title }))));
  await refreshHome(ctx);
}

export async function snooze(ctx: Context, value: string): Promise<void> {
  const [preparationId = '', option = ''] = value.split('|');
  if (!(SNOOZE_OPTIONS as readonly string[]).includes(option)) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  const prep = await ownPreparation(ctx, preparationId);
  if (!prep) return;
  const person = ctx.person!;
  if (await isDone(ctx, prep.id)) return ctx.reply(message(text(ctx.t('reminders.already_done', { title: prep.title }))));
  const settings = await ctx.services.reminders.settingsOf(person.participantId);
  if (!settings) return;
  const until = snoozeUntil(ctx.now, settings.zone, settings.policy, option as SnoozeOption);
  const when = (at: Date) => formatMoment(at, settings.zone, ctx.locale);
  if (settings.pausedUntil && until < settings.pausedUntil) {
    return ctx.reply(message(text(ctx.t('reminders.snooze_paused', { until: when(settings.pausedUntil) }))));
  }
  // A reminder for this item already coming before then makes the snooze unnecessary: never two.
  const pending = await ctx.services.outbox.pendingFor([person.participantId], ['reminder']);
  const sooner = pending.find((row) => row.idempotencyKey.startsWith(reminderPrefix(person.participantId, prep.id)) && row.dueAt > ctx.now && row.dueAt <= until);
  if (sooner) return ctx.reply(message(text(ctx.t('reminders.snoozed', { title: prep.title, when: when(sooner.dueAt) }))));
  await ctx.services.outbox.plan([
    {
      idempotencyKey: snoozeKey(person.participantId, prep.id, until),
      kind: 'reminder',
      cohortId: person.cohortId,
      participantId: person.participantId,
      dueAt: until,
      payload: { preparationId: prep.id, step: `snooze@${until.toISOString()}` },
    },
  ]);
  const afterDeadline = until >= prep.dueAt;
  await ctx.reply(
    message(
      text(ctx.t('reminders.snoozed', { title: prep.title, when: when(until) })),
      ...(afterDeadline ? [text(ctx.t('reminders.snooze_after_deadline', { due: when(prep.dueAt) }), 'muted' as const)] : []),
    ),
  );
}

export async function details(ctx: Context, preparationId: string): Promise<void> {
  const prep = await ownPreparation(ctx, preparationId);
  if (!prep) return;
  const voice = voiceOf(ctx.person!, ctx.services.translator.t, ctx.locale);
  await ctx.reply(detailsMessage(voice, prep, await isDone(ctx, prep.id)));
}
