// Answers to "Har du genomfört ditt beslut?": Klart, Delvis, Inte än or Släpp; then, if
// the person wants, a note and the hours a week it freed. Every check-in is kept. A partly
// done or not yet done commitment is followed up again before the module after.
import { CHECK_IN_STATUSES, followUpModule, MAX_NOTE, parseHours, type CheckInStatus } from '../../domain/commitments/commitment.js';
import { message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { afterCheckInCard, hoursText } from './cards.js';
import { ownCommitment } from './owned.js';
import { followUpPrefix, planFollowUps } from './plan.js';

/** The same answer again within this time is a double click, not a new check-in. */
const DOUBLE_CLICK_MS = 10 * 60_000;

export async function checkIn(ctx: Context, value: string): Promise<void> {
  const [id = '', status = ''] = value.split('|');
  if (!(CHECK_IN_STATUSES as readonly string[]).includes(status)) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  const c = await ownCommitment(ctx, id);
  if (!c) return;
  const last = c.lastCheckIn;
  if (last && last.status === status && ctx.now.getTime() - last.answeredAt.getTime() < DOUBLE_CLICK_MS) {
    return ctx.reply(message(text(ctx.t('commitments.already_checked_in', { status: ctx.t(`commitments.status.${status}`) }))));
  }
  const recorded = await ctx.services.commitments.checkIn(c.id, status as CheckInStatus, ctx.now);
  await ctx.services.audit.record({ at: ctx.now, actorId: c.participantId, action: 'commitment.checked_in', subject: c.id, detail: { status } });
  if (status === 'done' || status === 'dropped') {
    await ctx.services.outbox.cancelByPrefix(followUpPrefix(c.id), 'answered');
  } else {
    // Asked again before the module after this one (the current window's nudge is no longer needed).
    const { modules } = await ctx.services.commitments.context(c.participantId);
    const current = modules.find((m) => m.id === c.moduleId);
    const next = followUpModule(modules.filter((m) => !current || m.startsAt > current.startsAt), ctx.now);
    await ctx.services.commitments.update(c.id, { moduleId: next?.id ?? null }, ctx.now);
    await planFollowUps(ctx.services, { ...c, status: status as CheckInStatus, moduleId: next?.id ?? null }, ctx.now);
  }
  await ctx.reply(afterCheckInCard(ctx, recorded.id, ctx.t(`commitments.status.${status}`)));
}

/** `<check-in id>|<hours>` from a button. */
export async function hours(ctx: Context, value: string): Promise<void> {
  const [checkInId = '', raw = ''] = value.split('|');
  const h = parseHours(raw);
  const found = await ctx.services.commitments.checkInById(checkInId);
  if (!found || h === undefined) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  if (!(await ownCommitment(ctx, found.commitmentId))) return;
  await ctx.services.commitments.completeCheckIn(found.id, { hours: h });
  await ctx.reply(message(text(ctx.t('commitments.hours_saved', { hours: hoursText(ctx, h) }))));
}

export async function note(ctx: Context, values: Record<string, string>, checkInId: string): Promise<void> {
  const found = await ctx.services.commitments.checkInById(checkInId);
  if (!found) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  if (!(await ownCommitment(ctx, found.commitmentId))) return;
  const written = (values.note ?? '').trim();
  if ([...written].length > MAX_NOTE) return ctx.reply(message(text(ctx.t('commitments.problem.note_too_long', { length: [...written].length, max: MAX_NOTE }))));
  // "2 timmar" typed into the note is understood as the hours, too.
  const typedHours = parseHours(written);
  await ctx.services.commitments.completeCheckIn(found.id, typedHours !== undefined ? { hours: typedHours } : { note: written });
  await ctx.reply(message(text(typedHours !== undefined ? ctx.t('commitments.hours_saved', { hours: hoursText(ctx, typedHours) }) : ctx.t('commitments.note_saved'))));
}
