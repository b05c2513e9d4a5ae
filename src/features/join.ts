// `gå med KOD` / `join CODE`: self-enrolment with the cohort's join code.
import { message, text, type Block } from '../ui/model.js';
import type { Context } from './context.js';
import { refreshHome } from './home.js';
import { replanReminders } from './reminders/planner.js';
import { replanReflections } from './reflections/scheduled.js';

/** The join code as a form: typed into a dialog on Slack, inline in the playground. */
export function joinForm(ctx: Context): Block {
  return {
    type: 'input',
    formId: 'join',
    inputId: 'code',
    label: ctx.t('join.form_label'),
    maxLength: 64,
    submitLabel: ctx.t('join.form_submit'),
    cancelLabel: ctx.t('common.cancel'),
  };
}

export async function join(ctx: Context, code: string): Promise<void> {
  if (ctx.person) {
    await ctx.reply(message(text(ctx.t('join.already', { cohort: ctx.person.cohortName }))));
    return;
  }
  if (!code) {
    await ctx.reply(message(text(ctx.t('join.missing_code'))));
    return;
  }
  const cohort = await ctx.services.cohorts.findByJoinCode(code);
  if (!cohort) {
    await ctx.reply(message(text(ctx.t('join.unknown_code', { code: code.slice(0, 40) }))));
    return;
  }
  const { actor } = ctx.event;
  const person = await ctx.services.people.enrol({
    cohortId: cohort.id,
    platform: actor.platform,
    userId: actor.userId,
    tenantId: actor.tenantId,
    displayName: actor.displayName?.trim() || ctx.t('common.roles.participant'),
    locale: ctx.locale,
    at: ctx.now,
  });
  await ctx.services.conversations.remember(ctx.event.conversation, person.participantId);
  // A late joiner gets the reminders still ahead, never a burst of old ones.
  await replanReminders(ctx.services, { participantIds: [person.participantId] }, ctx.now);
  await replanReflections(ctx.services, [person.programId], ctx.now, [person.participantId]);
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'cohort.joined', subject: cohort.id });
  await ctx.reply(message(text(ctx.t('join.joined', { cohort: cohort.name }))));
  await refreshHome({ ...ctx, person, roles: person.roles });
}
